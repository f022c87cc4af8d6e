"""Focused behaviour of the reader and the extractors on small plan texts written for the test,
in layouts other than the five supplied ones."""
from extractors import extract_all
from pipeline import read_text
from pipeline.records import rows

SIXTH_LAYOUT = """\
みどり市情報化推進プラン

令和6年4月

第1章 はじめに
本プランの計画期間は、令和6年度から令和9年度までの4年間とします。

第2章 施策
1 窓口サービスの向上（市民課、情報政策課）
現状と課題
・来庁が必要な手続きが多い
具体的な取組
・オンライン申請の拡充
| 取組 | 令和6年度 | 令和7年度 | 令和8年度 | 令和9年度 |
|---|---|---|---|---|
| 電子申請 | 検討 | 導入 | 運用 | 運用 |

2 防災情報の発信
所管課 危機管理室 ほか 関係各課
現状と課題
・情報発信の手段が限られている

第3章 推進体制
市長を本部長とする推進本部を置きます。
"""


def run(text):
    return rows(extract_all(read_text(text)).records)


def test_sixth_layout_measures_and_departments():
    records = run(SIXTH_LAYOUT)
    measures = [(m["label"], m["title"], m["departments"], m["line"]) for m in records["measures"]]
    assert measures == [
        ("1", "窓口サービスの向上", ["市民課", "情報政策課"], 9),
        ("2", "防災情報の発信", ["危機管理室", "関係各課"], 18),
    ]


def test_sixth_layout_metadata_and_sections():
    records = run(SIXTH_LAYOUT)
    meta = records["metadata"][0]
    assert (meta["municipality"], meta["title"]) == ("みどり市", "みどり市情報化推進プラン")
    assert (meta["period_start_fy"], meta["period_end_fy"]) == (2024, 2027)
    sections = [(s["level"], s["label"], s["title"]) for s in records["sections"]]
    assert sections == [(1, "第1章", "はじめに"), (1, "第2章", "施策"), (2, "1", "窓口サービスの向上（市民課、情報政策課）"),
                        (2, "2", "防災情報の発信"), (1, "第3章", "推進体制")]
    assert "toc_entries" not in records


def test_pipe_table_is_a_table():
    doc = read_text("| 取組 | 令和6年度 |\n|---|---|\n| 電子申請 | 検討 |\n")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and [r.cells for r in tables[0].rows] == [("取組", "令和6年度"), ("電子申請", "検討")]


def test_repeated_slide_headings_are_one_section():
    text = "1. 重点取組\n\n(1) 窓口改革-1\n\n現状\n\n待ち時間が長い\n\n取組\t担当課\t令和5年度\t令和6年度\n窓口\t市民課\t検討\t実施\n\n" \
           "1. 重点取組\n\n(1) 窓口改革- 2\n\n課題\n\n書かない窓口の検討\n\n(2) 防災\n\n現状\n\n無線が古い\n"
    records = run(text)
    assert [(s["label"], s["title"]) for s in records["sections"]] == [("1.", "重点取組"), ("(1)", "窓口改革"), ("(2)", "防災")]
    assert [(m["label"], m["title"], m["departments"]) for m in records["measures"]] == [
        ("(1)", "窓口改革", ["市民課"]), ("(2)", "防災", [])]


def test_toc_without_heading_and_body_start():
    text = "ある町の計画\n\n第1章 概要\n\n1.目的\t3\n2.期間\t4\n\n第2章 施策\n\n1.窓口\t5\n\n1. 目的\n本文です。\n"
    entries = run(text)["toc_entries"]
    assert [(e["level"], e["label"], e["title"], e["page"]) for e in entries] == [
        (1, "第1章", "概要", None), (2, "1.", "目的", 3), (2, "2.", "期間", 4), (1, "第2章", "施策", None),
        (2, "1.", "窓口", 5)]


def test_overview_list_and_lone_diagnosis_are_not_measures():
    text = "1. はじめに\n\n(1) 本市の動向\n\n現状\n\n人口が減っている\n\n課題\n\n人材不足\n\n(2) 重点取組事項の概要\n\n" \
           "① 窓口の改善\n② 防災の強化\n\n2. 取組\n\n① 窓口の改善\n\n現状・課題\n\n・待ち時間\n\n対応方針\n\n・予約制\n\n" \
           "② 防災の強化\n\n現状・課題\n\n・無線\n"
    records = run(text)
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("①", "窓口の改善"), ("②", "防災の強化")]


def test_toc_title_disagreement_is_a_warning():
    text = "目次\n\n1. 施策……2\n- ①-1 オンライン申請の推進\n\n1. 施策\n\n①-1 オンライン申請の促進\n\n現状・課題\n\n・少ない\n\n" \
           "①-2 窓口\n\n現状・課題\n\n・混む\n"
    result = extract_all(read_text(text))
    assert [m.title for m in result.records.measures] == ["オンライン申請の促進", "窓口"]
    messages = [w.message for w in result.warnings]
    assert any("目次" in m and "オンライン申請の推進" in m and "オンライン申請の促進" in m for m in messages)


def test_printed_text_is_kept():
    doc = read_text("（１）①の取組**重要**と ①②事務手続き\n")
    assert doc.blocks[0].text == "（１）①の取組重要と ①②事務手続き"


def test_toc_settings_are_used():
    from extractors import ExtractionSettings
    from extractors.toc import TocSettings

    text = "目次\n\n1. 短い……2\n2. とても長い見出しの項目……3\n\n1. 短い\n"
    doc = read_text(text)
    assert len(extract_all(doc).records.toc_entries) == 2
    short = ExtractionSettings(toc=TocSettings(max_entry_length=6))
    assert [e.title for e in extract_all(doc, short).records.toc_entries] == ["短い"]
    assert [e.title for e in extract_all(doc, {"toc": {"max_entry_length": 6}}).records.toc_entries] == ["短い"]


def test_sixth_layout_statements_and_pipe_schedule():
    records = run(SIXTH_LAYOUT)
    assert [(s["measure_seq"], s["kind"], s["text"], s["inferred"]) for s in records["statements"]] == [
        (1, "現状と課題", "来庁が必要な手続きが多い", 0), (2, "現状と課題", "情報発信の手段が限られている", 0)]
    assert [(i["measure_seq"], i["title"], [c["fiscal_year"] for c in i["cells"]])
            for i in records["schedule_items"]] == [(1, "電子申請", [2024, 2025, 2026, 2027])]


SLIDE_BOXES = """\
(1) 窓口の改革
現状

課題

窓口で同じことを何度も書く必要が
ある

書かない窓口の導入検討

オンライン申請の利用が少ない

利用促進の徹底

【目標】
窓口の平均待ち時間 令和5年度 20分 → 令和8年度 10分
住民満足度 令和5年度 65% → 令和8年度 80%

(2) 情報発信
現状
・広報紙とホームページのみ
・申請・届出の案内が分かりにくい
今後の方向性
・SNSの活用
"""


def test_interleaved_boxes_wrapped_items_and_kpi_block():
    records = run(SLIDE_BOXES)
    statements = [(s["measure_seq"], s["kind"], s["text"], s["inferred"], s["line"]) for s in records["statements"]]
    assert statements == [
        (1, "現状", "窓口で同じことを何度も書く必要がある", 1, 6),   # two lines of one box item
        (1, "課題", "書かない窓口の導入検討", 1, 9),
        (1, "現状", "オンライン申請の利用が少ない", 1, 11),
        (1, "課題", "利用促進の徹底", 1, 13),
        (2, "現状", "広報紙とホームページのみ", 0, 21),
        (2, "現状", "申請・届出の案内が分かりにくい", 0, 22),
        (2, "今後の方向性", "SNSの活用", 0, 24),
    ]
    targets = [(t["measure_seq"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"],
                t["target_value"], t["unit"]) for t in records["targets"]]
    assert targets == [(1, "窓口の平均待ち時間", 2023, 20, 2026, 10, "分"),
                       (1, "住民満足度", 2023, 65, 2026, 80, "%")]


BLOCKS_LAYOUT = """\
第1章 施策
1 窓口の改善
来庁者は年々増えています。
【現状】
・窓口が混雑している
【施策内容】
・書かない窓口の導入
・オンライン申請の拡充
※ 書かない窓口：申請書を書かずに手続きできる窓口
【スケジュール】
\t令和6年度\t令和7年度
書かない窓口\t検討\t導入
※ 導入後は随時見直します。
2 防災の強化
取組内容 防災アプリを配信します。
実施内容\t・避難所の混雑状況の公開
課題\t・情報発信の手段が限られている
"""


def test_passages_know_the_block_they_are_in():
    blocks = {p["text"]: p["block"] for p in run(BLOCKS_LAYOUT)["passages"]}
    assert blocks["来庁者は年々増えています。"] is None  # before any block word
    assert blocks["・窓口が混雑している"] == "current_state"
    assert blocks["・書かない窓口の導入"] == blocks["・オンライン申請の拡充"] == "content"
    assert blocks["※ 書かない窓口：申請書を書かずに手続きできる窓口"] is None  # a footnote ends the block
    assert blocks["書かない窓口\t検討\t導入"] == "schedule"  # the table right after 【スケジュール】
    assert blocks["※ 導入後は随時見直します。"] is None  # a block ends at its table
    assert blocks["取組内容 防災アプリを配信します。"] == "content"  # the word at the start of the line
    assert blocks["実施内容\t・避難所の混雑状況の公開"] == "content"  # the word in the row's first cell
    assert blocks["課題\t・情報発信の手段が限られている"] == "issues"


def test_an_unnumbered_chapter_of_the_toc_ends_the_last_measure():
    text = ("みどり町DX推進計画\n\n目次\n1 施策\t3\n2 推進体制\t5\n用語解説\t6\n\n"
            "1 施策\n(1) 書かない窓口\n【施策内容】\n・申請書の記入を減らします\n\n"
            "2 推進体制\n(1) 推進本部\n【施策内容】\n・町長を本部長とする推進本部を置きます\n\n"
            "用語解説\n\nテレワーク\t場所と時間にとらわれない働き方のことです。\n")
    records = run(text)
    assert [(s["level"], s["label"], s["title"]) for s in records["sections"]][-1] == (1, None, "用語解説")
    glossary = next(p for p in records["passages"] if p["text"].startswith("テレワーク"))
    assert glossary["measure_seq"] is None  # the glossary is not the body of 推進本部
    # a line that only repeats an unnumbered title inside a chapter's body is not a chapter
    assert run(text.replace("用語解説\t6\n", ""))["sections"][-1]["title"] == "推進本部"


def test_a_block_heading_printed_over_two_lines_and_a_modified_block_word():
    text = """\
施策課題
73103000
電子区役所の推進
当該施策によって
解決すべき課題
●窓口に来なければできない手続が多いことが課題となっています。
期待する効果
●来庁せずに手続ができる。
"""
    statements = [(s["kind"], s["role"], s["text"], s["line"]) for s in run(text)["statements"]]
    assert statements == [
        ("当該施策によって解決すべき課題", "issues", "窓口に来なければできない手続が多いことが課題となっています。", 6),
        ("期待する効果", "effect", "来庁せずに手続ができる。", 8),
    ]


def test_an_evaluation_sheet_names_its_measure_and_code_its_numbered_parts_are_no_measures():
    text = """\
施策名 効率的な市政運営の推進(庶務課)
施策コード:05030301
1.施策の体系と担当課
主管課 総務部 庶務課
2.施策にかかるコスト
| 区分 | 令和4年度 | 令和5年度 |
|---|---|---|
| 事業費 | 16,847 | 16,023 |
3.成果指標
| 成果指標 | 現状値 | 目標値 |
|---|---|---|
| 条例の改正数 | 42 | 40 |
"""
    measures = [(m["label"], m["title"], m["line"]) for m in run(text)["measures"]]
    assert measures == [("05030301", "効率的な市政運営の推進", 1)]


def test_bulleted_measures_under_a_line_naming_them():
    """A table dumped row label by row label: 具体的な施策 lists the measures (two on a line where the dump
    joined them, one broken inside a word), 具体的な目標 is a goal with its dated baseline under it."""
    records = run("計画の比較\n\n計画の方向性\n\n地域スポーツの振興\n\n具体的な目標\n\n平成27年度までに、実施率を42.0%まで高める\n\n"
                  "(平成13年度 34.0%)\n\n具体的な施策\n\n・西部スポーツセ ンターの整備\n\n・体育館の改修 ・東部スポーツセ\n\n"
                  "ンターの整備\n\n・屋外施設の確保\n")
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [
        (None, "西部スポーツセ ンターの整備", 15), (None, "体育館の改修", 17), (None, "東部スポーツセンターの整備", 17),
        (None, "屋外施設の確保", 21)]
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [("計画の方向性", "地域スポーツの振興")]
    goal = records["targets"][0]
    assert len(records["targets"]) == 1
    assert (goal["line"], goal["target_fy"], goal["target_value"], goal["baseline_fy"], goal["baseline_value"]) \
        == (9, 2015, 42.0, 2001, 34.0)


def test_kpi_line_broken_in_two_with_circled_era_years():
    """「○indicator」 over 「㉕4市町村→㉙8市町村」 in a Heisei plan: one KPI, baseline 2013, target 2017."""
    records = run("平成28年度版 行動計画\n\n1 地域づくりの推進\n\n主要指標\n"
                  "○サテライトオフィス進出地域の拡大(累計)\n㉕4市町村→㉙8市町村\n担当課 地域創生課\n")
    targets = [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
               for t in records["targets"]]
    assert targets == [(6, "サテライトオフィス進出地域の拡大(累計)", 2013, 4.0, 2017, 8.0)]


def test_kpi_table_dumped_one_cell_per_line():
    """A header word printed a letter a line (目/標/値) with its year under it, then indicator / dated
    baseline / target lines: one KPI per three lines; 「18.8 万人(2014 年)」 is a figure, not a heading."""
    text = ("8章 目標値の設定\n成果指標\n目\n標\n値\n(2019(H31)年)\n中心市街地周辺の人口\n2,044 人(2014 年)\n2,000 人以上\n"
            "バス年間利用者数\n18.8 万人(2014 年)\n20 万人\n")
    records = run(text)
    targets = [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
               for t in records["targets"]]
    assert targets == [(7, "中心市街地周辺の人口", 2014, 2044.0, 2019, 2000.0),
                       (10, "バス年間利用者数", 2014, 18.8, 2019, 20.0)]
    assert not any(s["label"] == "18.8" for s in records.get("sections", []))


def test_evaluation_form_kpis():
    """An evaluation sheet's form: the indicator in a label row's value row, a header with an empty corner and
    qualified column words, a row of figures: one target per target column."""
    records = run("2.測定指標\n指標1\n指標名 | 指標の分類 |\n研修の受講者数 | 活動指標 |\n"
                  "| 基準値 | 年度当初値 | 今年度目標値 | 今年度実績値 | 長期的目標値 |\n数値 | 0 | 0 | 2 | 6 | 4 |\n"
                  "時点 | | | | | |\n")
    targets = [(t["line"], t["indicator"], t["baseline_value"], t["actual_value"], t["target_value"])
               for t in records["targets"]]
    assert targets == [(4, "研修の受講者数", 0.0, 6.0, 2.0), (4, "研修の受講者数", 0.0, 6.0, 4.0)]


def test_a_screen_reader_edition_reads_each_cell_after_its_column_name():
    """A テキスト版 reads a table row aloud as 「column name、cell」: the numbered cell is a heading, the
    indicator and its values (値 printed ち) one KPI, a 考え方 line explains a target and is none."""
    records = run("生き活き指標・施策一覧\n重点戦略等、2 福祉サービス推進プログラム\n"
                  "生き活き指標、介護予防のための通いの場への参加率\n"
                  "現況ちの時点、令和4年度(2022年度)、現況ち、6.4%、目標ち、8.0%\n"
                  "指標設定の考え方、国の大綱における目標(令和7年までに8%程度)を踏まえた目標ちを目指す。\n"
                  "生き活き指標、障害福祉サービス利用者の一般就労への移行者数\n"
                  "現況ちの時点、令和5年度(2023年度)、現況ち、1年当たり415人、目標ち、4年間累計1,825人\n")
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [("2", "福祉サービス推進プログラム", 2)]
    targets = [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_value"])
               for t in records["targets"]]
    assert targets == [(3, "介護予防のための通いの場への参加率", 2022, 6.4, 8.0),
                       (6, "障害福祉サービス利用者の一般就労への移行者数", 2023, 415.0, 1825.0)]


def test_a_year_series_on_one_line():
    """A KPI row flattened onto one line, its year columns first and their figures after them: the first 実績 is
    the baseline, the last the actual value, each 目標 column a target; 見込 is neither, and a series of 実績
    alone is an indicator whose target is not printed."""
    records = run("成果指標\n"
                  "■電子申請の利用率 令和3年度実績 令和4年度実績 令和5年度見込 令和6年度目標 令和8年度目標 12% 18% 25% 40% 60%\n"
                  "■窓口の待ち時間 令和3年度実績 令和4年度実績 20分 15分\n")
    targets = [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["actual_fy"], t["actual_value"],
                t["target_fy"], t["target_value"]) for t in records["targets"]]
    assert targets == [(2, "電子申請の利用率", 2021, 12.0, 2022, 18.0, 2024, 40.0),
                       (2, "電子申請の利用率", 2021, 12.0, 2022, 18.0, 2026, 60.0),
                       (3, "窓口の待ち時間", 2021, 20.0, 2022, 15.0, None, None)]
