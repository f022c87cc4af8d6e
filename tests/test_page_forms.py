"""Forms that real plan pages print and the first readings of them missed (tests/real/: 三重県, 塩竈市, 宇和島市
pages), each in a small text written for the test: KPI tables by year with 目標 / 実績 rows, a table printed one
cell per line between pipe lines, 節 and 第N numbering, 「•」 bullets, a 基本目標 block, a count of items
introduced with 「を」, a name field glued to the measure's code."""
import pytest
import regex

from extractors import extract_all
from pipeline import read_text
from pipeline.numbering import parse_label
from pipeline.records import rows


def run(text):
    return rows(extract_all(read_text(text)).records)


def targets_of(records):
    return [(t["line"], t["indicator"], t["target_fy"], t["target_value"], t["actual_fy"], t["actual_value"])
            for t in records["targets"]]


MEASURE = "1 電子申請の拡充\n現状\n・紙の申請が多い\n施策の数値目標\n"


def test_a_kpi_table_by_year_with_target_and_actual_rows():
    """Years as columns, 目標 and 実績 as rows (a 区分 column, a unit column between): one target per year
    with a 目標 figure, the 実績 of the same year its actual value; the 実績 row is no statement."""
    records = run(MEASURE + "| 指標 | 区分 | 単位 | 令和4年度 | 令和5年度 | 令和6年度 |\n|---|---|---|---|---|---|\n"
                  "| 電子申請の利用率 | 目標 | % | 20 | 30 | 40 |\n| | 実績 | % | 18 | | |\n")
    assert targets_of(records) == [(7, "電子申請の利用率", 2022, 20.0, 2022, 18.0),
                                   (7, "電子申請の利用率", 2023, 30.0, None, None),
                                   (7, "電子申請の利用率", 2024, 40.0, None, None)]
    assert [m["title"] for m in records["measures"]] == ["電子申請の拡充"]
    assert not records.get("statements", [])[1:]  # only 現状's item: 「実績 | 18」 says nothing in words


def test_a_table_printed_one_cell_per_line_between_pipe_lines():
    """A web page's table dumped a cell a line, each cell ended by a line of pipes (「||」: and an empty cell):
    its rows come back, the indicator on a row of its own above 目標 and 実績, and each year's target is read
    on the indicator's line; the tag 「[ 目標指標]」 is no part of the indicator."""
    cells = ["施策の数値目標", "|", "|", "2022(R4)", "|", "2023(R5)", "|", "2024(R6)", "|", "||",
             "電子申請の利用率 (%) [ 目標指標] |", "目標", "|", "20.0", "|", "30.0", "|", "40.0", "|", "|",
             "実績", "|", "18.5", "|", "|||", "必要概算コスト(千円)", "|", "1,200", "|", "1,300", "|", "1,250", "|"]
    records = run("1 電子申請の拡充\n現状\n・紙の申請が多い\n" + "\n".join(cells) + "\n")
    assert targets_of(records) == [(14, "電子申請の利用率 (%)", 2022, 20.0, 2022, 18.5),
                                   (14, "電子申請の利用率 (%)", 2023, 30.0, None, None),
                                   (14, "電子申請の利用率 (%)", 2024, 40.0, None, None)]


def test_section_and_dai_numbering_and_alphabet_labels():
    assert [(lambda p: (p[0].scheme, p[0].text, p[1]))(parse_label(t)) for t in
            ("第1節 計画の趣旨", "1節市民サービスの充実", "2章 計画の概要", "第1 総論", "(a) 窓口", "a 窓口の改善")] == [
        ("section", "第1節", "計画の趣旨"), ("section", "1節", "市民サービスの充実"), ("chapter", "2章", "計画の概要"),
        ("dai", "第1", "総論"), ("paren_alpha", "(a)", "窓口"), ("alpha", "a", "窓口の改善")]
    assert parse_label("a.窓口") is None
    # The separator after a label is no part of the title: 「4-1:学校の統廃合」.
    assert [parse_label(t)[1] for t in ("4-1:学校の統廃合", "(2):定員の適正化", "①：予定どおり")] == [
        "学校の統廃合", "定員の適正化", "予定どおり"]


def test_a_section_with_bulleted_state_and_a_basic_goal_block_is_a_measure():
    """「1節」 numbering, 「•」 bullets (kept out of the statements' text), 基本目標 opening a target block: goals
    without figures are targets with no values."""
    records = run("第2章 行政の仕組みづくり\n1節市民サービスの充実\n現状と課題\n  • 窓口への要望が多様化している。\n"
                  "  • 相談体制が十分でない。\n基本目標\n  • 窓口サービスの体制を充実します。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("1節", "市民サービスの充実")]
    assert [s["text"] for s in records["statements"]] == ["窓口への要望が多様化している。", "相談体制が十分でない。"]
    assert [(t["raw"].strip(" •"), t["target_value"]) for t in records["targets"]] == [("窓口サービスの体制を充実します。", None)]


def test_items_counted_by_a_sentence_with_wo_are_measures():
    """「以下の3項目を重点取組項目としました。」 before items 1–3: the items are measures, with no body of their own."""
    records = run("重点取組項目\n以下の3項目を重点取組項目としました。\n1 地域社会におけるデジタル活用\n"
                  "2 行政デジタル化の推進\n3 推進基盤の強化\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("1", "地域社会におけるデジタル活用"), ("2", "行政デジタル化の推進"), ("3", "推進基盤の強化")]


def test_a_name_field_glued_to_the_measures_code():
    """「基本事業名52304 ITを活用した…」: a qualified name field, the measure's code and its name on one line."""
    records = run("2003年度 基本事業目的評価表\n\n基本事業名52304 ITを活用した行政サービスの提供\n評価年月日2002年11月14日\n"
                  "施策の数値目標:市町村のホームページアクセス数\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("52304", "ITを活用した行政サービスの提供")]
    assert [(t["measure_seq"], t["target_text"]) for t in records["targets"]] == [(1, "市町村のホームページアクセス数")]


def test_a_numbered_item_label_on_its_own_line_and_dated_block_words():
    """「No 3.1.1」 on a line of its own, its title two lines below, is a measure's heading; 【令和4年度(1Q)の取組実績】
    is a 実績 block (the year it reports on before the block word) and 【今後の取組の方向性】 a policy block, brackets
    and all."""
    records = run("テーマ 1\n\nデジタル区役所の推進\n\nNo 3.1.1\n\nデジタル区役所の推進\n\n【令和4年度(1Q)の取組実績】\n\n"
                  "モデル区で実証実験を実施しました。\n\n【今後の取組の方向性】\n\n全区への横展開を進めます。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("No 3.1.1", "デジタル区役所の推進")]
    assert [(s["kind"], s["role"], s["text"]) for s in records["statements"]] == [
        ("令和4年度(1Q)の取組実績", "progress", "モデル区で実証実験を実施しました。"),
        ("今後の取組の方向性", "policy", "全区への横展開を進めます。")]


def test_a_counted_list_of_key_goals_and_a_municipality_with_kana():
    """「重点目標「3つのD」」 before items 1–3 names them as measures; 「団体名：静岡県伊豆の国市」 is 伊豆の国市."""
    records = run("団体名：静岡県伊豆の国市\n計画名：伊豆の国市情報化ポリシー\n\n重点目標「3つのD」\n\n"
                  " 1 県民サービスの向上\n 2 地域の課題解決\n 3 働き方改革の推進\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("1", "県民サービスの向上"), ("2", "地域の課題解決"), ("3", "働き方改革の推進")]
    assert records["metadata"][0]["municipality"] == "伊豆の国市"


def test_a_plan_with_block_words_but_no_measure_lists_its_text_as_not_understood():
    """A page that prints a schedule's block word and marks, but whose items Keikaku cannot place, is not
    background: its lines are listed as not understood, and a warning says no measure was found."""
    extraction = extract_all(read_text("行政改革実施計画\n\n開かれた行政の推進\n【 ▲:検討・準備 ●:実施・継続 】\n"
                                       "情報公開制度に関する職員向け研修を開催する。\n総務課\n年度別スケジュール\n"
                                       "29 30 31 32 33\n● ● ● ● ●\n"))
    account = extraction.accounting
    assert not extraction.records.measures
    assert account.counts["background"] == 0
    assert 5 in {line for line, _page, _reason, _text in account.not_understood}
    assert any("no measure was found" in w.message for w in extraction.warnings)


def test_the_report_names_a_kpi_table_by_year():
    from keikaku.report import build_report, format_report

    doc = read_text(MEASURE + "| 指標 | 区分 | 令和4年度 | 令和5年度 |\n|---|---|---|---|\n| 電子申請の利用率 | 目標 | 20 | 30 |\n"
                    "| | 実績 | 18 | |\n")
    assert "    line 5: KPI table by year FY2022–2023 (3 rows): 2 targets" in format_report(build_report(doc))


def test_a_text_edition_of_a_kpi_list():
    """Under 「指標 現状 目標」, each indicator, a line or two explaining it, and each figure with its year in
    brackets on the line under it; a word's number may have levels (「政策分野1-1」)."""
    records = run("政策分野1-1 危機管理体制の構築\n\n指標 現状 目標\n\n防災訓練の参加者数\n\n地域の防災訓練に参加した人の数。\n\n"
                  "※令和元年度の水準を目指すもの\n\n4,914人\n\n(令和2年度)\n\n6,500人\n\n(令和6年度)\n\n消費総合指数\n\n"
                  "消費支出を指数化したもの。\n\n93.7\n\n(令和2年度平均)\n\n101.9\n\n(令和6年度平均)\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("政策分野1-1", "危機管理体制の構築")]
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(5, "防災訓練の参加者数", 2020, 4914.0, 2024, 6500.0),
                                             (19, "消費総合指数", 2020, 93.7, 2024, 101.9)]


def test_measures_named_in_the_rows_of_a_kpi_table():
    """A KPI table whose rows open with 第N項 and a title, in a page without headings: each 項 row is a measure
    (the 第1節 row above is their group), a row continued on the line under it (its last cell ended by a lone
    「|」) stays one row, and a row whose leading merged cells were dropped is its measure's second KPI; the item
    marks (1), (2) of its indicators are not part of them."""
    records = run("実施計画期間内の指標設定\n節項 | 内容 | 政策指標 | 現状値 | 目標値 | 実施計画事業 |\n---|---|---|---|---|---|\n"
                  "第1節 | 連携型地域社会の形成 | 住み続けたい市民の割合 | 58.6% | 62.0% |\n|\n"
                  "第1項 | 人権を尊重する社会の実現 | 人権が守られていると思う人の割合 | 42.4% | 45.0% |\n|\n"
                  "第2項 | パートナーシップの強化 | (1)地域活動に参加している人の割合 | 27.1% | 29.0% |\n|\n"
                  "(2)NPO法人の数 | 26団体 | 40団体 |\n|\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("第1項", "人権を尊重する社会の実現"),
                                                                      ("第2項", "パートナーシップの強化")]
    labels = {m["seq"]: m["label"] for m in records["measures"]}
    assert [(labels.get(t["measure_seq"]), t["indicator"], t["baseline_value"], t["target_value"])
            for t in records["targets"]] == [
        (None, "住み続けたい市民の割合", 58.6, 62.0), ("第1項", "人権が守られていると思う人の割合", 42.4, 45.0),
        ("第2項", "地域活動に参加している人の割合", 27.1, 29.0), ("第2項", "NPO法人の数", 26.0, 40.0)]


def test_a_sheet_printed_a_field_a_line_with_its_code_above_its_name():
    """「事務事業コード」 over 「1001087」, then 「事業名」 over the name: the code is the measure's label; a lone 「|」
    (a cell's end) ends the 課題 block, so the next field is no part of it."""
    records = run("事務事業名、担当課等 |\n事務事業コード |\n1001087 |\n事業名 |\n協働によるまちの魅力アップ事業 |\n"
                  "課題 |\n事業の周知\n|\n対応 |\n事業募集案内を送付する。\n|\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("1001087", "協働によるまちの魅力アップ事業")]
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [("課題", "事業の周知")]


def test_a_table_printed_a_cell_a_line_whose_rows_open_with_a_code():
    """Each cell on a line of its own, ended by 「 |」: the cells before the first code are the header, and every
    row is as wide (the codes recur at that width)."""
    header = ["主要施策コード", "成果指標", "平成12年", "平成14年実績", "5ヵ年目標"]
    rows = [["11102", "生涯学習推進協議会の設置", "なし", "なし", "設置"],
            ["11204", "公民館パソコン設置台数", "なし", "109台", "109台"],
            ["12102", "総合型地域スポーツクラブ加入者数", "277人", "967人", "500人"]]
    text = "生涯学習の促進\n" + "".join(f"{cell} |\n" for row in [header, *rows] for cell in row)
    doc = read_text(text)
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [row.cells for row in table.rows] == [tuple(header), *map(tuple, rows)]
    assert [row.line for row in table.rows] == [2, 7, 12, 17]


def test_a_cell_alone_under_a_target_word_is_no_target():
    """Under 成果指標, a line that is only a table's cell (「109台」, 「なし」, 「設置」, 「平成12年」) states no goal;
    a sentence does."""
    records = run("1 窓口の改善\n現状\n・待ち時間が長い\n成果指標\n109台\nなし\n設置\n平成12年\n窓口の待ち時間を半減する\n")
    assert [t["raw"] for t in records["targets"]] == ["窓口の待ち時間を半減する"]


def test_a_page_of_kpi_lines_is_read_as_a_plan(tmp_path):
    """A newsletter's table of a plan's goals, each an indicator's change (「…=70.1%→72.3%」), with no block
    word and few plan words, is a plan's page: it loads; one such figure in a press release does not make one."""
    from keikaku.ingest import ingest

    goals = tmp_path / "goals.txt"
    goals.write_text(" |\n市民が快適に暮らせるまちになる |\n●汚水・衛生処理率=70.1%→72.3% |\n|\n"
                     "市民が安全に暮らせるまちになる |\n●交通事故件数=12,039件→10,000件未満 |\n|\n"
                     "多くの人が働ける場が増える |\n●事業所従業者数=154,457人→160,000人 |\n|\n", encoding="utf-8")
    press = tmp_path / "press.txt"
    press.write_text("記者発表資料\n令和5年8月30日\n1 件名 協定書調印式の開催について\n"
                     "2 内容 サイトの閲覧数は1.2万件→3.4万件に増えました。\n", encoding="utf-8")
    lines: list[str] = []
    outcomes = ingest([str(goals), str(press)], str(tmp_path / "k.db"), echo=lines.append)
    assert [(o.file.split("/")[-1], o.ok) for o in outcomes] == [("goals.txt", True), ("press.txt", False)], lines


def test_a_bare_year_in_a_kpi_cell_is_of_the_plans_era():
    """「974人(28年度)」 in a plan dated in 平成: the baseline's year is 平成28 (2016), the target's 平成32 (2020)."""
    records = run("千葉県総合計画（平成29年3月）\n\n1 防災の推進\n現状\n・災害への備えが十分でない\n"
                  "指標 | 現状 | 目標 |\n---|---|---|\n災害対策コーディネーターの登録者数 | 974人(28年度) | 1,230人(32年度) |\n")
    assert [(t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"]) for t in records["targets"]] == [
        (2016, 974.0, 2020, 1230.0)]


def test_table_rows_with_figures_in_a_plan_without_measures_are_not_understood():
    """A table whose columns name no KPI roles, in a plan where no measure was found: its rows of figures are
    listed as not understood (a KPI not read), not counted as background."""
    extraction = extract_all(read_text("総合計画 成果指標達成状況\n\n| 主要施策コード | 成果指標 | 男性 | 女性 |\n"
                                       "|---|---|---|---|\n| 12102 | スポーツクラブ加入者数 | 277人 | 500人 |\n"
                                       "| 12103 | 教室参加者数 | 40人 | 90人 |\n"))
    assert not extraction.records.measures and not extraction.records.targets
    assert {line for line, _page, _reason, _text in extraction.accounting.not_understood} >= {5, 6}


def test_a_table_of_results_by_year_and_a_target_under_its_caption():
    """Columns of years, of dated 実績 and a 5ヵ年目標, no baseline named: the first year is the baseline, the
    latest 実績 the actual; the short line right above the table is what it measures; an empty cell (a row cut
    off) states no year."""
    records = run("成果指標達成状況\n\n生涯スポーツの促進\n| 主要施策コード | 成果指標 | 平成12年 | 平成13年実績 | 平成14年実績 "
                  "| 平成15年末見込 | 5ヵ年目標 |\n|---|---|---|---|---|---|---|\n"
                  "| 12102 | スポーツクラブ加入者数 | 277人 | 778人 | 967人 | 1,050人 | 500人 |\n"
                  "| 12104 | 用具等利用回数 | 51回 | 60回 | | | |\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [(None, "生涯スポーツの促進")]
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["actual_fy"], t["actual_value"], t["target_fy"],
             t["target_value"], t["measure_seq"]) for t in records["targets"]] == [
        ("スポーツクラブ加入者数", 2000, 277.0, 2002, 967.0, None, 500.0, 1),
        ("用具等利用回数", 2000, 51.0, None, None, None, None, 1)]


def test_a_kpi_table_printed_without_breaks_between_its_cells():
    """An e-book page's text layer glues the cells together: the dated value columns make the header, each run
    of as many figures as columns ends a row (a shorter run, 「1日に30分」, is text), and the middle and final
    targets are two targets of one indicator."""
    line = ("成果指標一覧分野指標説明策定時の値(2015年度)中間目標(2019年度)目標値(2023年度)健康健康であると感じている人の割合"
            "自分の健康に関心を持ち、健康的な生活を送る人が増えます。70.7%(2012年度)73%75%1日に30分以上歩く人の割合"
            "日常生活における活動量が増え、生活習慣病の予防につながります。49.8%52%54%スポーツ施設利用者数(単年度)"
            "様々な市民が気軽にスポーツに取り組む環境が整備されています。1,137,343人(2014年度)1,330,000人1,500,000人")
    records = run(line + "\n")
    assert [(t["line"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"], t["unit"])
            for t in records["targets"]] == [
        (1, 2012, 70.7, 2019, 73.0, "%"), (1, 2012, 70.7, 2023, 75.0, "%"), (1, 2015, 49.8, 2019, 52.0, "%"),
        (1, 2015, 49.8, 2023, 54.0, "%"), (1, 2014, 1137343.0, 2019, 1330000.0, "人"),
        (1, 2014, 1137343.0, 2023, 1500000.0, "人")]
    assert records["targets"][2]["indicator"].startswith("1日に30分以上歩く人の割合")


def test_a_table_row_of_block_words_heads_the_cells_below_it():
    """「課題 | 今後の取組」 over 「特になし | 引き続き…」: each cell below is a statement of its column's block, not
    the header's second word a statement of the first."""
    records = run("1 配慮指針の運用\n評価理由 | 目標値を上回ったため。 |\n課題 | 今後の取組 |\n"
                  "特になし | 引き続き、配慮指針に基づき事業を実施する。 |\n")
    assert [(s["line"], s["kind"], s["text"]) for s in records["statements"]] == [
        (4, "課題", "特になし"), (4, "今後の取組", "引き続き、配慮指針に基づき事業を実施する。")]


def test_table_rows_pairing_a_goal_with_its_indicator():
    """Rows 「what the plan wants | ●indicator=baseline→target」 without a header: each row is a measure and its
    target; a row whose cell opens with the same mark is one even without a change; a note 「(●は平成15年度→
    平成18年度の目標例)」 dates the marked figures that print no year of their own."""
    records = run("行政経営戦略計画\n |\n |\n市民が快適に暮らせるまちになる |\n●汚水・衛生処理率=70.1%→72.3% |\n|\n |\n"
                  "多くの人が働ける場が増える |\n●事業所従業者数=154,457人(平成13年度)→184,635人 |\n|\n |\n"
                  "大規模地震対策を推進 |\n●木造住宅耐震診断(新規)=9,000戸 |\n|\n |\n"
                  "地域産業の活性化を支援 |\n●農業生産額=86億円→95億円 |\n |\n(●は平成15年度→平成18年度の目標例) |\n")
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [
        (None, "市民が快適に暮らせるまちになる", 4), (None, "多くの人が働ける場が増える", 8), (None, "大規模地震対策を推進", 12),
        (None, "地域産業の活性化を支援", 16)]
    assert [(t["measure_seq"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"],
             t["unit"]) for t in records["targets"]] == [
        (1, "汚水・衛生処理率", 2003, 70.1, 2006, 72.3, "%"), (2, "事業所従業者数", 2001, 154457.0, 2006, 184635.0, "人"),
        (3, "木造住宅耐震診断(新規)", None, None, 2006, 9000.0, "戸"), (4, "農業生産額", 2003, 86.0, 2006, 95.0, "億円")]


def test_a_table_of_one_change_is_no_list_of_measures():
    """A table with one row pairing a word with a change, among rows of other facts, is no table of goals and
    their indicators."""
    records = run("計画の概要\n\n| 概要 | 利用件数=100件→200件 |\n| 期間 | 令和5年度から令和8年度まで |\n"
                  "| 対象 | 市民と事業者 |\n")
    assert "measures" not in records


def test_a_lone_title_over_a_measures_kpi_table_is_no_measure():
    """「オンライン化の状況」 right above the KPI table of measure 1 titles that table; the measure is still 1."""
    records = run("1 電子申請の推進\nオンライン化の状況\n| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| 件数 | 10件 | 20件 |\n"
                  "2 窓口の改善\n窓口の状況\n| 指標 | 現状値 | 目標値 |\n|---|---|---|\n| 待ち時間 | 30分 | 10分 |\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("1", "電子申請の推進"), ("2", "窓口の改善")]
    assert [(t["measure_seq"], t["indicator"]) for t in records["targets"]] == [(1, "件数"), (2, "待ち時間")]


def test_a_schedule_with_a_goal_column_stays_a_schedule():
    """Year columns that say what is done each year (検討, 導入) beside a 目標 column: a schedule whose goal
    column gives targets, not a KPI table whose first year is a baseline."""
    records = run("1 電子申請の推進\n現状\n・紙が多い\nスケジュール\n| 取組 | 令和5年度 | 令和6年度 | 令和7年度 | 目標 |\n"
                  "|---|---|---|---|---|\n| 電子申請 | 検討 | 導入 | 運用 | 100手続 |\n")
    assert [(i["title"], [c["text"] for c in i["cells"]]) for i in records["schedule_items"]] == [
        ("電子申請", ["検討", "導入", "運用"])]
    assert [(t["baseline_text"], t["target_text"]) for t in records["targets"]] == [(None, "100手続")]


def test_a_sheets_kpi_form_without_an_indicator_row():
    """A 工程表's form with only the header, the figures and their dates (no 指標名 row above): its target, baseline
    and dates are read all the same."""
    records = run("(2)今年度の目標\n測定指標\n指標1\n| 基準値 | 年度当初値 | 今年度目標値 | 今年度実績値 | 長期的目標値 |\n"
                  "数値 | 97.1% | 98.7% | 98.8% | | |\n時点 | H22 | R2 | R3 | | |\n")
    assert [(t["line"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"] if t["line"] == 5] == [(5, 2010, 97.1, 2021, 98.8)]


def test_a_web_pages_numbered_list_items_are_items_not_headings():
    """A text edition prints an HTML list's items indented with their number (「  1. 子育てに喜びを…」): under
    「20年後に実現したい姿」 each is a statement of that vision, without its number; the bullets under 「4年間の主な
    具体方策」 are the measures; the field's own number (「1.希望あふれる子育て」) stays a heading."""
    records = run("3.分野別基本施策\n\n1.希望あふれる子育て\n\n20年後に実現したい姿\n\n"
                  "  1. 子育てに喜びを感じ子どもの声が地域に響きわたる社会\n  2. 結婚を希望する者が希望を叶えられる社会\n\n"
                  "4年間の主な具体方策\n\n  • 「ワークチェンジ塾」を開設し、経営者・男性社員の意識改革等を支援\n"
                  "  • 府立医科大学附属病院のNICUの増床\n")
    assert [(s["line"], s["kind"], s["text"]) for s in records["statements"]] == [
        (7, "20年後に実現したい姿", "子育てに喜びを感じ子どもの声が地域に響きわたる社会"),
        (8, "20年後に実現したい姿", "結婚を希望する者が希望を叶えられる社会")]
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        (None, "「ワークチェンジ塾」を開設し、経営者・男性社員の意識改革等を支援"), (None, "府立医科大学附属病院のNICUの増床")]


def test_a_sentence_giving_the_range_of_a_lists_labels_announces_its_measures():
    """「…設定した(1)~(5)の重点プロジェクトに直接関連する事業…」 a few lines above the list (1)–(5): the items are
    measures, though no body follows them."""
    records = run("実施計画に位置付ける事業\n甲賀市が注力して展開する重点目標を\n推進するために設定した(1)~(3)の重点プロジェクトに"
                  "直接関連する事業であるとともに、\nア~ウのいずれかに該当する事業。\n(1) 若者・子育て応援プロジェクト\n"
                  "(2) こどもの可能性無限大プロジェクト\n(3) 選ばれるエリア形成プロジェクト\n注意事項\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("(1)", "若者・子育て応援プロジェクト"), ("(2)", "こどもの可能性無限大プロジェクト"), ("(3)", "選ばれるエリア形成プロジェクト")]


def test_bracketed_headings_over_lists_are_the_structure_of_a_page_without_numbers():
    """No numbered heading on the page: each 【…】 with a list under it heads a section, a series that a sentence
    a few lines above counts (「2つのコア・プロジェクト」) are its measures, and a bracketed block word (【目標】)
    stays a block of the last one."""
    records = run("改革の突破口となる「2つのコア・プロジェクト」を掲げます。\n2025年に基盤を構築します。\n"
                  "到達目標(1) 都庁のデジタルシフト\n【行政手続をデジタル化】\n"
                  "- 主要169手続のデジタル化を実現\n- スマートフォン申請の拡大\n【5つのレスを推進】\n- FAXレス実現済\n"
                  "【目標】\n- 電子決定率100%\n")
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [
        (None, "行政手続をデジタル化", 4), (None, "5つのレスを推進", 7)]
    assert [(t["measure_seq"], t["target_value"]) for t in records["targets"]] == [(2, 100.0)]


def test_bracketed_lines_under_numbered_headings_label_parts_of_a_body():
    """Where numbered headings give the structure, 【主な取組(実証実験)】 is a part of measure 1's body."""
    records = run("No 3.1.1\nデジタル区役所の推進\n【令和4年度の取組実績】\nモデル区で実証実験を実施しました。\n"
                  "【主な取組(実証実験)】\n・申請書の自動作成\n・来庁予約\n目標 試行検討(20取組)➡横展開(4取組)\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("No 3.1.1", "デジタル区役所の推進")]


def test_a_sheets_kpi_form_with_no_baseline_takes_the_value_at_the_start_of_the_year():
    """基準値 left empty: the 年度当初値 (the value on 1 April) is the figure the year's target starts from."""
    records = run("(2)今年度の目標\n測定指標\n指標1\n| 基準値 | 年度当初値 | 今年度目標値 | 今年度実績値 | 長期的目標値 |\n"
                  "数値 | | 99.5% | 100% | | |\n時点 | | R4.4.1 | R5.3.31 | | |\n")
    assert [(t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"] if t["line"] == 5] == [(2022, 99.5, 2022, 100.0)]


def test_a_heading_naming_its_measures_in_a_line_of_prose_is_the_measure():
    """「①コミュニティ」 whose body says what it does and names its 【主な施策】 as one line of names joined by 、: the
    heading is the measure (the names are no list of measures of its own); a 【主な施策】 over a sentence is not."""
    records = run("1. コミュニティ・都市経営\n①コミュニティ\n誰もが多様な生き方を選択できるように取り組みます。\n【主な施策】\n"
                  "コミュニティ、生涯学習・市民活動、男女共同参画・ダイバーシティ\n②行政マネジメント\n"
                  "健全で安定した財政運営を維持します。\n【主な施策】\n市職員人材育成、財政、財産マネジメント\n"
                  "2. 県の動向\n【主な施策】\n県は、デジタル化を進めています。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("①", "コミュニティ"), ("②", "行政マネジメント")]


def test_a_web_pages_furniture_ends_a_block_and_a_blocks_note_keeps_its_brackets():
    """「topへ戻る」 saved with a page's text is no item of the block above it; 「今後の取組(2023年1~3月)」 is the
    block's kind as printed, brackets whole."""
    records = run("(1)行政手続のデジタル化\n担当課\nデジタル推進課\n今後の取組(2023年1~3月)\n\n"
                  " 引き続き推進計画の目標達成に向けて取り組んでまいります。\n\ntopへ戻る\n\n(2)その他の取組\n")
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [
        ("今後の取組(2023年1~3月)", "引き続き推進計画の目標達成に向けて取り組んでまいります。")]


def test_a_tables_cells_printed_one_a_line_under_a_block_word_are_no_statements():
    """A progress table saved one cell a paragraph: under its row label 「実績」 the figures (「△112,300」), grades
    (「A」), numbers, steps (「実施」) and a step or a short label with its figure (「実施△10,500」, 「管理職手当△1,700」)
    say nothing in words; the sentence does."""
    records = run("1 職員数の削減\n担当課\n総務課\n実績\n\n△112,300\n\n△89,000\n\nA\n\n実施\n\n→\n\n実施△10,500\n\n"
                  "管理職手当△1,700\n\n定員管理計画に基づき、採用を実施した。\n")
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [("実績", "定員管理計画に基づき、採用を実施した。")]


def test_a_kpi_printed_a_cell_a_paragraph_under_its_column_words():
    """「指標「…」」, then 「現状値」 over its value and 「目標値」 over its value, a paragraph each (a qualifier line
    such as 「30歳から39歳」 may stand over a value): one target per run, with its years."""
    records = run("埼玉県5か年計画\n\n施策感染症対策の強化\n\n指標「感染症専門研修受講者数」\n\n現状値\n\n0人(令和2年度末)\n\n"
                  "目標値\n\n542人(令和8年度末)\n\n指標「女性の就業率」\n\n現状値\n\n30歳から39歳\n71.6%(令和2年)\n\n目標値\n\n"
                  "75.1%(令和8年)\n")
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(5, "感染症専門研修受講者数", 2020, 0.0, 2026, 542.0),
                                             (15, "女性の就業率", 2020, 71.6, 2026, 75.1)]


def test_a_table_by_year_printed_without_breaks_between_its_cells():
    """An HTML table's text with its cells run together: 「平成(年度)25262728293031担当課」 names seven years, a row
    splits into its numbered title, a step a year (a space for an empty year) and its department; 計画 / 実績
    rows of figures by year (「-」 keeping a year's place) give a target a year with its actual, of the indicator
    named on the line above them and qualified by 「(4月1日現在)」."""
    records = run("4-1 : 学校の統廃合\n現状・課題\n学校は地域の中心となっている。\n取組項目\n"
                  "平成(年度)25262728293031担当課\n1小学校の統廃合の推進実施実施実施実施   学校教育課\n"
                  "2中学校の統廃合の推進実施実施実施実施実施  学校教育課\n\n数値目標\n\n平成(年度)25262728293031担当課\n"
                  "1小学校数\n(4月1日現在)\n計画--24校24校21校21校21校学校教育課\n実績24校24校24校24校   \n")
    assert [(i["label"], i["title"], [(c["fiscal_year"], c["text"]) for c in i["cells"]], i["departments"])
            for i in records["schedule_items"]] == [
        ("1", "小学校の統廃合の推進", [(2013, "実施"), (2014, "実施"), (2015, "実施"), (2016, "実施")], ["学校教育課"]),
        ("2", "中学校の統廃合の推進", [(y, "実施") for y in range(2013, 2018)], ["学校教育課"])]
    assert [(t["line"], t["indicator"], t["target_fy"], t["target_value"], t["actual_fy"], t["actual_value"])
            for t in records["targets"]] == [
        (12, "1小学校数(4月1日現在)", 2015, 24.0, 2015, 24.0), (12, "1小学校数(4月1日現在)", 2016, 24.0, 2016, 24.0),
        (12, "1小学校数(4月1日現在)", 2017, 21.0, None, None), (12, "1小学校数(4月1日現在)", 2018, 21.0, None, None),
        (12, "1小学校数(4月1日現在)", 2019, 21.0, None, None)]


def test_a_page_titled_as_a_plan_is_read_however_little_it_gives():
    """An e-book page of a plan whose only structure is its title line (「第二期昭島市情報化推進計画」) and prose: a
    plan's page, read; the same prose under a press release's title is not."""
    from extractors.accounting import is_plan

    prose = "\n12/61\n情報セキュリティ対策は、組織的対策、技術的対策、物理的対策の3種類に分類することができます。\n"
    plan = extract_all(read_text("第二期昭島市情報化推進計画" + prose))
    news = extract_all(read_text("情報セキュリティ研修の開催について" + prose))
    assert is_plan(plan.records, plan.accounting) and not is_plan(news.records, news.accounting)


def test_marked_headings_are_the_structure_of_a_page_without_numbers():
    """No numbered heading: 「■行財政運営」 over 「▽投資的経費の抑制」 over its figures (「…市債発行額…16.5億円」, an
    indicator and its figure joined by a leader): the ▽ lines, the style used second, are the measures under the
    ■ groups; a run of ● lines stays a list."""
    records = run("令和5年度までの主な取り組み状況を紹介します。\n■行財政運営\n▽規制改革と業務改革の推進\n"
                  "職員提案制度の表彰件数…32件\n行政手続の押印廃止率…98.0%\n▽投資的経費の抑制\n市債発行額…16.5億円\n"
                  "■デジタル戦略\n▽マイナンバーカードの普及促進\nマイナンバーカードの保有率…79.28%\n●窓口\n●郵送\n")
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [
        (None, "規制改革と業務改革の推進", 3), (None, "投資的経費の抑制", 6), (None, "マイナンバーカードの普及促進", 9)]


def test_a_list_announced_by_a_bracketed_heading_and_prose_between_two_tables():
    """≪重点項目≫ announces the numbered items under it (its groups 「プログラムⅠ」 are no measures); a paragraph of
    sentences between two KPI tables is prose, not the first cell of the second table's header."""
    records = run("【5つの重点プログラム】\nプログラムⅠ\nコロナ禍からの再生\n≪重点項目≫\n- ①地域医療・福祉の充実\n"
                  "- ②地域経済の早期回復\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("①", "地域医療・福祉の充実"), ("②", "地域経済の早期回復")]
    header = "2018(実績) | 現状(2019) | 2021(目標) | 2026(目標) | |\n---|---|---|---|---|\n"
    records = run("担い手の育成\n" + header + "認定農業者数 | 1,636 | 1,619 | 1,660 | 1,700 |\n"
                  "法人化が進み、農業法人数は745法人となっています。\n" + header + "法人経営体数 | 720 | 745 | 715 | 790 |\n")
    assert [(t["indicator"], t["baseline_value"], t["target_fy"], t["target_value"]) for t in records["targets"]] == [
        ("認定農業者数", 1619.0, 2021, 1660.0), ("認定農業者数", 1619.0, 2026, 1700.0),
        ("法人経営体数", 745.0, 2021, 715.0), ("法人経営体数", 745.0, 2026, 790.0)]


def test_block_words_of_plans_read_today():
    """Block headings as real plans print them, each a word of vocabulary.toml: 実施効果 (effect), 目指す成果 and
    「20年後に実現したい姿」 (vision), 取組方向 (policy), 今後の取組 (future), 主な指標 (target)."""
    from pipeline.vocabulary import block_role

    assert [block_role(w) for w in ("実施効果", "目指す成果", "20年後に実現したい姿", "取組方向", "今後の取組", "主な指標")] == [
        "effect", "vision", "vision", "policy", "future", "target"]


def test_a_kpi_table_printed_a_cell_a_line_with_a_baseline_a_present_value_and_a_target():
    """Header cells 計画策定時の値 / 現状値 / 目標値 (R7年度) a line each, then rows whose indicator shares its line with
    the first figure (「…子どもの割合 90.3%」), each figure dated on the line under it: the baseline, the present
    value (an actual) and the target, which may be a direction (「増加」) without a value."""
    records = run("・目標値\n項目\n計画策定時\nの値\n現状値\n(直近の値)\n目標値\n(R7年度)\n"
                  "毎朝、朝食を食べる子どもの割合 90.3%\n(R1年度)\n93.7%\n(R5年度)\n100%\n"
                  "主食・主菜・副菜を組み合わせた食事の割合 51.7%\n(R1年度)\n61.7%\n(R4年度)\n増加\n")
    assert [(t["line"], t["baseline_fy"], t["baseline_value"], t["actual_fy"], t["actual_value"], t["target_fy"],
             t["target_value"], t["target_text"]) for t in records["targets"]] == [
        (9, 2019, 90.3, 2023, 93.7, 2025, 100.0, "100%"), (14, 2019, 51.7, 2022, 61.7, 2025, None, "増加")]


def test_a_list_announced_in_other_spelling_and_items_under_marks_on_lines_of_their_own():
    """「●生活分野の主な取り組み」 announces the (1)–(3) under it (取り組み is 取組 as the vocabulary spells it); a
    list whose 「-」 marks stand on lines of their own gives an item per mark."""
    records = run("●生活分野の主な取り組み\n(1)住み続けられる中山間地域の実現!\n給水施設にデジタル技術を導入します。\n"
                  "(2)中山間地域における医療DXの推進\n医療機器を搭載した車両を運行します。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("(1)", "住み続けられる中山間地域の実現!"), ("(2)", "中山間地域における医療DXの推進")]
    records = run("小牧市DX推進計画\n取組の方向性\n-\nデジタル技術の恩恵を受けられる環境を構築する\n-\n"
                  "一人ひとりに応じた学習の場を提供する\n")
    assert [(s["line"], s["text"]) for s in records["statements"]] == [
        (4, "デジタル技術の恩恵を受けられる環境を構築する"), (6, "一人ひとりに応じた学習の場を提供する")]


def test_a_tortoise_shell_bracketed_heading_with_its_number_inside():
    """〔事業No.54 人権・同和教育の推進〕 over a list, in a page without numbered headings: a section whose label is the
    number printed inside the brackets; two such, each with its 事業内容, are the page's measures."""
    records = run("■事業の一部を紹介\n〔事業No.54 人権・同和教育の推進〕\n・基本目標4 男女共同参画意識が浸透する\n"
                  "○事業内容\n指導者を対象とした講座を開催しました。\n〔事業No.36 性的少数者に配慮した取組の推進〕\n"
                  "・基本目標3 男女がともに安心して暮らす\n○事業内容\n職員研修を行いました。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("事業No.54", "人権・同和教育の推進"), ("事業No.36", "性的少数者に配慮した取組の推進")]


def test_figures_after_a_leader_are_what_a_measure_reached_in_the_reports_year():
    """A progress article: 「…交付率…79.28%」 under a measure is a result of the year the report names
    (「令和5年度までの主な取り組み状況」), not a goal; a leader before a bare number (a page) gives none, and a
    ▽ line glued to its figure does not make the ▽ heading after it an item of a list; under the group the
    measure stands in (■デジタル戦略), a leader line is the group's result."""
    records = run("令和5年度までの主な取り組み状況を紹介します。\n■デジタル戦略\n"
                  "▽窓口の改革交付率…79.28%\n▽行政手続のオンライン化\n対応業務数…241業務\n延床面積…20,075.18平方メートル\n"
                  "参考資料……12\n")
    assert [(m["title"], m["line"]) for m in records["measures"]] == [("行政手続のオンライン化", 4)]
    assert targets_of(records) == [(3, "窓口の改革交付率", None, None, 2023, 79.28), (5, "対応業務数", None, None, 2023, 241.0),
                                   (6, "延床面積", None, None, 2023, 20075.18)]
    assert [t["actual_text"] for t in records["targets"]] == ["79.28%", "241業務", "20,075.18平方メートル"]
    assert [t["measure_seq"] for t in records["targets"]] == [None, 1, 1]


def test_numbered_parts_of_a_block_are_no_sections():
    """「現況と課題」 over 「(1)…」 and 「(2)…」, each over paragraphs, then 「今後の取り組みの方向性」 over its own (1): the
    numbers divide the blocks of measure (3), whose statements are the paragraphs; a numbered list of titles right
    under a block word, nothing under each, is no run of parts."""
    records = run("(3)不便さを感じさせない情報環境をつくる\n現況と課題\n(1)情報インフラ整備の促進\n　高速度回線が整備されていない。\n"
                  "(2)情報の電子化促進\n　行政情報の電子化を進める必要があります。\n今後の取り組みの方向性\n"
                  "(1)情報を活用しやすい環境の整備\n　通信インフラの整備を図ります。\n")
    assert [(m["label"], m["line"]) for m in records["measures"]] == [("(3)", 1)]
    assert [(s["line"], s["kind"]) for s in records["statements"]] == [
        (4, "現況と課題"), (6, "現況と課題"), (9, "今後の取り組みの方向性")]
    assert [s["label"] for s in records["sections"]] == ["(3)"]
    listed = run("1 窓口の改善\n現状と課題\n(1)来庁者の増加\n(2)待ち時間\n担当課 市民課\n")
    assert [s["label"] for s in listed["sections"]] == ["1", "(1)", "(2)"]


def test_a_heading_in_english_glossed_in_japanese_is_read_by_its_gloss():
    """「Vision(目指す姿)」 opens a 目指す姿 block; 「Value(行動指針)」, a glossed heading of no block, ends it."""
    records = run("1 デジタル戦略\nVision(目指す姿)\n区民が利便性を実感できるようになっています。\nValue(行動指針)\n"
                  "- 区政を身近にする\n担当課 情報政策課\n")
    assert [(s["line"], s["kind"], s["role"]) for s in records["statements"]] == [(3, "目指す姿", "vision")]


def test_a_kpis_item_mark_is_not_part_of_its_indicator():
    """「ア コンピュータ…の割合」, 「(2)NPO法人の数」: the mark numbers the list of indicators; the indicator is the rest
    (the row as printed stays in raw)."""
    records = run("1 情報化の推進\n| 指標 | 現状値(2015年度) | 目標値(2019年度) |\n|---|---|---|\n"
                  "| ア コンピュータを使える小学生の割合 | 95.0% | 100% |\n| (2)NPO法人の数 | 40 | 50 |\n")
    assert [(t["indicator"], t["baseline_value"], t["target_value"]) for t in records["targets"]] == [
        ("コンピュータを使える小学生の割合", 95.0, 100.0), ("NPO法人の数", 40.0, 50.0)]
    assert records["targets"][0]["raw"].startswith("ア コンピュータ")


def test_a_one_line_dump_of_a_strategy_page_with_word_labels_numbered_in_circles():
    """A 総合戦略 page dumped on one line: its page number before 「(5)」, a KPI header whose years stand in brackets
    after their words (「基準値 (H26)」), 「■基本的方向」 with its sentences, and 「施策①」 / 「施策②」, word labels with
    circled numbers, under (5): the 施策 are the measures, (5) their group, and a space after 。 ends a line."""
    records = run("27 (5) 防災・減災対策 地域と市が一体となり防災体制を強化する ●数値目標【平成31年度】 指標 基準値 (H26) "
                  "目標値 (H31年度) 災害に備えていると思う人の割合 60.4% 62% ■基本的方向 自主防災組織の活発化を図る。 "
                  "浸水対策を推進し、災害に強いまちづくりを進める。 施策① 地域防災力の向上 市民が災害へ備えるため、"
                  "防災訓練等を通じた防災意識の高揚を支援する。 ●重要業績評価指標(KPI) 指標 基準値 (H26) 目標値 (H31年度) "
                  "家庭で防災対策を行っている世帯の割合 67.9% 70% 施策② 防災・減災対策の推進 地域防災計画に基づき、"
                  "浸水対策の推進等、災害に強いまちづくりを進める。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("施策①", "地域防災力の向上"),
                                                                      ("施策②", "防災・減災対策の推進")]
    labels = {m["seq"]: m["label"] for m in records["measures"]}
    assert [(labels.get(t["measure_seq"]), t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(None, 2014, 60.4, 2019, 62.0), ("施策①", 2014, 67.9, 2019, 70.0)]
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [
        ("基本的方向", "自主防災組織の活発化を図る。"), ("基本的方向", "浸水対策を推進し、災害に強いまちづくりを進める。")]


def test_topics_and_asterisk_items_of_a_block():
    """「■現状と課題」 over 「●キャリア教育の推進」 over paragraphs: the ● line is the topic of the paragraphs, each a
    statement; 「<施策の推進方向>」 over lines marked 「*」: each an item (a 「*1」 line stays a note); 「⑴」 numbers a
    heading as (1) does; 「課 題」 spelt a letter a space is the kind 課題."""
    records = run("⑴ 家庭\n■現状と課題\n●キャリア教育の推進\n生き方を考えることが社会性をはぐくむ。\n"
                  "各校で年間指導計画を作成している。\n<施策の推進方向>\n*人権学習機会の充実に努めます。\n"
                  "*相談体制の整備を図ります。\n*1 用語の説明\n課 題\n・消防力の強化が求められます。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("⑴", "家庭")]
    assert [(s["line"], s["kind"], s["text"]) for s in records["statements"]] == [
        (4, "現状と課題", "生き方を考えることが社会性をはぐくむ。"), (5, "現状と課題", "各校で年間指導計画を作成している。"),
        (7, "施策の推進方向", "人権学習機会の充実に努めます。"), (8, "施策の推進方向", "相談体制の整備を図ります。"),
        (11, "課題", "消防力の強化が求められます。")]


def test_headings_labelled_as_measures_over_prose_are_the_measures():
    """「主要施策3 交通安全と地域防犯の推進」 over a paragraph, under 政策目標 and 施策目標 groups: labelled as a measure
    (its word ends in 施策), the lowest such heading with prose under it is a measure, with no block word in its
    body; 「取組項目 17ページ」 is a page reference, no heading."""
    records = run("3 基本的方向性\n基本目標 市民が主体となったまちづくりの実現\n政策目標1 安全・安心のまち\n"
                  "施策目標1 安全・安心のまちづくり\n主要施策3 交通安全と地域防犯の推進\n"
                  "交通安全対策の推進については、関係部局との連携のもと、見守り活動を進めます。\n"
                  "政策目標2 未来を担う人が育つまち\n施策目標1 ともに育ち合う環境づくり\n主要施策1 子どもの育ちを支援する環境づくり\n"
                  "保育・幼児教育の充実については、人格形成の基礎を培う幼児期の教育を進めます。\n第4章 取組項目 17ページ\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("主要施策3", "交通安全と地域防犯の推進"), ("主要施策1", "子どもの育ちを支援する環境づくり")]
    assert "取組項目 17" not in [s["label"] for s in records["sections"]]


def test_a_kpi_column_holding_each_change_in_one_cell():
    """「重点目標 | 数値目標 | 目標値(平成17年現状値から平成23年目標値)」: each row's change 「0人から15人へ」 /
    「109人から毎年500人以上へ」 is one KPI of the indicator in the cell before it, dated by the header."""
    records = run("重点目標 | 数値目標 | 目標値(平成17年現状値から平成23年目標値) |\n---|---|---|\n"
                  "1 尊厳の尊重 | 講師登用人数 | 0人から15人へ |\n2 人権侵害の禁止 | 啓発講座の受講者数 | 109人から毎年500人以上へ |\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [("講師登用人数", 2005, 0.0, 2011, 15.0),
                                             ("啓発講座の受講者数", 2005, 109.0, 2011, 500.0)]


def test_a_list_of_titles_ends_with_its_last_title():
    """「(1)…」 to 「(4)…」, one title a line with nothing under any but the last: 「・目標値」 and its KPI table after
    the list are the page's, not the last title's; the sentence counting them (「以下の4つを基本方針とし」) makes the
    titles measures."""
    records = run("・基本方針\n以下の4つを基本方針とし、食育推進に取り組みます。\n(1)食を通じた健康づくりをしよう\n"
                  "(2)食に関する知識を身に付けよう\n(3)地産地消を進めよう\n(4)計画的な食育推進運動を進めよう\n\n・目標値\n"
                  "| 項目 | 現状値(R5年度) | 目標値(R7年度) |\n|---|---|---|\n| 朝食を食べる子どもの割合 | 93.7% | 100% |\n")
    assert [m["label"] for m in records["measures"]] == ["(1)", "(2)", "(3)", "(4)"]
    assert [(t["measure_seq"], t["indicator"], t["target_value"]) for t in records["targets"]] == [
        (None, "朝食を食べる子どもの割合", 100.0)]
    uncounted = run("・基本方針\n(1)健康づくり\n(2)知識\n(3)地産地消\n(4)推進運動\n\n・目標値\n"
                    "| 項目 | 現状値(R5年度) | 目標値(R7年度) |\n|---|---|---|\n| 朝食の割合 | 93.7% | 100% |\n")
    assert uncounted.get("measures", []) == []


def test_kpi_lines_that_name_their_baseline_and_goal_with_years_in_brackets():
    """「事業系ごみ 現状(H18):271トン → 目標(H25):268トン」 and, with no arrow, 「地域移行者数 現状(平成28年度)5人
    目標(平成35年度)12人」: KPIs dated by the bracketed years; a line that names its goal is a target outside any
    block too; 「(具体的な成果目標)」 in round brackets opens a target block."""
    records = run("1 ごみの減量\n(具体的な成果目標)\n事業系ごみ 現状(H18):271トン → 目標(H25):268トン(△1.1%)\n"
                  "担当課 環境課\n2 地域生活の支援\n地域移行者数 現状(平成28年度)5人 目標(平成35年度)12人\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"], t["unit"])
            for t in records["targets"]] == [("事業系ごみ", 2006, 271.0, 2013, 268.0, "トン"),
                                             ("地域移行者数", 2016, 5.0, 2023, 12.0, "人")]


def test_a_forms_kpi_lines_above_its_only_heading():
    """A project sheet whose KPI lines (「資源化量 現状(H18):21トン → 目標(H25):72トン」) stand above its only heading:
    lines that name their goal are targets there too; the cover's other lines give none."""
    records = run("頑張る地方応援プログラム\nプロジェクト名 循環型社会形成プロジェクト\n(具体的な成果目標)\n"
                  "資源化量 現状(H18):21トン → 目標(H25):72トン\n利用者は1,000人を超えた。\n⑩環境保全プロジェクト\n"
                  "平成19年度~平成25年度\n")
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(4, "資源化量", 2006, 21.0, 2013, 72.0)]


def test_numbered_block_headings_are_blocks_of_the_measure_above():
    """「施策1 子育て支援」 over 「1.現状と課題」, 「2.施策の方向」 (numbered, titled with block words): blocks of the
    measure, whose kinds are the words without their numbers; 「第1節」 over 「(1) 現状と課題」 … 「(3) 成果指標」 alike;
    a chapter 「2 評価結果」 after 「1 評価の方法」 stays a chapter."""
    for text, label in (("施策1 子育て支援\n1.現状と課題\n・保育所が不足している。\n2.施策の方向\n・保育所を整備する。\n"
                         "成果指標 待機児童数 10人(R2) → 0人(R7)\n", "施策1"),
                        ("第1節 子育て支援\n(1) 現状と課題\n保育所が不足している。\n(2) 施策の方向\n保育所を整備する。\n"
                         "(3) 成果指標\n待機児童数 10人(R2) → 0人(R7)\n", "第1節")):
        records = run(text)
        assert [(m["label"], m["title"]) for m in records["measures"]] == [(label, "子育て支援")]
        assert [(s["kind"], s["text"]) for s in records["statements"]] == [
            ("現状と課題", "保育所が不足している。"), ("施策の方向", "保育所を整備する。")]
        assert [(t["indicator"], t["target_value"], t["measure_seq"]) for t in records["targets"]] == [("待機児童数", 0.0, 1)]
    chapters = run("1 評価の方法\n評価は年1回行います。\n2 評価結果\n達成しました。\n")
    assert [s["label"] for s in chapters["sections"]] == ["1", "2"]


def test_a_bulleted_list_of_projects_named_with_jigyo_announces_nothing():
    """「主な取組」 over 「・保育所整備事業」 and 「・子育て相談事業」: two items of one list, the first (ending in 事業, a
    word that names measures) does not announce the second as a measure; the 施策 above is the measure, with its
    blocks, the parts of its 施策の方向 and its KPI table."""
    records = run("施策1-1 子育て支援の充実\n現状と課題\n・保育需要が高まっています。\n施策の方向\n(1) 保育サービスの充実\n"
                  "保育所の定員を拡大します。\n主な取組\n・保育所整備事業\n・子育て相談事業\n成果指標\n"
                  "| 指標名 | 現状値(H28) | 目標値(H33) |\n|---|---|---|\n| 待機児童数 | 10人 | 0人 |\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("施策1-1", "子育て支援の充実")]
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [
        ("現状と課題", "保育需要が高まっています。"), ("施策の方向", "保育所の定員を拡大します。")]
    assert [(t["measure_seq"], t["indicator"], t["baseline_fy"], t["target_fy"]) for t in records["targets"]] == [
        (1, "待機児童数", 2016, 2021)]


def test_a_bracketed_field_name_with_its_value_on_its_line():
    """「【担当課】総務課」: the department of the measure, as 「担当課：総務課」 is; 「【主な取組】…」 opens its content."""
    records = run("取組1 行政手続のオンライン化\n【現状・課題】\n・来庁が必要な手続が多い。\n【KPI】\n"
                  "オンライン化手続数 20手続(R4) → 100手続(R7)\n【担当課】総務課、情報政策課\n")
    assert [(m["label"], m["departments"]) for m in records["measures"]] == [("取組1", ["総務課", "情報政策課"])]
    assert [(t["indicator"], t["target_value"]) for t in records["targets"]] == [("オンライン化手続数", 100.0)]


def test_a_tables_department_column_names_the_measures_departments():
    """「No | 取組名 | 内容 | 担当課」 under a measure: its department column gives the measure's departments, as a
    schedule's does; a header naming 取組名 over rows of as many cells is no evaluation sheet's field naming one
    measure (「内容」)."""
    records = run("（1）行かない窓口の実現\n現状と課題\n窓口での手続が中心となっている。\n主な取組\n"
                  "| No | 取組名 | 内容 | 担当課 |\n|---|---|---|---|\n| 1 | 電子申請の拡充 | 対象手続を拡大する | 情報政策課 |\n"
                  "| 2 | キャッシュレス決済 | 窓口で導入する | 会計課 |\n")
    assert [(m["label"], m["departments"]) for m in records["measures"]] == [("（1）", ["情報政策課", "会計課"])]


def test_a_goal_line_dated_in_brackets_keeps_its_amount_as_printed():
    """「目標：RPA導入業務 30業務（令和8年度）」: the goal is 30業務 as printed, of 2026, its indicator the words before
    it."""
    records = run("重点取組2 庁内業務の効率化\n目標：RPA導入業務 30業務（令和8年度）\n担当：デジタル推進課\n")
    assert [(t["indicator"], t["target_fy"], t["target_value"], t["target_text"]) for t in records["targets"]] == [
        ("RPA導入業務", 2026, 30.0, "30業務")]


def test_the_plans_period_under_a_heading_of_its_own():
    """「2 計画期間」 over 「令和5年度から令和9年度までの5年間とします。」: the plan's period, as stated."""
    records = run("〇〇市デジタル化推進計画\n1 計画の目的\n本計画は、市のデジタル化を推進するために策定します。\n"
                  "2 計画期間\n令和5年度から令和9年度までの5年間とします。\n")
    metadata = records["metadata"][0]
    assert (metadata["period_start_fy"], metadata["period_end_fy"], metadata["period_source"]) == (2023, 2027, "stated")


def test_a_schedule_whose_header_names_its_title_and_number_columns():
    """「No. | 取組名 | 取組内容 | 担当課 | 令和6年度 …」: each row's title is its 取組名 and its label its No., not the
    取組内容 beside them."""
    records = run("〇〇町DX推進計画 取組一覧\n| No. | 取組名 | 取組内容 | 担当課 | 令和6年度 | 令和7年度 |\n|---|---|---|---|---|---|\n"
                  "| 1 | 電子申請の拡充 | 申請できる手続を増やす | 総務課 | 検討 | 導入 |\n"
                  "| 2 | キャッシュレス決済 | 窓口に決済端末を置く | 会計課 | 準備 | 導入 |\n")
    assert [(i["label"], i["title"], [c["text"] for c in i["cells"]]) for i in records["schedule_items"]] == [
        ("1", "電子申請の拡充", ["検討", "導入"]), ("2", "キャッシュレス決済", ["準備", "導入"])]


def test_a_kpi_table_printed_with_spaces_between_its_cells():
    """「指標名 現状値 目標値」 over 「書かない窓口の対象手続数 0手続 50手続」 and 「オンライン予約件数 - 1,000件」 (a PDF's text):
    a KPI table, one target per row with its baseline, not three goal lines under 【成果指標】."""
    records = run("重点施策1 デジタル窓口の推進\n【成果指標】\n指標名 現状値 目標値\n書かない窓口の対象手続数 0手続 50手続\n"
                  "オンライン予約件数 - 1,000件\n【担当部署】市民課\n")
    assert [(t["indicator"], t["baseline_text"], t["target_value"]) for t in records["targets"]] == [
        ("書かない窓口の対象手続数", "0手続", 50.0), ("オンライン予約件数", "-", 1000.0)]


def test_a_policy_block_named_shisaku_no_hoshin_and_a_middle_value_column():
    """「施策の方針」 opens a policy block; a KPI table's 中間値(R5) column is a target of its year beside the 目標値's."""
    records = run("施策2 学校教育の充実\n施策の方針\n・学習環境を整えます。\nまちづくり指標\n"
                  "| 指標名 | 現状値(R2) | 中間値(R5) | 目標値(R9) |\n|---|---|---|---|\n| 合計特殊出生率 | 1.35 | 1.40 | 1.50 |\n")
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [("施策の方針", "学習環境を整えます。")]
    assert [(t["baseline_fy"], t["target_fy"], t["target_value"]) for t in records["targets"]] == [
        (2020, 2023, 1.4), (2020, 2027, 1.5)]


def test_a_kpi_line_dated_with_bare_era_years():
    """「KPI 電子申請件数 R4 1,000件 → R8 5,000件」: R4 and R8 date the two sides (the goal was read as 「4」, R4's
    digit)."""
    records = run("重点取組① 行かない窓口\n現状\n・窓口に来る人が多い\nKPI 電子申請件数 R4 1,000件 → R8 5,000件\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [("電子申請件数", 2022, 1000.0, 2026, 5000.0)]


def test_schedules_written_as_dated_steps_on_one_line_or_after_a_space():
    """「令和5年度：検討　令和6年度：試行」 and 「R5 検討 → R6 導入 → R7 運用」 on one line, and 「・令和5年度 タブレット導入」
    over 「・令和6年度 全会議で実施」: each a schedule item of its measure; a line of years alone is none."""
    records = run("取組1 電子申請の拡大\nスケジュール\n令和5年度：検討　令和6年度：試行\n取組2 AI-OCRの導入\nスケジュール\n"
                  "R5 検討 → R6 導入 → R7 運用\n取組3 ペーパーレス会議\nスケジュール\n・令和5年度 タブレット導入\n"
                  "・令和6年度 全会議で実施\n平成27年度 平成28年度 平成29年度\n")
    assert [(i["measure_seq"], [(c["fiscal_year"], c["text"]) for c in i["cells"]]) for i in records["schedule_items"]] == [
        (1, [(2023, "検討"), (2024, "試行")]), (2, [(2023, "検討"), (2024, "導入"), (2025, "運用")]),
        (3, [(2023, "タブレット導入"), (2024, "全会議で実施")])]


def test_a_kpi_line_naming_its_sides_with_spaces_and_its_field():
    """「指標：ICT支援員の配置校数　現状 5校 → 目標 15校」 under 【目標】: one KPI, its indicator without the field name."""
    records = run("施策3 教育のICT化\n【目標】\n指標：ICT支援員の配置校数　現状 5校 → 目標 15校\n")
    assert [(t["indicator"], t["baseline_value"], t["target_value"]) for t in records["targets"]] == [
        ("ICT支援員の配置校数", 5.0, 15.0)]


def test_a_progress_page_whose_measure_reports_its_status_and_next_steps():
    """A project's progress page (「進捗状況(2022年10~12月)」 then 「今後の取組(2023年1~3月)」 under its numbered
    item): what was done and what comes next make the item a measure, as 現状 and 対応方針 would."""
    records = run("計画名：DX推進計画 進捗状況\n団体名：架空県みどり市\n"
                  "(1)行政手続のオンライン化\n"
                  "進捗状況(2024年10~12月)\n"
                  "2024年12月末時点で120手続のオンライン化を実現しました。\n"
                  "今後の取組(2025年1~3月)\n"
                  "申請件数の多い手続から順にオンライン化を進めます。\n"
                  "(2)その他の取組\n"
                  "窓口のキャッシュレス化や公印の見直しも進めています。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("(1)", "行政手続のオンライン化")]
    assert [(s["kind"], s["text"], s["measure_seq"]) for s in records["statements"]] == [
        ("今後の取組(2025年1~3月)", "申請件数の多い手続から順にオンライン化を進めます。", 1)]


def test_a_sheets_goal_field_ends_where_its_next_fields_offer_choices():
    """An evaluation sheet printed a field a line: the goal field holds its one goal; the fields after it
    (「事務事業開始年度」 over 「● 昭和 ○ 平成」, 「根拠法令・要綱等」 over 「○法令 ○条例 ●その他」) are no goals."""
    records = run("計画名：事務事業評価シート\n団体名：架空県みどり市\n"
                  "事務事業名称\n"
                  "広報紙の発行\n"
                  "事務事業の目標(ゴール)\n"
                  "全戸配布を通じて市民全体に市政の情報を届ける。\n"
                  "事務事業開始年度\n"
                  "● 昭和 ○ 平成\n"
                  "48 年度\n"
                  "根拠法令・要綱等\n"
                  "○法令 ○条例 ●その他\n"
                  "対象者(顧客)の定義\n"
                  "市民\n")
    assert [(t["indicator"], t["target_text"], t["line"]) for t in records["targets"]] == [
        (None, "全戸配布を通じて市民全体に市政の情報を届ける。", 6)]


def test_a_label_word_over_its_number_over_the_title():
    """「施策」 / 「1」 / 「農業経営の担い手の確保」 on three lines (a PDF's label box, its number box and the title) is
    one heading 施策1, a measure with its 現状と課題."""
    records = run("計画名：総合計画 基本計画\n団体名：架空県みどり市\n"
                  "施策\n1\n農業経営の担い手の確保\n現状と課題\n農業者の高齢化が進み、担い手の確保が課題となっています。\n"
                  "施策\n2\n林業の振興\n現状と課題\n手入れの行き届かない森林が増えています。\n")
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [
        ("施策1", "農業経営の担い手の確保", 3), ("施策2", "林業の振興", 8)]
    assert [(s["kind"], s["measure_seq"]) for s in records["statements"]] == [("現状と課題", 1), ("現状と課題", 2)]


def test_contents_entries_with_dash_leaders_and_a_chapter_are_no_measures():
    """A 目次 entry printed with dashes to its page number (「(5)交通安全と治安の確保--- 78」) is no heading of what
    follows it, and a chapter (第1章) is never a measure, even over the goals of the page."""
    records = run("計画名：総合計画\n団体名：架空県みどり市\n"
                  "第1章 暮らしの安心・安全を守るまちづくり\n"
                  "(4)市域保全の充実--- 76\n"
                  "(5)交通安全と治安の確保--- 78\n"
                  "●目標指標\n"
                  "| 指標 | 現状値 | 目標値(R8年度) |\n|---|---|---|\n"
                  "| 交通事故件数 | 152件 | 120件 |\n")
    assert records.get("measures", []) == []
    assert [(t["indicator"], t["baseline_value"], t["target_fy"], t["target_value"], t["measure_seq"])
            for t in records["targets"]] == [("交通事故件数", 152, 2026, 120, None)]


def test_a_goals_table_without_baselines():
    """A KPI table naming only the indicator and its goal (「指標名 | 目標値(令和8年度)」): each row is a goal."""
    records = run("計画名：DX推進計画\n団体名：架空県みどり市\n"
                  "1 行政手続のオンライン化\n成果指標\n"
                  "| 指標名 | 目標値(令和8年度) |\n|---|---|\n"
                  "| オンライン申請件数 | 5,000件 |\n| 電子申請に対応した手続の数 | 300手続 |\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_text"], t["target_fy"], t["target_value"], t["unit"],
             t["measure_seq"]) for t in records["targets"]] == [
        ("オンライン申請件数", None, None, 2026, 5000, "件", 1), ("電子申請に対応した手続の数", None, None, 2026, 300, "手続", 1)]


def test_a_goals_table_printed_a_cell_a_line_with_goals_in_sentences():
    """A web table printed one cell a line, each ended by 「 |」, without row codes: its width is where the cells
    of each row hold the same kinds of thing (a name, a goal sentence, the facilities). The year before 数値目標
    dates the goals; a goal sentence's figure is read past its dates, and the year it measures from is its
    baseline's (「平成21年度を基準にして23.0%削減する」: 23.0 from 2009)."""
    records = run("計画名：環境マネジメント 数値目標\n団体名：架空県みどり市\n"
                  "エコアクション 数値目標\n"
                  "項 目 |\n平成26年度 数値目標 |\n対象施設 |\n"
                  "電気使用量(kWh) |\n電気使用量を、平成21年度を基準にして23.0%削減する |\n全施設 |\n"
                  "ガソリン使用量(L) |\nガソリン使用量を、平成25年度より削減する |\n全施設 |\n"
                  "水使用量(㎥) |\n水使用量を、平成21年度を基準にして7.0%削減する |\n本庁舎と支所 |\n"
                  "コピー用紙の使用量 |\nコピー用紙の購入量を平成25年度より削減する |\n全施設 |\n")
    assert [(t["indicator"], t["baseline_fy"], t["target_fy"], t["target_value"], t["unit"], t["line"])
            for t in records["targets"]] == [
        ("電気使用量(kWh)", 2009, 2014, 23.0, "%", 7), ("ガソリン使用量(L)", 2013, 2014, None, None, 10),
        ("水使用量(㎥)", 2009, 2014, 7.0, "%", 13), ("コピー用紙の使用量", 2013, 2014, None, None, 16)]


def test_a_strategy_sheet_with_its_kpi_block_numbered_under_the_measure():
    """A 総合戦略 progress sheet: 「具体的な施策 ①」 is the measure with its 主担当課 and 施策概要; 「1 重要業績評価指標(KPI)」,
    numbered otherwise under it and glossed, is its KPI block, no measure; the KPI header row 「現状 H27年度 H28年度」
    is no statement, and a row of its figures and dashes (「28 30 ― ― ―」) no heading."""
    records = run("計画名：総合戦略 進捗状況評価票\n団体名：架空県みどり市\n"
                  "基本目標 1 市内産業の振興\n"
                  "具体的な施策 ① 市内企業の経営支援\n"
                  "主担当課 経済観光課\n"
                  "施策概要\n"
                  "・商工会議所と連携し、経営指導や金融支援を行います。\n"
                  "1 重要業績評価指標(KPI)\n"
                  "指標名 単位\n"
                  "現状 H27年度 H28年度 H29年度\n"
                  "① 融資実行件数 件\n"
                  "300\n"
                  "28 30 ― ― ―\n")
    assert [(m["label"], m["title"], m["departments"]) for m in records["measures"]] == [
        ("具体的な施策 ①", "市内企業の経営支援", ["経済観光課"])]
    assert records.get("statements", []) == []
    sections = [(s["label"], s["title"]) for s in records["sections"]]
    assert ("1", "重要業績評価指標(KPI)") not in sections and ("28", "30 ― ― ―") not in sections


def test_a_pdf_text_layer_spaced_inside_its_words():
    """A 総合計画 page whose PDF text gained spaces inside words (「本市に おい て農 業は」), its label on lines of its
    own (「部門別 プロ ジェ クト」 / 「1」 / the title): the words come back together, the numbered title is the measure
    and its 現状と課題 paragraphs its statements."""
    page = ("計画名：総合計画 前期基本計画\n団体名：架空県みどり市\n"
            "部門別 プロ ジェ クト\n1\n農業経 営担 い手 の確 保と 育成\n"
            "【所管 :経 済部 】\n"
            "現状と課題\n"
            "本市に おい て農 業は 重要 な基幹 産業 の一 つで すが 、後継 者不 足に 加え、農 業者の 高齢 化が 進ん でい ます。\n"
            "平成 17 年 に 2,710 戸 あった 本市 の農 家戸 数は 、平 成 27 年 は 2,104 戸 と減 少し てい ます 。\n"
            "農地 の適 正管 理を 行って いく ため には 、担 い手 の確保 と育 成 が喫緊 の課 題で す。\n"
            "貸せ る農地 の発 掘 や中核 的農 業者 への 集約 化を図 る必 要が あり ます 。\n"
            "若手 農業 者 や外国 人就 労者 など の新 たな働 き手 の獲 得が 必要 とな って いま す。\n")
    records = run(page)
    assert [(m["label"], m["title"], m["line"], m["departments"]) for m in records["measures"]] == [
        ("1", "農業経営担い手の確保と育成", 5, ["経済部"])]
    assert [s["text"] for s in records["statements"]][:2] == [
        "本市において農業は重要な基幹産業の一つですが、後継者不足に加え、農業者の高齢化が進んでいます。",
        "平成17年に2,710戸あった本市の農家戸数は、平成27年は2,104戸と減少しています。"]


def test_a_strategys_goals_over_its_measures_and_kpis_a_year():
    """「1.…まちづくり」 with its 基本数値目標 over (1)–(3), each with KPIs of its own (「41人/年 → 60人/年」, a baseline
    not yet measured 「―」): the numbered goal is their group, the (n) the measures, and a KPI numbered ① no heading."""
    records = run("計画名：総合戦略 KPI一覧\n団体名：架空県みどり町\n"
                  "1.競争力のある産業振興によるまちづくり\n"
                  "新規雇用者数: ― → 50人\n"
                  "(1)第一次産業の振興\n"
                  "① 新規就農者数:1.4人/年 → 4人/年\n"
                  "(2)新たな観光産業の振興\n"
                  "① 地域DMOの設立:0件 → 1件\n"
                  "② 体験型観光による入込者数:41人/年 → 60人/年\n"
                  "(3)創業・起業支援\n"
                  "① 新規創業件数: ― → 2件/年\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("(1)", "第一次産業の振興"), ("(2)", "新たな観光産業の振興"), ("(3)", "創業・起業支援")]
    assert [(t["indicator"], t["baseline_value"], t["target_value"], t["measure_seq"]) for t in records["targets"]] == [
        ("新規雇用者数", None, 50, None), ("新規就農者数", 1.4, 4, 1), ("地域DMOの設立", 0, 1, 2),
        ("体験型観光による入込者数", 41, 60, 2), ("新規創業件数", None, 2, 3)]


def test_a_measure_word_heading_over_the_items_it_does():
    """「施策1 ごみの排出抑制」 over a bulleted list of what it does (no block word) is a measure, as over prose."""
    records = run("計画名：環境基本計画\n団体名：架空県みどり市\n"
                  "基本目標2 持続可能な資源循環の推進\n"
                  "施策1 ごみの排出抑制\n"
                  "- 生ごみ処理容器の購入に助成し、家庭のごみの減量化を図ります。\n"
                  "- 回覧板などのペーパーレス化を促進します。\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("施策1", "ごみの排出抑制")]


def test_a_goal_sentence_names_a_chemical_and_a_kpi_has_no_figure_yet():
    """「CO2換算…を、平成21年度を基準にして4.0%削減する」 is 4.0, not the 2 of CO2; 「― 件/年 → 10件/年」 is a goal of
    10 with no baseline figure; 「1.4組/年 → 4組/年」 counts 組."""
    records = run("計画名：率先行動計画\n団体名：架空県みどり市\n"
                  "1 地域の脱炭素と産品の振興\n"
                  "| 項目 | 平成26年度 数値目標 |\n|---|---|\n"
                  "| CO2排出量 | CO2換算温室効果ガス排出量を、平成21年度を基準にして4.0%削減する |\n"
                  "① 地域優良品認証数: ― 件/年 → 10件/年\n② 新規就農者数:1.4組/年 → 4組/年\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_value"], t["unit"]) for t in records["targets"]] == [
        ("CO2排出量", 2009, None, 4.0, "%"), ("地域優良品認証数", None, None, 10, "件"), ("新規就農者数", None, 1.4, 4, "組")]


def test_a_text_edition_prints_each_kpi_as_fields_after_dashes():
    """A screen-reader edition on one line: 「施策の方向性 (1) …」, then 「- 成果指標:… - 現状値:令和6年度 … - 目標:…
    - 出典:…」 and 「1. 成果指標:…」: the (n) are the measures, each run of fields one KPI of its measure."""
    page = ("計画名：こども計画 成果指標一覧\n団体名：架空県みどり市\n"
            "成果指標一覧の内容を述べる。 その配下に 「成果指標」 「現状値」 「目標」 「出典」 がある。 基本目標1 施策の方向性 "
            "(1) こどもの権利に関する理解促進 - 成果指標:子どもの権利条約を知っているこどもの割合 - 現状値:令和6年度 中高生 29.2% "
            "- 目標:割合の増加 - 出典:こども意識調査 施策の方向性 (2) こどもの居場所づくり 1. 成果指標:ホッとできる居場所がない"
            "と回答したこどもの割合 - 現状値:令和6年度 1.3% - 目標:0% - 出典:こども意識調査 2. 成果指標:地域に遊べる場所が"
            "あると回答したこどもの割合 - 現状値:令和6年度 64.0% - 目標:70% - 出典:こども意識調査\n")
    records = run(page)
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("(1)", "こどもの権利に関する理解促進"), ("(2)", "こどもの居場所づくり")]
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_text"], t["target_value"], t["measure_seq"])
            for t in records["targets"]] == [
        ("子どもの権利条約を知っているこどもの割合", 2024, 29.2, "割合の増加", None, 1),
        ("ホッとできる居場所がないと回答したこどもの割合", 2024, 1.3, "0%", 0, 2),
        ("地域に遊べる場所があると回答したこどもの割合", 2024, 64.0, "70%", 70, 2)]


def test_a_projects_name_over_its_items_announces_no_measures():
    """A table printed a cell a line: 「地域資源発掘事業」 over 「・地域資源の発掘 ・資源辞典整理」 is one 事業 and what it
    does, no list of measures; 「主な事業」 over the same items announces them."""
    page = ("計画名：頑張る地方応援プログラム\n団体名：架空県みどり村\n"
            "■目的、概要\n地元学を進めながら、農業を活かしたコミュニティビジネスを育てる。\n"
            "{word}\n・地域資源の発掘 ・資源辞典整理、増刷\n600\n")
    assert run(page.format(word="地域資源発掘事業")).get("measures", []) == []
    assert [m["title"] for m in run(page.format(word="主な事業"))["measures"]] == ["地域資源の発掘", "資源辞典整理、増刷"]


TWO_ROW_HEADERS = [
    # a Word table as text, tab-separated
    "指標名\t基準値\t\t目標値\t\n\t年度\t値\t年度\t値\n"
    "自主防災組織の結成率\tR2\t78.5%\tR8\t90.0%\n防災アプリの登録者数\tR2\t1,200人\tR8\t5,000人\n",
    # a web page's table as text, each spanning cell followed by an empty one
    "| 指標名 | 基準値 | | 目標値 | |\n|---|---|---|---|---|\n| | 年度 | 値 | 年度 | 値 |\n"
    "| 自主防災組織の結成率 | R2 | 78.5% | R8 | 90.0% |\n| 防災アプリの登録者数 | R2 | 1,200人 | R8 | 5,000人 |\n",
]


@pytest.mark.parametrize("table", TWO_ROW_HEADERS)
def test_a_kpi_header_over_two_rows_a_year_and_a_figure_under_each_side(table):
    """「基準値」 and 「目標値」 each spanning two columns, 「年度」 | 「値」 under each (a Word table's merged header):
    the figure is the baseline or goal, the cell beside it its year."""
    records = run("計画名：総合計画\n団体名：架空県みどり市\n施策2-1 防災・減災対策の推進\n■成果指標\n" + table)
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"], t["measure_seq"])
            for t in records["targets"]] == [("自主防災組織の結成率", 2020, 78.5, 2026, 90.0, 1),
                                             ("防災アプリの登録者数", 2020, 1200, 2026, 5000, 1)]


def test_goals_by_year_between_the_baseline_and_the_last_goal_and_a_system_tables_header():
    """「現状値(R4) | R6 | R7 | R8 | 目標値(R9)」: a goal for each year on the way and the last (bare R6 heads a year's
    column); a 施策体系 table's header 「基本目標 | 施策 | 主な取組」 names columns, no goal."""
    records = run("計画名：DX推進計画\n団体名：架空県みどり市\n"
                  "1 施策の体系\n"
                  "基本目標\t施策\t主な取組\n1 便利な行政サービス\t1-1 行政手続のオンライン化\t電子申請の拡充\n"
                  "2 施策の内容\n施策1-1 行政手続のオンライン化\n【現状と課題】\n"
                  "オンラインで完結する手続は全体の1割程度です。\n【成果指標】\n"
                  "指標\t現状値(R4)\tR6\tR7\tR8\t目標値(R9)\nオンライン化した手続数\t45手続\t80手続\t120手続\t160手続\t200手続\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"], t["measure_seq"])
            for t in records["targets"]] == [("オンライン化した手続数", 2022, 45, year, value, 1)
                                             for year, value in ((2024, 80), (2025, 120), (2026, 160), (2027, 200))]


@pytest.mark.parametrize("cover", ["みどり市DX推進計画（概要版）", "みどり市DX推進計画【概要版】",
                                   "みどり市DX推進計画 実施計画（令和6年度～令和8年度）", "みどり市DX推進計画（素案）"])
def test_a_covers_title_with_a_note_after_the_plans_name(cover):
    """A cover's title line ends with a note in brackets (概要版, the period, 素案): still the plan's title, as printed."""
    records = run(f"{cover}\n\n令和6年3月\nみどり市\n\n1 計画の概要\n本計画は、市のDXを進めるためのものです。\n")
    assert records["metadata"][0]["title"] == cover


def test_a_reform_plans_items_under_its_groups_and_its_main_items():
    """「推進項目」 announces the numbered groups under it, each over a numbered list of short titles: the titles are the
    measures; 「主要事項」 over numbered lines announces them as measures."""
    records = run("計画名：行政改革大綱\n団体名：架空県みどり市\n"
                  "推進項目\n基本方針に基づく具体的な推進項目は、次のとおりとします。\n"
                  "1 質の高い行政サービスの推進\n  1. 市民参画の推進と協働型社会の構築\n  2. 公正の確保と透明性の向上\n"
                  "2 効率的な行政経営の推進\n  1. 職員の適正管理と組織の強化\n  2. 事務事業の見直し\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("1", "市民参画の推進と協働型社会の構築"), ("2", "公正の確保と透明性の向上"),
        ("1", "職員の適正管理と組織の強化"), ("2", "事務事業の見直し")]
    records = run("計画名：行政改革推進プラン\n団体名：架空県みどり市\n"
                  "主要事項\nプランでは、次の事項を主要事項として取り組みます。\n"
                  "1 行政サービスのアウトソーシング等の推進\n2 自治体情報システムのクラウド化の拡大\n3 公営企業の経営健全化\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("1", "行政サービスのアウトソーシング等の推進"), ("2", "自治体情報システムのクラウド化の拡大"), ("3", "公営企業の経営健全化")]


def test_a_goal_with_its_deadline_outside_any_measure():
    """「令和7年度末までに…への移行を目指します。」 on a page without measures is a goal of 2025; a sentence that aims at
    something with no deadline (「…まちを目指します。」) stays prose."""
    records = run("計画名：システム標準化\n団体名：架空県みどり町\n○本町の計画\n"
                  "令和7年度末までにガバメントクラウド上の標準準拠システムへの円滑な移行を目指します。\n"
                  "誰もが暮らしやすいまちを目指します。\n")
    assert [(t["target_fy"], t["target_value"], t["line"]) for t in records["targets"]] == [(2025, None, 4)]


def test_a_sentence_pointing_to_the_list_under_it():
    """「ほか、下記の重点政策を掲げています」 over 「・教育の充実」 …: the items are the measures (重点政策 names measures)."""
    records = run("計画名：県総合計画 広報\n団体名：架空県\n■県総合計画を見直しました。\n"
                  "若い世代が安心して子育てができる環境をつくります。\nほか、下記の重点政策を掲げています\n"
                  "・教育の充実\n・安心できる医療・介護体制を構築\n・災害に強い県土をつくる\n")
    assert [m["title"] for m in records["measures"]] == ["教育の充実", "安心できる医療・介護体制を構築", "災害に強い県土をつくる"]


def test_a_kpi_printed_on_two_lines_under_a_goal_heading():
    """「目標1 …」 over 「①鉄道利用者数」 over 「現状値(平成 26 年度):4,021 人/日 目標値:4,300 人/日」: 目標1 is the
    measure; each numbered line is the indicator of the figures under it (one KPI, on the indicator's line), no
    measure; the goal named with a colon follows the baseline as an arrow would; 人/日 is printed with its amount."""
    records = run("地域公共交通網形成計画\n目標1 地域公共交通の利便性の向上\n①鉄道利用者数 (JR宇部線 )\n"
                  "現状値(平成 26 年度):4,021 人/日 目標値:4,300 人/日\n②路線バス利用者数\n"
                  "現状値:6,891人/日 目標値:7,700人/日\n目標2 “まちなかのにぎわい”創出への貢献\n"
                  "①宇部新川駅における鉄道の乗降者数\n現状値(平成 26 年度):1,767 人/日 目標値:2,000 人/日\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("目標1", "地域公共交通の利便性の向上"), ("目標2", "“まちなかのにぎわい”創出への貢献")]
    assert [(t["line"], t["measure_seq"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_value"],
             t["target_text"]) for t in records["targets"]] == [
        (3, 1, "鉄道利用者数 (JR宇部線 )", 2014, 4021.0, 4300.0, "4,300 人/日"),
        (5, 1, "路線バス利用者数", None, 6891.0, 7700.0, "7,700人/日"),
        (8, 2, "宇部新川駅における鉄道の乗降者数", 2014, 1767.0, 2000.0, "2,000 人/日")]


@pytest.mark.parametrize("line", ["目標1 職員の働き方改革", "目標1：職員の働き方改革"])
def test_a_goal_word_with_a_number_labels_a_heading_but_not_a_field_or_an_amount(line):
    """「目標1 …」 is a label as 施策1 is; 「目標1_研修受講者:1,000人」 is a numbered field and 「目標1,000件」 an amount."""
    assert parse_label(line)[0].text == "目標1"
    assert parse_label("目標1_研修受講者:1,000人/年") is None
    assert parse_label("目標1,000件") is None


def test_word_labelled_headings_over_prose_and_labelled_items_over_their_text():
    """「基本方針2 …」 over prose, nothing under it, another word's heading next: a measure, as 主要施策3 over prose is;
    「- 基本方針1:…」 over an unlabelled item saying what it is about heads that item. A 基本目標1 whose prose opens
    with a number of its own (「1 農林業の振興 施策の目的 …」, a lower level left in the text) is none."""
    records = run("計画名：教育振興基本計画\n団体名：架空県みどり市\n基本方針2 多様性を認め合う共生社会\n"
                  "人権尊重のまちづくりを推進するために、人権教育に関する啓発活動を進めます。\n"
                  "政策目標1 安全・安心のまち\n主要施策3 交通安全と地域防犯の推進\n"
                  "交通安全対策の推進については、関係部局との連携のもと進めます。\n")
    assert [m["label"] for m in records["measures"]] == ["基本方針2", "主要施策3"]
    records = run("みどり町情報化計画\n基本方針\n- 基本方針1:住民サービスの利便性向上\n"
                  "- 利用者の立場に立った住民サービスの改革を行います。\n- 基本方針2:デジタルと共生するまちへ\n"
                  "- さまざまな人や組織が連携し、新しいサービスを創出します。\n")
    assert [(m["line"], m["label"], m["title"]) for m in records["measures"]] == [
        (3, "基本方針1", "住民サービスの利便性向上"), (5, "基本方針2", "デジタルと共生するまちへ")]
    overview = run("みどり町情報化計画\n基本方針\n- 基本方針1:住民サービスの利便性向上\n- 基本方針2:デジタルと共生するまちへ\n")
    assert not overview.get("measures")
    records = run("計画名：総合計画\n団体名：架空県みどり町\n基本目標1 活力がみなぎる産業づくり\n"
                  "1 農林業の振興 施策の目的 安全・安心な食を提供する農業の実現に向け、農業振興施策を推進します。\n")
    assert "基本目標1" not in [m["label"] for m in records.get("measures", [])]


def test_a_table_a_cell_a_line_with_numbered_rows_and_goals_due_by_a_year():
    """「項 目 |」 「目 標 |」 then 「1 |」 「太陽光発電 |」 「2030(令和12)年度までに、…100%設置することを目指す。 |」 …: each
    number starts a row (its column has no header cell); the goal is 100 (%), due in 2030, on the row's first line."""
    rows = "".join(f"{n} |\n{item} |\n{goal} |\n" for n, item, goal in [
        (1, "太陽光発電", "2030(令和12)年度までに、設置可能な建築物へ100%設置することを目指す。"),
        (2, "LED照明", "2030(令和12)年度までに、導入割合100%を目指す。"),
        (3, "県有施設の省エネ基準", "建築物の新築時は、ZEB Ready相当(50%以上の省エネ)を目指す。")])
    records = run("計画名：県庁率先行動計画\n団体名：架空県\n5 個別削減目標\n|\n項 目 |\n目 標 |\n" + rows)
    assert [(t["line"], t["indicator"], t["target_fy"], t["target_value"]) for t in records["targets"]] == [
        (7, "太陽光発電", 2030, 100.0), (10, "LED照明", 2030, 100.0), (13, "県有施設の省エネ基準", None, 50.0)]


@pytest.mark.parametrize("printed, value", [("4,0", None), ("3,0000万円", None), ("1,000,", 1000.0), ("12,345.6%", 12345.6)])
def test_digits_grouped_wrongly_are_no_number(printed, value):
    """「4,0」 (a figure cut off at the end of a page) and 「3,0000」 have no value; the text is kept as printed."""
    from pipeline.quantities import parse_amount

    amount = parse_amount(printed)
    assert (amount.value, amount.text) == (value, printed)


def test_a_note_on_how_an_indicator_is_measured_is_no_goal():
    """「【計測方法】 各交通事業者が実施する乗降調査において把握」 under a KPI explains it, as 「指標設定の考え方、…」 does."""
    records = run("地域公共交通網形成計画\n目標1 地域公共交通の利便性の向上\n評価指標\n鉄道利用者数 現状値:4,021人/日 目標値:4,300人/日\n"
                  "【計測方法】 各交通事業者が実施する乗降調査において把握\n")
    assert [(t["line"], t["target_value"]) for t in records["targets"]] == [(4, 4300.0)]


def test_goal_labels_in_brackets_over_their_titles_and_goals_against_a_baseline():
    """「《基本目標(1)》」 over 「「若者の希望をかなえる都市をつくる」」: one heading, a measure over its 《数値目標》; 「○ターゲット2:
    中・高年層」 opens the next group (no goal); 「基準値58.0%をアップ」 is a baseline of 58.0 with a goal in words."""
    records = run("第2期岐阜市まち・ひと・しごと創生総合戦略\n○ターゲット1:若年層\n《基本目標(1)》\n「若者の希望をかなえる都市をつくる」\n"
                  "《数値目標》\n・出生数:3,000人以上\n○ターゲット2:中・高年層\n《基本目標(2)》\n「女性が活躍し輝く都市をつくる」\n"
                  "《数値目標》\n・育児休業制度を定めている企業の割合:基準値58.0%をアップ\n")
    assert [(m["line"], m["label"]) for m in records["measures"]] == [(3, "基本目標(1)"), (8, "基本目標(2)")]
    assert [(t["line"], t["measure_seq"], t["baseline_value"], t["target_value"], t["target_text"])
            for t in records["targets"]] == [(6, 1, None, 3000.0, "3,000人以上"), (11, 2, 58.0, None, "基準値58.0%をアップ")]


def test_a_table_header_printed_a_cell_a_line_dated_by_its_notes_in_a_section_on_running_the_plan():
    """「指標 |」 「現況 2002年 (数値は平成14年度末) |」 「中間年度の目標 2014年 (数値は平成25年度末) |」 over 「---|---|---|」: one
    header row; the figures are of the fiscal years the notes date (2002, 2013); 「3節 進行管理」 is about running the
    plan, no measure."""
    records = run("環境基本計画\n3節 進行管理\n進捗状況を毎年公表します。\n指標 |\n現況 2002年 (数値は平成14年度末) |\n"
                  "中間年度の目標 2014年 (数値は平成25年度末) |\n---|---|---|\n一人当たりごみ排出量 | 174.38キログラム/年 | 170.0キログラム/年以下 |\n"
                  "リサイクル率 | 37.2% | 41%以上 |\n")
    assert not records.get("measures")
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(8, "一人当たりごみ排出量", 2002, 174.38, 2013, 170.0),
                                             (9, "リサイクル率", 2002, 37.2, 2013, 41.0)]


def test_changes_under_a_results_block_are_results_of_the_items_above_them():
    """Under 主な実績, 「- 優先度の高い行政手続電子化率」 over 「7 %(令和1年度)→ 100 %(令和6年度) - キャッシュレス決済導入施設等の数」:
    each item is the indicator of the figures under it, the second side its result (actual, no goal), the next item
    after 「 - 」; 「[H22:607人 → H29:451人]」 dates its sides with a colon. None of them is a statement."""
    records = run("行財政改革大綱 取組実績\n目標1 デジタルトランスフォーメーション等による新しい行政の確立\n主な実績(目標1)\n"
                  "- 優先度の高い行政手続電子化率\n7 %(令和1年度)→ 100 %(令和6年度) - キャッシュレス決済導入施設等の数\n"
                  "0施設等(令和1年度)→ 21 施設等(令和6年度) - tsulunos動画再生回数\n183 万回(令和2年度)→ 8,030 万回(令和6年度)\n"
                  "- 県内の自殺者数 [H22:607人 → H29:451人]\n")
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["actual_fy"], t["actual_value"],
             t["target_value"]) for t in records["targets"]] == [
        (4, "優先度の高い行政手続電子化率", 2019, 7.0, 2024, 100.0, None),
        (5, "キャッシュレス決済導入施設等の数", 2019, 0.0, 2024, 21.0, None),
        (6, "tsulunos動画再生回数", 2020, 183.0, 2024, 8030.0, None),
        (8, "県内の自殺者数", 2010, 607.0, 2017, 451.0, None)]
    assert not records.get("statements")


def test_starred_block_words_side_by_side_a_count_is_no_title_and_column_names_are_no_goals():
    """「★ 現状と課題 ★」 over 「★ 細施策達成の基本的な考え方(あるべき姿) ★」 (a heading naming its block in brackets), then the
    text of each: what the plan does (「…を推進します。」) is of the second; 「1 件以上の取組を行った学校数」 is no numbered
    title; 「成果指標名」 under 成果指標 is a column's name, no goal."""
    records = run("総合計画 後期基本計画\n1 情報文化教育の推進\n★ 現状と課題 ★\n★ 細施策達成の基本的な考え方(あるべき姿) ★\n"
                  "利用者のモラルを向上していく必要があります。\n先生、児童・生徒に対し系統的な情報リテラシー教育を推進します。\n"
                  "成果指標\n成果指標名\n小中学校での具体的な取組\n1 件以上の取組を行った学校数\n")
    assert [(s["line"], s["kind"]) for s in records["statements"]] == [
        (5, "現状と課題"), (6, "細施策達成の基本的な考え方(あるべき姿)")]
    assert [m["title"] for m in records["measures"]] == ["情報文化教育の推進"]
    assert 8 not in [t["line"] for t in records.get("targets", [])]


def test_goals_numbered_with_the_goal_word_under_a_goal_block_are_goals():
    """Under 成果指標, 「目標1：オンライン申請率 30%→50%」 and 「目標2 窓口の待ち時間を半減」 are goals (目標N labels a part
    of a plan elsewhere: no heading, no measure here), the number no part of the goal."""
    records = run("みどり市DX推進計画\n1 電子申請の拡充\n現状\n・紙の申請が多い\n成果指標\n目標1：オンライン申請率 30%→50%\n"
                  "目標2 窓口の待ち時間を半減\n目標3：電子申請の手続数 100件\n")
    assert [m["title"] for m in records["measures"]] == ["電子申請の拡充"]
    assert [(t["line"], t["indicator"], t["baseline_value"], t["target_value"], t["target_text"]) for t in records["targets"]] == [
        (6, "オンライン申請率", 30.0, 50.0, "50%"), (7, None, None, None, "窓口の待ち時間を半減"),
        (8, "電子申請の手続数", None, 100.0, "100件")]


def test_a_line_of_years_under_a_goal_block_is_no_goal():
    """「平成23年度 平成24年度 平成25年度」 under 成果指標 (a sheet's header dumped on a line): column names, no goal."""
    records = run("施策マネジメントシート\n1 町民参画の推進\n成果指標\n平成23年度 平成24年度 平成25年度\nまちづくり活動の団体数 30団体\n")
    assert [(t["line"], t["target_value"]) for t in records["targets"]] == [(5, 30.0)]


def test_a_kpi_table_with_pipes_between_cells_only_and_a_schedule_of_years_alone():
    """「指標名 | 現状値(令和元年度) | 目標値(令和7年度)」 over its rows (Markdown without outer pipes) is a KPI table; one such
    line alone stays text. Under a measure's 〈スケジュール〉, 「R5 | R6 | R7 | R8」 over 「検討 | 導入 | 運用 | →」 is the
    measure's own schedule, titled by it; outside every measure such a row makes no item."""
    records = run("総合計画 後期基本計画\nホーム | 市政情報 | 計画\n施策1 地域防災力の強化\n【成果指標】\n"
                  "指標名 | 現状値(令和元年度) | 目標値(令和7年度)\n自主防災組織の結成率 | 85% | 95%\n"
                  "防災訓練の参加者数 | 3,000人 | 5,000人\n【担当課】危機管理課\n"
                  "施策2 行政手続のオンライン化\n〈スケジュール〉\nR5 | R6 | R7 | R8\n検討 | 導入 | 運用 | →\n")
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(6, "自主防災組織の結成率", 2019, 85.0, 2025, 95.0),
                                             (7, "防災訓練の参加者数", 2019, 3000.0, 2025, 5000.0)]
    assert [(i["line"], i["measure_seq"], i["title"], [c["text"] for c in i["cells"]]) for i in records["schedule_items"]] == [
        (12, 2, "行政手続のオンライン化", ["検討", "導入", "運用", "→"])]
    loose = run("みどり市DX推進計画\nスケジュール\nR5 | R6 | R7 | R8\n検討 | 導入 | 運用 | →\n")
    assert not loose.get("schedule_items")


def test_a_result_column_dated_by_a_bare_era_year():
    """「指標 | 策定時(R3) | R5実績 | 目標(R8) | 評価」: R5実績 is the result of 2023 (a year then its role, without 年度)."""
    records = run("みどり町デジタル化推進計画 進捗状況\n1 行政手続のオンライン化\n取組状況\n電子申請の対象手続を30手続追加しました。\n"
                  "| 指標 | 策定時(R3) | R5実績 | 目標(R8) | 評価 |\n|---|---|---|---|---|\n"
                  "| オンライン手続数 | 10手続 | 45手続 | 100手続 | B |\n担当部署：総務課\n")
    assert [(t["baseline_fy"], t["baseline_value"], t["actual_fy"], t["actual_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(2021, 10.0, 2023, 45.0, 2026, 100.0)]


@pytest.mark.parametrize("frame", ["〔{}〕", "≪{}≫", "「{}」", "『{}』", "◎{}", "▼{}", "▶{}"])
def test_block_words_in_other_frames(frame):
    """〔現状と課題〕, ≪現状と課題≫, 「現状と課題」, 『…』 and ◎ ▼ ▶ marks frame a block word as 【】 does (◎現状と課題 was
    read as 課題 alone, 〔現状と課題〕 as no block)."""
    records = run(f"第2次みどり市情報化計画\n(1) 情報セキュリティ対策の強化\n{frame.format('現状と課題')}\n"
                  f"サイバー攻撃が巧妙化しています。\n{frame.format('今後の方向性')}\n職員研修を毎年実施します。\n")
    assert [(s["line"], s["kind"], s["role"]) for s in records["statements"]] == [
        (4, "現状と課題", "state_and_issues"), (6, "今後の方向性", "policy")]


def test_a_strategys_basic_goals_over_measures_with_kpis_of_their_own():
    """基本目標1 with its 数値目標 and 基本的方向 over 「(1) 企業誘致の推進」 「(2) 創業支援」, each with a KPI line of its own: the (1), (2)
    are the measures, 基本目標1 their group (its 数値目標 the group's); 「①…の割合」 over its figures under such a heading
    names an indicator, no measure."""
    records = run("みどり町まち・ひと・しごと創生総合戦略\n基本目標1 安定した雇用を創出する\n【数値目標】\n"
                  "・新規雇用者数 50人(平成26年度) → 250人(平成31年度)\n【基本的方向】\n・企業誘致を推進します。\n"
                  "【具体的な施策と重要業績評価指標(KPI)】\n"
                  "(1) 企業誘致の推進\n　KPI：誘致企業数 0社 → 5社\n(2) 創業支援\n　KPI：創業件数 年間10件\n"
                  "基本目標2 新しい人の流れをつくる\n【数値目標】\n①転入者の割合\n現状値(平成26年度):5% 目標値:8%\n"
                  "②移住相談件数\n現状値(平成26年度):20件 目標値:100件\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("(1)", "企業誘致の推進"), ("(2)", "創業支援"), ("基本目標2", "新しい人の流れをつくる")]


def test_a_kpi_printed_as_fields_a_line_each_with_its_years_after_the_values():
    """「指標名：…」 / 「現状値：500件（令和4年度）」 / 「目標値：2,000件（令和8年度）」: one KPI dated by the brackets after its
    values; 「・オープンデータの公開数」 over 「現状値　30件（令和4年度）」 / 「目標値　100件（令和8年度）」 (a wide space for the
    colon): the line above names the indicator, one KPI (no goal of its own for each line)."""
    records = run("みどり市DX推進計画\n施策1 窓口のデジタル化\n現状と課題\n・窓口が混雑している\n成果指標\n"
                  "指標名：デジタル窓口の利用件数\n現状値：500件（令和4年度）\n目標値：2,000件（令和8年度）\n"
                  "施策2 データ活用\n成果指標\n・オープンデータの公開数\n　現状値　30件（令和4年度）\n　目標値　100件（令和8年度）\n")
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [(6, "デジタル窓口の利用件数", 2022, 500.0, 2026, 2000.0),
                                             (11, "オープンデータの公開数", 2022, 30.0, 2026, 100.0)]


def test_a_kpi_table_by_year_whose_first_year_is_its_baseline():
    """「| 指標 | R4(基準) | R6 | R7 | R8 | R9(目標) |」: R4's figure is the baseline (基準 names it as 基準値 does), a goal for each
    later year (the baseline's column was dropped and R6 taken for it)."""
    records = run("みどり市DX推進計画\n取組2 データ利活用\n成果指標\n| 指標 | R4(基準) | R6 | R7 | R8 | R9(目標) |\n"
                  "|---|---|---|---|---|---|\n| オープンデータ数 | 30 | 50 | 70 | 90 | 100 |\n")
    assert [(t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"]) for t in records["targets"]] == [
        (2022, 30.0, 2024, 50.0), (2022, 30.0, 2025, 70.0), (2022, 30.0, 2026, 90.0), (2022, 30.0, 2027, 100.0)]


PAGE_SIDE_BY_SIDE = ("みどり市DX推進計画\n取組② 書かない窓口の推進\n現状・課題                    取組内容\n"
                     "・申請書の記入に時間がかかる  ・申請書の自動作成\n・窓口が混雑している          ・予約システムの導入\n"
                     "担当：市民課\n")


def test_two_blocks_a_text_dump_printed_side_by_side():
    """「現状・課題                    取組内容」 over lines holding an item of each (pdftotext -layout of a slide's two
    boxes): the left items are 現状・課題's statements, the right ones 取組内容's (no statements), each on its line; the
    line after the boxes (「担当：市民課」) is the measure's department."""
    records = run(PAGE_SIDE_BY_SIDE)
    assert [(s["line"], s["kind"], s["text"]) for s in records["statements"]] == [
        (4, "現状・課題", "申請書の記入に時間がかかる"), (5, "現状・課題", "窓口が混雑している")]
    assert records["measures"][0]["departments"] == ["市民課"]
    # each line holds a statement and an item of 取組内容 (kept in its passages): in records, none not understood
    account = extract_all(read_text(PAGE_SIDE_BY_SIDE)).accounting
    assert account.counts["not_understood"] == 0 and account.counts["records"] == 4


def test_key_measures_named_with_their_word_and_a_department_line_right_under_them():
    """「重点取組事項1 …」 (重点取組事項, 個別施策, 基本施策, 重点事業, プロジェクト are label words) over 「デジタル推進課」 or
    「県民生活部、デジタル推進課」, a line of organisations' names only: the measure and its departments (a field such
    as 「問合せ:公共施設マネジメント課」 is no such line)."""
    records = run("みどり県DX推進計画\n重点取組事項1 行政手続のデジタル化\nデジタル推進課\n現状\n・紙の手続が多い。\n"
                  "重点取組事項2 県民のデジタル活用支援\n県民生活部、デジタル推進課\n現状\n・高齢者のスマホ利用率が低い。\n"
                  "重点取組事項3 公共施設の管理\n問合せ:公共施設マネジメント課\n現状\n・施設が古い。\n")
    assert [(m["label"], m["title"], m["departments"]) for m in records["measures"]] == [
        ("重点取組事項1", "行政手続のデジタル化", ["デジタル推進課"]),
        ("重点取組事項2", "県民のデジタル活用支援", ["県民生活部", "デジタル推進課"]),
        ("重点取組事項3", "公共施設の管理", [])]


def test_a_sheet_names_its_measure_then_its_department_on_one_line_and_results_a_cell_each():
    """「事務事業名 区民祭開催事業 所管課 総合企画局自治政策部」: the measure's name ends where the next field begins, the
    department its value; 「実績 | 地域の…体制整備 | 順次機能整備」: each cell of a row of years is a statement."""
    records = run("事務事業 評価シート\n事務事業名 区民祭開催事業 所管課 総合企画局自治政策部\n"
                  "| | 現状 | 2005年度 | 2006年度 |\n|---|---|---|---|\n| 事業目標 | 区民祭の開催 | 継続実施 | 継続実施 |\n"
                  "| 実績 | 地域のまちづくり活動支援のための体制整備 | 順次機能整備 | |\n")
    assert [(m["title"], m["departments"]) for m in records["measures"]] == [("区民祭開催事業", ["総合企画局自治政策部"])]
    assert [(s["line"], s["text"]) for s in records["statements"]] == [
        (6, "地域のまちづくり活動支援のための体制整備"), (6, "順次機能整備")]


@pytest.mark.parametrize("line", ["電子申請率 現状値 20.5%（令和4年度） 目標値 50.0%（令和8年度）",
                                  "電子申請率［現状］20.5%（R4）［目標］50.0%（R8）",
                                  "電子申請率 基準値 20.5% (2022年度) 目標値 50% (2026年度)"])
def test_kpi_lines_naming_their_sides_with_a_space_or_brackets(line):
    """A goal named after the baseline with a space (「目標値 50.0%」) or in brackets (「［目標］50.0%」), each side dated in
    brackets after its figure: one KPI (the whole line was the indicator, the baseline the goal)."""
    records = run(f"みどり市DX推進計画\n施策1 電子申請の拡充\n成果指標\n{line}\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"])
            for t in records["targets"]] == [("電子申請率", 2022, 20.5, 2026, 50.0)]


@pytest.mark.parametrize("line", ["令和6年度：検討、令和7年度：導入、令和8年度：運用", "【R6】検討 【R7】導入 【R8】運用",
                                  "令和6年度 検討／令和7年度 導入／令和8年度 運用"])
def test_steps_of_a_line_separated_by_commas_slashes_or_bracketed_years(line):
    """Dated steps on one line apart by 「、」 or 「／」, or with their years in brackets: the measure's schedule item."""
    records = run(f"みどり市DX推進計画\n施策1 電子申請の拡充\n現状\n・紙の申請が多い。\nスケジュール\n{line}\n")
    assert [(i["title"], [(c["fiscal_year"], c["text"]) for c in i["cells"]]) for i in records["schedule_items"]] == [
        ("電子申請の拡充", [(2024, "検討"), (2025, "導入"), (2026, "運用")])]


@pytest.mark.parametrize("heading", ["■施策{} {}", "【施策{}】{}", "<施策{}> {}", "Ⅰ-{} {}"])
def test_labels_after_a_mark_in_brackets_or_under_a_roman_chapter(heading):
    """「■施策1 …」, 「【施策1】…」, 「<施策1> …」 and 「Ⅰ-1 …」 label measures as 「施策1 …」 does (the first three were
    no headings, Ⅰ-1 no label)."""
    page = "".join(f"{heading.format(n, title)}\n現状と課題\n・{state}\n"
                   for n, title, state in [(1, "電子申請の拡充", "紙の申請が多い。"), (2, "窓口改革", "窓口が混む。")])
    records = run("みどり市DX推進計画\n" + page)
    assert [(m["line"], m["title"]) for m in records["measures"]] == [(2, "電子申請の拡充"), (5, "窓口改革")]


@pytest.mark.parametrize("word, kind_role", [("施策の基本方針", "policy"), ("今後の取組方針", "policy"), ("基本方向", "policy"),
                                             ("目指す将来像", "vision"), ("課題認識", "issues")])
def test_more_block_words_of_what_a_measure_says(word, kind_role):
    """施策の基本方針, 今後の取組方針, 基本方向 (a policy), 目指す将来像 (a vision) and 課題認識 open statement blocks; 主管課 names
    the department, 主要な取組 what the measure does (no statements)."""
    records = run(f"みどり町総合計画\n施策1 観光交流の推進\n【{word}】\n観光資源を活かした交流を進めます。\n"
                  "【主要な取組】\n・観光案内所の整備\n主管課：商工観光課\n")
    assert [(s["kind"], s["role"]) for s in records["statements"]] == [(word, kind_role)]
    assert records["measures"][0]["departments"] == ["商工観光課"]


@pytest.mark.parametrize("field", ["【目標指標1】", "【数値目標1】", "成果指標1：", "【目標1】"])
def test_a_numbered_goal_stated_after_its_field_under_a_section_about_the_goals(field):
    """「【目標指標1】改革の効果額150億円を目指す。」 under 「2 …において設定した目標指標の状況」: one target of 150 億円 at the
    plan's level (the line was not understood, and the section about the goals is no measure)."""
    records = run("みどり市行財政改革行動計画の進捗状況\n1 改革項目の状況\n・改革を実施した項目 39件\n"
                  "2 行動計画において設定した目標指標の状況\n改革の効果額\n"
                  f"{field}改革の効果額(累計額)150億円を目指す。\n職員数の削減\n"
                  f"{field.replace('1', '2')}計画期間内に概ね430人の職員数の削減を目指す。\n")
    assert records.get("measures", []) == []
    assert [(t["line"], t["target_value"], t["unit"], t["target_fy"]) for t in records["targets"]] == \
        [(6, 150, "億円", None), (8, 430, "人", None)]
    assert records["targets"][0]["indicator"] == "改革の効果額(累計額)"  # what is counted, not the sentence


def test_a_dump_with_block_words_padded_inside_their_brackets_and_goals_listed_under_a_goal_word():
    """A page dumped on one line: 「(1) 健康管理 【 基本的な考え方 】 … 【 基本的な目標 】 ① … ② … [ 現状・課題 ] …」 (the
    padded brackets split nothing): the measure (1), its two goals without figures and its 現状・課題."""
    dump = ("みどり市健康増進計画 6 健康増進計画 (領域別計画) (1) 健康管理 【 基本的な考え方 】 健康はひとりひとりの意識から "
            "【 基本的な目標 】 ① 生活習慣病の予防 ② 疾病の早期発見・早期治療 [ 現状・課題 ] 健診の受診者数は伸び悩んで"
            "おり、特に働き盛りの世代では低い傾向にあります。 健診の受診勧奨・周知の取り組みや関係機関との連携を強化し、"
            "受診率の向上に努めます。 " + "健康づくりにはひとりひとりの意識が重要です。 " * 8)
    records = run("計画名：みどり市健康増進計画\n" + dump + "\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("(1)", "健康管理")]
    assert [(t["target_text"], t["target_value"]) for t in records["targets"]] == \
        [("生活習慣病の予防", None), ("疾病の早期発見・早期治療", None)]
    assert records["statements"][0]["kind"] == "現状・課題"
    assert records["statements"][0]["text"].startswith("健診の受診者数は伸び悩んでおり")


def test_numbered_items_that_head_nothing_under_a_goal_word_are_goals():
    """Under 【基本的な目標】, ① and ② with nothing under them are goals; under 基本目標, (1) over its own blocks is a
    measure."""
    records = run("みどり町健康増進計画\n1 健康管理\n【基本的な目標】\n① 生活習慣病の予防\n② 疾病の早期発見\n【現状・課題】\n"
                  "・健診の受診率が低い。\n")
    assert [t["target_text"] for t in records["targets"]] == ["生活習慣病の予防", "疾病の早期発見"]
    records = run("みどり町総合計画\n基本目標\n(1) 健康づくり\n【現状と課題】\n・受診率が低い。\n(2) 子育て支援\n"
                  "【現状と課題】\n・待機児童がいる。\n")
    assert [m["title"] for m in records["measures"]] == ["健康づくり", "子育て支援"]
    assert records.get("targets", []) == []


def test_a_block_word_after_a_long_clause_and_a_figures_caption():
    """「第4次長期総合計画における方向性」 (a clause of 15 characters before 方向性) opens a policy block as 「…に掲げる方向性」
    does; a figure's caption (「図 30 …」) in a 現状 block is no statement."""
    records = run("みどり市施策評価表\n施策1 生涯学習の推進\n第4次長期総合計画における方向性\n・生涯学習講座の提供に努める。\n"
                  "現状\n・講座の参加者が減っている。\n図 30 年代別参加率 100 80 60\n")
    assert [(s["kind"], s["role"], s["text"]) for s in records["statements"]] == [
        ("第4次長期総合計画における方向性", "policy", "生涯学習講座の提供に努める。"),
        ("現状", "current_state", "講座の参加者が減っている。")]


@pytest.mark.parametrize("reference", ["【P47】", "〔p.12〕", "【12ページ】"])
def test_a_page_reference_in_brackets_is_no_heading(reference):
    """「【P47】」 alone on a line (where a draft says it) was read as a measure titled P47."""
    records = run(f"みどり市環境基本計画 取り組み内容比較表\n区分\n市の取り組み内容\n{reference}\n"
                  "○環境に関する講座や見学会など学習の機会を提供します。\n○環境教育に関する情報提供に努めます。\n"
                  "環境問題に関心を持って自ら学んでいる市民割合\n現状値 12.7% 目標値 17%\n")
    assert records.get("measures", []) == []
    assert all(s["title"] != reference[1:-1] for s in records.get("sections", []))


def test_a_numbered_heading_titled_with_a_block_word_is_no_measure():
    """「2.成果指標」 (a block word, numbered) heads a block of the sheet, not a measure titled 成果指標 (as it was on a
    sheet whose own heading is not read as a measure); its goal is still read."""
    records = run("みどり市施策評価シート\n施策 情報通信基盤の整備\n1.施策の方針\n・光回線を整備します。\n2.成果指標\n"
                  "ケーブルテレビ加入率 現状 50% → 目標 70%\n3.施策の評価\n・順調に進んでいる。\n")
    assert "成果指標" not in [m["title"] for m in records.get("measures", [])]
    assert [(t["baseline_value"], t["target_value"]) for t in records["targets"]] == [(50, 70)]


def test_codes_with_minus_signs_and_a_mirrors_furniture():
    """「1−1」 printed with minus signs (U+2212) numbers measures as 「1-1」 does; a document-hosting site's lines
    (「0 Downloads」, 「2 Views」, 「Category:」, 「TRANSCRIPT」) are neither headings nor a block's text."""
    furniture = "Upload: others\n\nPost on 24-Aug-2020\n\n2 Views\n\nCategory:\n\nDocuments\n\n0 Downloads\n\nTRANSCRIPT\n\n"
    page = "".join(f"1−{n} {title}\n現状と課題\n・{state}\n" for n, title, state in
                   [(1, "新産業の創出", "起業が少ない。"), (2, "雇用の促進", "求人が少ない。")])
    records = run("みどり県総合計画 施策シート\n" + furniture + page)
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("1−1", "新産業の創出"), ("1−2", "雇用の促進")]
    assert [s["text"] for s in records["statements"]] == ["起業が少ない。", "求人が少ない。"]


def test_a_sentence_goes_on_after_a_blank_line_in_kana():
    """In a text with a blank line after every line, 「…全国平均を目指し」 / 「ます。」 is one statement."""
    records = run("みどり県の戦略\n\n1 女性の活躍の促進\n\n目指す姿\n\n平成32(2020)年度中に、女性の就業率の全国平均を目指し\n\nます。\n\n"
                  "2 子育ての支援\n\n目指す姿\n\n待機児童ゼロを目指します。\n")
    assert [s["text"] for s in records["statements"]] == ["平成32(2020)年度中に、女性の就業率の全国平均を目指します。",
                                                          "待機児童ゼロを目指します。"]


def test_a_web_tables_rows_broken_over_lines_and_inside_a_cell():
    """A page's table converted with 「 |」 after each cell, each row over two lines (「1 | 111 | …利用者数 | 5万人 (平成29年度)
    |」 / 「6万人 | 理由 | 考え方 | 出典 |」) and a cell broken by a line break (「… | 6.1万人」 / 「(平成29年度) |」): one row each."""
    records = run("施策指標の一覧\n政策1 平和と人権を尊重するまちづくり\n"
                  "No | 施策 | 指標名 | 策定時 | 目標 | 指標として設定する理由 | 目標値の考え方 | 指標の出典 |\n"
                  "---|---|---|---|---|---|---|---|\n"
                  "1 | 111 | 平和祈念資料館の年間利用者数 | 5万人 (平成29年度) |\n"
                  "6万人 | 啓発の中心的な場であるため。 | 利用者の増加を見込む。 | 本市実績 |\n"
                  "2 | 112 | 人権に関する講演会への年間参加者数 | 6.1万人\n(平成29年度) |\n"
                  "6.5万人 | 人権意識の向上を図るため。 | 参加者の増加を見込む。 | 本市実績 |\n")
    assert [(t["line"], t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_value"])
            for t in records["targets"]] == [(5, "平和祈念資料館の年間利用者数", 2017, 5, 6),
                                             (7, "人権に関する講演会への年間参加者数", 2017, 6.1, 6.5)]


def test_a_dated_block_word_with_a_note_in_brackets():
    """「【令和6年度の実績(見込み)】」: the year, the block word and a note, all in brackets, open a 実績 block."""
    records = run("みどり町行政改革プラン 取組状況\n施策1 窓口の改善\n【令和6年度の実績(見込み)】\n・窓口の予約制を始めた。\n"
                  "施策2 防災の強化\n【令和6年度の実績(見込み)】\n・防災無線を更新した。\n")
    assert [m["title"] for m in records["measures"]] == ["窓口の改善", "防災の強化"]
    assert [(s["role"], s["text"]) for s in records["statements"]] == [("progress", "窓口の予約制を始めた。"),
                                                                       ("progress", "防災無線を更新した。")]


def test_titles_listed_under_two_or_more_goals_are_measures_on_a_page_with_none_else():
    """A page of a plan's goals and the titles under them (「【目標1】…」 over 「1 男女共同参画の推進」 「2 …」, twice or
    more), nothing under the titles: the titles are the measures; the same lines ending in page numbers are a 目次."""
    page = ("みどり町男女共同参画プラン\n基本目標と施策の方向\n【目標1】意識の改革\n1 男女共同参画の推進\n2 男女平等の教育の推進\n"
            "【目標2】社会における男女共同参画の促進\n1 政策決定の場への女性の参加\n2 就労の場における男女平等の推進\n")
    records = run(page)
    assert [(m["line"], m["label"], m["title"]) for m in records["measures"]] == [
        (4, "1", "男女共同参画の推進"), (5, "2", "男女平等の教育の推進"),
        (7, "1", "政策決定の場への女性の参加"), (8, "2", "就労の場における男女平等の推進")]
    toc = regex.sub(r"(の推進|の参加)\n", r"\g<1>5\n", page)
    assert run(toc).get("measures", []) == []


def test_a_row_of_two_block_words_is_column_names_not_a_field_and_its_value():
    """「基本目標 施策の方向」 heads a table's two columns: not a goal 「施策の方向」 (nor 「めざす姿 施策の展開方向」 a vision)."""
    records = run("みどり町男女共同参画プラン\nプランの基本的な考え方\n\n人権尊重の考え方に基づき、4つの基本目標を設定しました。\n\n"
                  "基本目標 施策の方向\n1男女共同参画社会に向けての意識改革と人権尊重 ・意識の醸成 ・女性の人権の尊重\n"
                  "2あらゆる分野への男女共同参画の促進 ・政策方針決定の場への男女共同参画の促進\n")
    assert records.get("targets", []) == []


def test_a_plan_part_printed_without_a_number_ends_the_block_above_it():
    """On a plan's page with a blank line after every line: 「DX推進により目指す姿」's sentence goes on after 「…便利になった
    ね、」, and 「計画の位置づけ」, 「計画期間」 (parts of the plan, no number) end the block: their text is no vision."""
    records = run("みどり市DX推進計画 計画策定の概要\n\nDX推進により目指す姿\n\n3年前に比べて、便利になったね、\n\n"
                  "快適になったねと感じることができる生活の実現\n\n計画の位置づけ\n\n本計画は、市の総合計画の分野別計画です。\n\n"
                  "計画期間\n\n令和5年度から令和7年度の3年間の計画とします。\n")
    assert [(s["kind"], s["text"]) for s in records["statements"]] == [
        ("DX推進により目指す姿", "3年前に比べて、便利になったね、快適になったねと感じることができる生活の実現")]


def test_a_name_field_over_a_bulleted_list_names_a_measure_each():
    """「事業名」 over 「• 住民向け行政サービスDX事業…」 「• 事業者向け…」: one measure per item, without its bullet (one measure
    titled 「• 住民向け…」 was read); over one item, that item without its bullet."""
    records = run("令和6年度 第1回みどり市DX推進本部会議を開催しました\n本市では、以下の3つの事業について採択を受けました。\n事業名\n"
                  "  • 住民向け行政サービスDX事業(書かない窓口)\n  • 事業者向け行政サービスDX事業(入札契約システム導入)\n"
                  "  • サテライトオフィス事業\n事業費(採択額)\n総額 219,541千円\n")
    assert [(m["line"], m["title"]) for m in records["measures"]] == [
        (4, "住民向け行政サービスDX事業(書かない窓口)"), (5, "事業者向け行政サービスDX事業(入札契約システム導入)"),
        (6, "サテライトオフィス事業")]
    records = run("みどり市 事務事業評価シート\n事業名\n・地域情報化推進事業\n所管課\n情報政策課\n")
    assert [m["title"] for m in records["measures"]] == ["地域情報化推進事業"]


def test_titles_glossed_in_brackets_under_a_sentence_pointing_to_them_are_measures():
    """「以下に掲げる重点プロジェクトは…」 over short lines each glossed by a line in brackets (「新しい学校づくり」 /
    「(中学校の改築…)」): one measure each; the same lines without the sentence are none."""
    listed = ("新しい学校づくり\n(中学校の改築、幼少中一貫の教育機会を提供する体制)\nくらしごと\n(町内での暮らし方と働き方の情報提供)\n"
              "ゼロカーボン\n(CO2排出量の削減など、地球温暖化防止対策の積極的な展開)\n")
    records = run("みどり町総合計画 重点プロジェクト\n以下に掲げる重点プロジェクトは、町の基本課題のうち特に重点的に取り組むものです。\n"
                  + listed)
    assert [(m["line"], m["title"]) for m in records["measures"]] == [(3, "新しい学校づくり"), (5, "くらしごと"),
                                                                      (7, "ゼロカーボン")]
    assert run("みどり町の紹介\n町の魅力をお伝えします。\n" + listed).get("measures", []) == []


def test_a_heading_naming_the_plans_targets_and_a_contents_line_ending_in_a_page_are_no_measures():
    """「エコアクション数値目標」 (a title ending in a target block word) heads the plan's goals, no measure; 「基本目標7 宝の島・
    創造とくしま・・・・・P.255」 is a 目次 line, no heading."""
    table = "| 項目 | 現状値 | 目標値 |\n|---|---|---|\n| {} | {} | {} |\n"
    records = run("みどり市環境行動計画\nエコアクション数値目標\n" + table.format("電気使用量", "1,000kWh", "900kWh")
                  + "エコマネジメント数値目標\n" + table.format("研修の受講者数", "10人", "50人"))
    assert records.get("measures", []) == []
    assert [(t["indicator"], t["target_value"]) for t in records["targets"]] == [("電気使用量", 900), ("研修の受講者数", 50)]
    records = run("みどり県行動計画\n目次\n基本目標7 宝の島・創造とくしま・・・・・・・・・・・P.255\n基本目標8 安心とくしま・・・・・・・P.301\n")
    assert records.get("sections", []) == [] and records.get("targets", []) == []
