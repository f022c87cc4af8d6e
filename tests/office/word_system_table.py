"""The system-table fixture's content: a city's DX plan chapter as its digital section types it in Word: a 施策体系
table (基本目標 merged down its two 施策), then each 施策 with 【】 block headings, a 成果指標 table with a goal for each
year on the way (現状値(R4) | R6 | R7 | R8 | 目標値(R9)), a スケジュール whose years are shaded cells (no text in them),
a 成果指標 table whose 施策 cell is merged down its two indicators, and a 【担当課】 line.

The city is invented; the wording follows the DX plan pages in tests/real. `text()` is the same content as a plan
text, its tables a row a line with tabs between cells (a merged cell's place empty, a shaded year 「→」).
"""
from __future__ import annotations

CHAPTER = "第3章　施策の展開"
SYSTEM_HEADING = "1　施策の体系"
SYSTEM_ROWS = [["基本目標", "施策", "主な取組"],
               ["1 便利な行政サービス", "1-1 行政手続のオンライン化", "電子申請の拡充"],
               ["", "1-2 窓口のデジタル化", "書かない窓口"],
               ["2 デジタルで支える地域", "2-1 デジタルデバイド対策", "スマホ教室"]]
SYSTEM_MERGES = [(1, 0, 2, 0)]
CONTENT_HEADING = "2　施策の内容"
YEARS = ["R6", "R7", "R8", "R9"]
# (title, [(block heading, lines or a table: (rows, merges, shaded cells))])
MEASURES = [
    ("施策1-1　行政手続のオンライン化", [
        ("【現状と課題】", ["市の手続の多くは窓口での書面申請が前提となっており、オンラインで完結する手続は全体の1割程度です。"]),
        ("【取組内容】", ["・子育て・介護など利用の多い手続から順にオンライン化します。"]),
        ("【成果指標】", ([["指標", "現状値(R4)", "R6", "R7", "R8", "目標値(R9)"],
                         ["オンライン化した手続数", "45手続", "80手続", "120手続", "160手続", "200手続"]], [], [])),
        ("【スケジュール】", ([["取組", *YEARS], ["電子申請システムの更新", "", "", "", ""],
                            ["手続のオンライン化", "", "", "", ""]], [], [(1, 1), (1, 2), (2, 2), (2, 3), (2, 4)])),
        ("【担当課】デジタル推進課", []),
    ]),
    ("施策1-2　窓口のデジタル化", [
        ("【現状と課題】", ["来庁者は申請書に同じ内容を何度も記入する必要があり、待ち時間も長くなっています。"]),
        ("【成果指標】", ([["施策", "指標", "現状値(R4)", "目標値(R9)"],
                         ["窓口のデジタル化", "書かない窓口の対象手続数", "0手続", "30手続"],
                         ["", "窓口の平均待ち時間", "25分", "15分"]], [(1, 0, 2, 0)], [])),
        ("【担当課】市民課", []),
    ]),
]


def _table_lines(rows, shaded) -> list[str]:
    return ["\t".join("→" if (r, c) in shaded else cell for c, cell in enumerate(row)) for r, row in enumerate(rows)]


def text() -> str:
    parts = [CHAPTER, SYSTEM_HEADING, *_table_lines(SYSTEM_ROWS, []), CONTENT_HEADING]
    for title, blocks in MEASURES:
        parts.append(title)
        for heading, content in blocks:
            parts.append(heading)
            parts += _table_lines(content[0], content[2]) if isinstance(content, tuple) else content
    return "\n".join(parts) + "\n"
