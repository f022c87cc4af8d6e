"""Schedule tables: each row pattern of issue 3 as a small table text written for the test."""
import pytest

from extractors import extract_all
from pipeline import read_text

HEAD = """\
ひかり町DX推進計画

(1) 窓口の改革
現状
・来庁が必要な手続きが多い

"""
T = "\t"


def schedule(table: str):
    extraction = extract_all(read_text(HEAD + table))
    items = [(i.heading, i.label, i.title, i.departments,
              {c.fiscal_year: (c.text, c.status) for c in i.cells}, i.goal)
             for i in extraction.records.schedule_items]
    return items, [w.message for w in extraction.warnings if w.stage == "schedules"], extraction.records


def test_sub_items_share_heading_and_departments_and_goal_column_is_not_a_cell():
    items, warnings, records = schedule(
        f"取組{T}実施主体{T}令和5年度（2023年度）{T}令和6年度（2024年度）{T}令和7年度（2025年度）{T}\n"
        f"窓口改革{T}住民課 ほか 関係課{T}①書かない窓口の導入{T}{T}{T}\n"
        f"{T}{T}検討 → 構築{T}導入{T}→{T}来庁者の待ち時間を30%削減\n"
        f"{T}{T}②オンライン予約{T}{T}{T}\n"
        f"{T}{T}検討 →{T}{T}運用{T}→\n")
    assert items == [
        ("窓口改革", "①", "書かない窓口の導入", ["住民課", "関係課"],
         {2023: ("検討 → 構築", "prepare"), 2024: ("導入", "introduce"), 2025: ("→", "continue_arrow")},
         "来庁者の待ち時間を30%削減"),
        ("窓口改革", "②", "オンライン予約", ["住民課", "関係課"],
         {2023: ("検討 →", "study"), 2025: ("運用", "operate")}, None),
    ]
    goal = [t for t in records.targets if t.raw == "来庁者の待ち時間を30%削減"]
    assert [(t.indicator, t.target_value, t.unit) for t in goal] == [("書かない窓口の導入", 30, "%")]
    assert warnings == []


def test_row_whose_leading_merged_cells_were_dropped_starts_at_the_first_year():
    items, warnings, _ = schedule(
        f"取組{T}実施主体{T}R5年度{T}R6年度{T}R7年度\n"
        f"窓口改革{T}住民課{T}①書かない窓口{T}{T}\n"
        f"実施継続{T}→{T}\n")
    assert items[0][4] == {2023: ("実施継続", "operate"), 2024: ("→", "continue_arrow")}
    assert warnings == []


def test_more_values_than_columns_are_reported_not_stored():
    items, warnings, _ = schedule(
        f"取組{T}実施主体{T}R5年度{T}R6年度\n"
        f"窓口改革{T}住民課{T}①書かない窓口{T}\n"
        f"実施{T}拡大検討{T}実施継続\n")
    assert items[0][4] == {2023: ("実施", "implement"), 2024: ("拡大検討", "expand")}
    assert len(warnings) == 1 and "「実施継続」" in warnings[0] and "more values than columns" in warnings[0]


def test_continuation_line_joins_the_cell_of_its_column_and_empty_rows_are_skipped():
    items, warnings, _ = schedule(
        f"事業{T}令和8年度{T}令和9年度{T}令和10年度\n"
        f"オンライン申請の拡充{T}業務洗出{T}構築{T}運用・随時見直し\n"
        f"{T}マニュアル作成{T}{T}\n"
        f"{T}{T}{T}\n"
        f"電子契約{T}{T}{T}\n")
    assert items == [
        (None, None, "オンライン申請の拡充", [],
         {2026: ("業務洗出\nマニュアル作成", "prepare"), 2027: ("構築", "prepare"),
          2028: ("運用・随時見直し", "operate")}, None),
        (None, None, "電子契約", [], {}, None),
    ]
    assert warnings == ["schedule row 電子契約: no text in any year column"]


def test_a_bar_printed_once_stays_one_cell():
    items, _, _ = schedule("平成27年3月策定\n\n\t27年度\t28年度\t29年度\t30年度\n防災情報の提供\t充実化 →\t\t\t\n")
    assert items[0][4] == {2015: ("充実化 →", "expand")}


@pytest.mark.parametrize("header, years", [
    ("取り組み内容\tR4年度\tR5年度", [2022, 2023]),
    ("\t27 年度\t28 年度", [2015, 2016]),
    ("事業\t令和8年度\t令和9年度", [2026, 2027]),
    ("取組\t実施主体\t令和5年度（2023年度）\t令和6年度（2024年度）", [2023, 2024]),
    ("分野\t事業\t2024年度\t2025年度", [2024, 2025]),
])
def test_year_headers_in_every_printed_form(header, years):
    cells = header.count("\t") - len(years) + 1
    row = "\t".join(["項目"] * cells + ["実施"] * len(years))
    # A bare 27年度 is read in the era the document writes its dates in.
    text = "平成27年3月策定\n\n" + header + "\n" + row + "\n" if "27" in header else header + "\n" + row + "\n"
    items, _, _ = schedule(text)
    assert sorted(items[0][4]) == years


def test_revision_artefacts_are_kept_as_printed_and_warned():
    items, warnings, _ = schedule(
        f"取組{T}実施主体{T}R5年度{T}R6年度\n"
        f"業務改革{T}総務課{T}①押印の見直し ⇒ (10) 規制の点検へ移動{T}\n"
        f"{T}{T}実施{T}—\n"
        f"{T}{T}①②電子決裁の検討{T}\n"
        f"{T}{T}検討一部実施{T}実施実施継続\n")
    assert [(i[1], i[2]) for i in items] == [("①", "押印の見直し ⇒ (10) 規制の点検へ移動"), ("①②", "電子決裁の検討")]
    assert items[1][4] == {2023: ("検討一部実施", "implement"), 2024: ("実施実施継続", "operate")}
    assert len(warnings) == 4
    assert any("revision note" in w for w in warnings)
    assert any("「①②」" in w for w in warnings)
    assert sum("steps printed without a separator" in w for w in warnings) == 2


def test_unmapped_words_are_unclassified_and_warned():
    items, warnings, _ = schedule("事業\t令和8年度\t令和9年度\n窓口\t利用誘導\t運用\n")
    assert items[0][4] == {2026: ("利用誘導", "unclassified"), 2027: ("運用", "operate")}
    assert warnings == ["schedule cell 窓口 2026年度 「利用誘導」: no word in the status vocabulary (status unclassified)"]


def test_plan_period_charts_and_statistics_are_not_schedules():
    items, _, _ = schedule(
        "\t令和5年度\t令和6年度\t令和7年度\n"
        "町の計画\t第6次総合計画\t\t\n"
        "\tDX推進計画\t\t\n"
        "\n"
        "\n"
        "区分\t令和5年度\t令和6年度\t令和7年度\n"
        "交付件数\t1,200件\t1,466件\t1,500件\n"
        "普及率\t58%\t71%\t80%\n")
    assert items == []


@pytest.mark.parametrize("resolve", ["extractors.schedules.ScheduleSettings", "pipeline.text_reader.TextReaderSettings"])
def test_a_misspelt_setting_fails_loudly(resolve):
    import importlib

    module, name = resolve.rsplit(".", 1)
    settings = getattr(importlib.import_module(module), name)
    with pytest.raises(ValueError, match="unknown setting"):
        settings.resolve({"no_such_setting": 1})
    assert settings.resolve(None) == settings()


def test_a_schedule_written_as_dated_lines_is_one_item_of_its_measure():
    """「令和6年度:検討」 lines, one per year, are the schedule of the measure they stand in (titled with its
    title), each line the cell of its year; the lines count as read. A single dated line is no schedule."""
    text = ("ひかり町DX推進計画\n\n(1) 窓口の改革\n現状\n・来庁が必要な手続きが多い\n【スケジュール】\n"
            "令和6年度:検討\n令和7年度:試行導入\n令和8年度:本格運用\n\n(2) 防災情報の発信\n現状\n・発信手段が少ない\n"
            "令和6年度:防災アプリの配信\n")
    extraction = extract_all(read_text(text))
    items = [(i.title, i.line, {c.fiscal_year: (c.text, c.status) for c in i.cells})
             for i in extraction.records.schedule_items]
    assert items == [("窓口の改革", 7, {2024: ("検討", "study"), 2025: ("試行導入", "introduce"),
                                           2026: ("本格運用", "operate")})]
    assert not [line for line, *_ in extraction.accounting.not_understood if 7 <= line <= 9]
