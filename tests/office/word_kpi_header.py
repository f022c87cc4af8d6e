"""The two-row header fixture's content: a 総合計画 施策 page as a city's planning section types it in Word, its
成果指標 table headed over two rows (「基準値」 and 「目標値」 each merged over 「年度」 | 「値」, 「指標名」 merged down both
rows) and a 年次計画 table whose 「年度」 is merged over its year columns.

The city is invented; the wording follows the 総合計画 pages in tests/real. `text()` is the same content as a plan
text, its tables a row a line with tabs between cells (a merged cell's place empty).
"""
from __future__ import annotations

CHAPTER = "第2章　安全・安心に暮らせるまち"
MEASURE = "施策2-1　防災・減災対策の推進"
STATE = ["○近年、全国各地で大規模な自然災害が頻発しており、本市でも令和元年の台風で浸水被害が発生しました。",
         "○自主防災組織の結成率は78.5%ですが、役員の高齢化により活動が停滞している組織もあります。"]
DIRECTIONS = [("(1)地域防災力の向上", "自主防災組織の活動を支援し、防災リーダーの育成を進めます。"),
              ("(2)防災情報の伝達手段の充実", "防災行政無線のデジタル化を進め、防災アプリやSNSを活用した情報発信を行います。")]
KPI_ROWS = [["指標名", "基準値", "", "目標値", ""],
            ["", "年度", "値", "年度", "値"],
            ["自主防災組織の結成率", "R2", "78.5%", "R8", "90.0%"],
            ["防災アプリの登録者数", "R2", "1,200人", "R8", "5,000人"]]
KPI_MERGES = [(0, 0, 1, 0), (0, 1, 0, 2), (0, 3, 0, 4)]  # (first row, first column, last row, last column)
WORK_ROWS = [["取組", "内容", "担当課"],
             ["自主防災組織育成事業", "防災訓練と資機材の整備を支援する", "危機管理課"],
             ["防災行政無線整備事業", "無線のデジタル化を行う", "危機管理課"]]
SCHEDULE_ROWS = [["取組", "年度", "", "", ""],
                 ["", "R5", "R6", "R7", "R8"],
                 ["防災行政無線のデジタル化", "設計", "整備", "→", "運用"],
                 ["防災アプリの普及", "検討", "導入", "普及", "→"]]
SCHEDULE_MERGES = [(0, 0, 1, 0), (0, 1, 0, 4)]
# (heading, content): a ■ heading over a table or over paragraphs
BLOCKS = [("■現状と課題", STATE), ("■施策の方向", [line for pair in DIRECTIONS for line in pair]),
          ("■成果指標", KPI_ROWS), ("■主な取組", WORK_ROWS), ("■年次計画", SCHEDULE_ROWS)]


def text() -> str:
    parts = [CHAPTER, MEASURE]
    for heading, content in BLOCKS:
        parts.append(heading)
        parts += ["\t".join(row) if isinstance(row, list) else row for row in content]
    return "\n".join(parts) + "\n"
