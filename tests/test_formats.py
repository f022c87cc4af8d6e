"""Web editions and office files (issue 26): .html, .docx and .xlsx read into the same document model.

- Hand-made plans in each format (tests/format_fixtures.py: a prefecture's web edition of measure pages
  in its site's furniture, a town's Word draft, a town's Excel workbook), each against a hand reading.
- The equivalence check: each supplied plan (raw/) and layout (tests/layouts/) written as .docx, .html
  and .xlsx (tests/office_files.py) gives the records its text gives.
- Bad files: one line each, naming the reason; a folder names what it skipped.
"""
import functools
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

import format_fixtures as F
import hostile
from conftest import CORPUS, LAYOUTS, SUMMARY, plan_path
from extractors import extract_all
from keikaku.cli import main
from keikaku.report import build_report, format_report
from office_files import to_docx, to_html, to_xlsx
from pipeline import ReadError, read_document, read_text
from pipeline.records import rows


def records(name: str, data: bytes) -> dict:
    return rows(extract_all(read_document(Path(name), data)).records)


def measures(r):
    return [(m["label"], m["title"], m["departments"], m["location"]) for m in r.get("measures", [])]


def statements(r):
    return [(s["kind"], s["text"], s["location"]) for s in r.get("statements", [])]


def targets(r):
    return [(t["indicator"], t["baseline_fy"], t["baseline_text"], t["target_fy"], t["target_text"], t["location"])
            for t in r.get("targets", [])]


def cells(r):
    return [(i["title"], c["fiscal_year"], c["text"], c["status"]) for i in r.get("schedule_items", [])
            for c in i["cells"]]


# --- a web edition: one page per measure, in the site's furniture ---------------------------------------

def test_a_measure_page_of_a_web_edition():
    r = records("measure1.html", F.MEASURE_PAGE_1.encode("utf-8"))
    assert measures(r) == [("施策1", "行政手続のオンライン化", ["デジタル戦略課"], "line 26")]
    assert statements(r) == [
        ("めざす姿", "県民が、時間や場所にとらわれず、スマートフォン等から必要な行政手続を行うことができています。", "line 28"),
        ("現状と課題", "県が所管する手続のうち、オンラインで申請できるものは32％にとどまっています。", "line 31"),
        ("現状と課題", "添付書類の提出を求める手続が多く、オンライン化の妨げとなっています。", "line 32")]
    assert targets(r) == [("オンライン化した手続数", 2023, "320手続", 2028, "800手続", "line 45"),
                          ("電子申請の年間利用件数", 2023, "8,420件", 2028, "30,000件", "line 46")]
    assert all(x["line"] is None and x["page"] is None for table in r.values() for x in table if "line" in x)


def test_a_kpi_table_with_rowspan_gives_the_spanned_year_to_each_row():
    r = records("measure2.html", F.MEASURE_PAGE_2.encode("utf-8"))
    assert measures(r) == [("施策2", "デジタルデバイド対策", ["地域振興課"], "line 26")]
    assert targets(r) == [("スマホ教室の参加者数", 2023, "450人", 2028, "1,500人", "line 38"),
                          ("デジタル活用支援員の数", 2023, "20人", 2028, "60人", "line 39")]


def test_site_furniture_never_becomes_a_heading_or_a_statement():
    doc = read_document(Path("measure1.html"), F.MEASURE_PAGE_1.encode("utf-8"))
    text = "\n".join(b.text for b in doc.blocks)
    for furniture in ("くらし・環境", "ホーム", "本文へ移動", "次の施策へ", "目次", "Copyright", "関連リンク",
                      "電話 000-000-0000", "dataLayer"):
        assert furniture not in text, furniture
    assert [b.text for b in doc.headings()][:2] == ["みらい県DX推進計画（令和6年度～令和10年度）",
                                                    "施策1\u3000行政手続のオンライン化"]
    # a paragraph broken by <br> is two lines of the same element
    assert [(b.text, doc.locations[b.line]) for b in doc.blocks if "オンライン化を進め" in b.text
            or "デジタルで完結" in b.text] == [("利用件数の多い手続から優先的にオンライン化を進め、", "line 35"),
                                          ("申請から通知までをデジタルで完結できるようにします。", "line 35")]


def test_furniture_in_divs_named_for_it_is_dropped_too():
    page = F.MEASURE_PAGE_1_DIVS
    assert "<main" not in page and "<header" not in page and "<nav" not in page and 'id="lnavi"' in page
    r = records("measure1.html", page.encode("utf-8"))
    expected = records("measure1.html", F.MEASURE_PAGE_1.encode("utf-8"))
    assert [(m[:3]) for m in measures(r)] == [(m[:3]) for m in measures(expected)]
    assert [s[:2] for s in statements(r)] == [s[:2] for s in statements(expected)]
    assert [t[:5] for t in targets(r)] == [t[:5] for t in targets(expected)]
    text = "\n".join(b.text for b in read_document(Path("measure1.html"), page.encode("utf-8")).blocks)
    for furniture in ("くらし・環境", "ホーム", "DX推進計画\n", "関連リンク", "Copyright", "電話"):
        assert furniture not in text, furniture


def test_a_measure_page_laid_out_as_a_table_of_block_words():
    """めざす姿 / 現状と課題 / 担当所属 as the row headers of one table, a list and a <br> inside cells."""
    page = ("<html><body><main><h2>施策3　書かない窓口の推進</h2>\n<table>\n"
            "<tr><th>めざす姿</th><td>申請書を手書きすることなく手続が完了しています。</td></tr>\n"
            "<tr><th>現状と課題</th><td><ul><li>複数の課で同じ内容を繰り返し記入する必要があります。</li>"
            "<li>繁忙期には待ち時間が60分を超えます。</li></ul></td></tr>\n"
            "<tr><th>担当所属</th><td>市民課<br>デジタル推進課</td></tr>\n</table></main></body></html>")
    r = records("measure3.html", page.encode("utf-8"))
    assert measures(r) == [("施策3", "書かない窓口の推進", ["市民課", "デジタル推進課"], "line 1")]
    assert statements(r) == [
        ("めざす姿", "申請書を手書きすることなく手続が完了しています。", "line 3"),
        ("現状と課題", "複数の課で同じ内容を繰り返し記入する必要があります。\n繁忙期には待ち時間が60分を超えます。", "line 4")]


def test_html_in_shift_jis_as_its_meta_says():
    page = F.MEASURE_PAGE_1.replace('charset="utf-8"', 'charset="Shift_JIS"').replace("©", "(C)")
    r = records("measure1.htm", page.encode("cp932"))  # what a page saying Shift_JIS holds (～)
    assert measures(r)[0][:2] == ("施策1", "行政手続のオンライン化")
    doc = read_document(Path("measure1.htm"), page.encode("cp932"))
    assert doc.headings()[0].text == "みらい県DX推進計画（令和6年度～令和10年度）"


# --- a Word draft -----------------------------------------------------------------------------------------

def test_a_word_draft_with_heading_styles_lists_and_merged_cells():
    r = records("draft.docx", F.word_draft())
    assert measures(r) == [("施策1", "窓口のデジタル化", ["住民課"], "paragraph 7"),
                           ("施策2", "キャッシュレス決済の拡充", ["会計課"], "paragraph 16")]
    assert statements(r) == [
        ("現状と課題", "転入や出生の手続で、住民が同じ内容を何度も書く必要があります。", "paragraph 9"),
        ("現状と課題", "繁忙期には窓口の待ち時間が1時間を超えることがあります。", "paragraph 10"),
        ("現状と課題", "役場の窓口で使える支払方法は現金のみです。", "paragraph 18")]
    # 運用 merged over 令和8・9年度 is one cell (a bar printed once is never spread)
    assert cells(r) == [("書かない窓口の導入", 2024, "検討", "study"), ("書かない窓口の導入", 2025, "導入", "introduce"),
                        ("書かない窓口の導入", 2026, "運用", "operate"), ("オンライン予約", 2024, "準備", "prepare"),
                        ("オンライン予約", 2025, "試行", "implement"), ("オンライン予約", 2026, "拡大", "expand")]
    # 目標年度 merged down both rows applies to both
    assert targets(r) == [("キャッシュレス対応窓口数", None, "0窓口", 2027, "8窓口", "table 2, row 2"),
                          ("キャッシュレス納付の割合", None, "5％", 2027, "30％", "table 2, row 3")]
    meta = r["metadata"][0]
    # the Title paragraph is the cover's title, not a heading
    assert (meta["title"], meta["municipality"], meta["period_start_fy"], meta["period_end_fy"]) == (
        "さくら町DX推進計画（案）", "さくら町", 2024, 2027)


def test_word_automatic_numbering_is_printed_as_the_label():
    r = records("numbered.docx", F.numbered_word_draft())
    assert [(s["level"], s["label"], s["title"]) for s in r["sections"]] == [
        (1, "第1章", "計画の概要"), (1, "第2章", "施策の展開"), (2, "施策1", "行政手続のオンライン化"),
        (2, "施策2", "窓口の待ち時間の短縮")]
    assert measures(r) == [("施策1", "行政手続のオンライン化", ["企画課"], "paragraph 6"),
                           ("施策2", "窓口の待ち時間の短縮", ["町民課"], "paragraph 14")]
    assert statements(r) == [("現状と課題", "（１） オンラインで申請できる手続は全体の2割にとどまっています。", "paragraph 8"),
                             ("現状と課題", "（２） 繁忙期の待ち時間が90分に達しています。", "paragraph 16")]
    # the second measure's list restarts at ①
    assert [p["text"] for p in r["passages"] if p["block"] == "content"] == [
        "① 電子申請の対象手続の拡大", "② オンライン決済の導入", "① 窓口予約システムの導入", "② おくやみコーナーの設置"]


def test_word_text_boxes_are_read_once_where_they_are_anchored():
    r = records("boxed.docx", F.boxed_word_draft())
    assert measures(r) == [("施策1", "窓口のデジタル化", ["市民課"], "paragraph 2")]
    assert statements(r) == [("めざす姿", "来庁しなくても手続が済む市役所になっています。", "paragraph 3, text box 1"),
                             ("現状と課題", "窓口での手続の8割が紙の申請書によるものです。", "paragraph 4, text box 1")]


@pytest.mark.parametrize("fmt, numbers, expected", [
    ("decimalEnclosedCircle", [1, 20, 21], ["①", "⑳", "㉑"]),
    ("decimalFullWidth", [1, 12], ["１", "１２"]),
    ("aiueoFullWidth", [1, 6], ["ア", "カ"]),
    ("irohaFullWidth", [1, 3], ["イ", "ハ"]),
    ("japaneseCounting", [1, 10, 11, 20, 35], ["一", "十", "十一", "二十", "三十五"]),
    ("upperRoman", [1, 4, 9, 14], ["I", "IV", "IX", "XIV"]),
    ("lowerLetter", [1, 26, 27], ["a", "z", "aa"]),
])
def test_word_number_formats(fmt, numbers, expected):
    from pipeline.docx_numbering import FORMATS

    assert [FORMATS[fmt](n) for n in numbers] == expected


def test_the_report_names_places_in_the_file():
    lines = format_report(build_report(read_document(Path("draft.docx"), F.word_draft())))
    assert "    paragraph 7  施策1 窓口のデジタル化: 2 schedule items, 6 cells, 0 targets, 2 statements; 住民課" in lines
    assert "    table 2, row 1: KPI table (3 rows): 2 targets" in lines
    lines = format_report(build_report(read_document(Path("schedule.xlsx"), F.schedule_workbook())))
    assert "    施策1!A3: schedule table FY2024–2027 (3 rows): 2 rows start schedule items" in lines


# --- an Excel workbook ------------------------------------------------------------------------------------

def test_an_excel_workbook_of_schedules_and_kpis():
    r = records("schedule.xlsx", F.schedule_workbook())
    assert measures(r) == [("施策1", "窓口のデジタル化", ["住民課"], "施策1!A1"),
                           ("施策2", "キャッシュレス決済の拡充", ["会計課"], "施策2!A1")]
    # the hidden row (窓口ロボット), the hidden column (内部メモ) and the hidden sheet are not read;
    # 運用 merged over 令和8・9年度 is one cell
    assert cells(r) == [
        ("書かない窓口の導入", 2024, "検討", "study"), ("書かない窓口の導入", 2025, "導入", "introduce"),
        ("書かない窓口の導入", 2026, "運用", "operate"), ("オンライン予約", 2024, "準備", "prepare"),
        ("オンライン予約", 2025, "試行", "implement"), ("オンライン予約", 2026, "拡大", "expand"),
        ("オンライン予約", 2027, "運用", "operate"), ("窓口へのキャッシュレス端末設置", 2024, "準備", "prepare"),
        ("窓口へのキャッシュレス端末設置", 2025, "導入", "introduce"),
        ("窓口へのキャッシュレス端末設置", 2026, "運用", "operate"),
        ("窓口へのキャッシュレス端末設置", 2027, "運用", "operate")]
    # displayed values: the formula's computed value in its percent format, numbers in theirs
    assert targets(r) == [("キャッシュレス納付の割合", 2023, "5%", 2027, "30%", "成果指標!A2"),
                          ("オンライン予約の件数", 2023, "1,200件", 2027, "5,000件", "成果指標!A3")]
    text = "\n".join(b.text for b in read_document(Path("s.xlsx"), F.schedule_workbook()).blocks)
    assert "予算要求済" not in text and "窓口ロボット" not in text and "施策9" not in text and "B2*6" not in text


# --- the same plan in every format -----------------------------------------------------------------------

FORMATS = {"docx": to_docx, "html": to_html, "xlsx": to_xlsx}
AGREEMENT: dict[tuple[str, str], dict] = {}


def _key(r: dict) -> dict:
    meta = r["metadata"][0]
    return {"plan": [tuple(meta[k] for k in ("title", "municipality", "prefecture", "period_start_fy",
                                             "period_end_fy", "is_draft"))],
            "toc entries": [(e["level"], e["label"], e["title"], e["page"]) for e in r.get("toc_entries", [])],
            "sections": [(s["level"], s["label"], s["title"]) for s in r.get("sections", [])],
            "measures": [(m["label"], m["title"], tuple(m["departments"])) for m in r.get("measures", [])],
            "statements": [(s["kind"], s["text"]) for s in r.get("statements", [])],
            "targets": [(t["indicator"], t["baseline_fy"], t["baseline_text"], t["target_fy"], t["target_text"],
                         t["unit"]) for t in r.get("targets", [])],
            "schedule cells": [(i["heading"], i["title"], c["fiscal_year"], c["text"], c["status"])
                               for i in r.get("schedule_items", []) for c in i["cells"]]}


@functools.lru_cache(maxsize=None)
def _text_reading(stem: str) -> tuple[str, frozenset, dict]:
    text = plan_path(stem).read_text(encoding="utf-8")
    doc = read_text(text, source=stem)
    return text, frozenset(b.line for b in doc.headings()), _key(rows(extract_all(doc).records))


def test_an_action_plan_sheet_gives_each_row_its_measure_steps_and_kpi():
    """A 実施計画 sheet, one row per 取組: the row is the measure (No. its label, 担当課 its department), its year
    columns its schedule and the KPI columns after them its goal (the 成果指標 column names the indicator, not
    取組内容)."""
    r = records("jisshi.xlsx", F.action_plan_workbook())
    assert [(m["label"], m["title"], m["departments"]) for m in r["measures"]] == [
        ("1", "電子申請の拡充", ["デジタル推進課"]), ("2", "書かない窓口", ["市民課"]), ("3", "スマホ教室", ["地域振興課"])]
    assert [(i["measure_seq"], i["title"], [(c["fiscal_year"], c["text"]) for c in i["cells"]], i["goal"])
            for i in r["schedule_items"]] == [
        (1, "電子申請の拡充", [(2024, "拡充"), (2025, "→"), (2026, "→")], None),
        (2, "書かない窓口", [(2024, "検討"), (2025, "試行"), (2026, "導入")], None),
        (3, "スマホ教室", [(2024, "実施"), (2025, "→"), (2026, "→")], None)]
    assert [(t["measure_seq"], t["indicator"], t["baseline_fy"], t["baseline_text"], t["target_fy"], t["target_text"])
            for t in r["targets"]] == [(1, "オンライン化した手続数", 2023, "45手続", 2026, "200手続"),
                                       (2, "対象手続数", 2023, "0手続", 2026, "30手続"),
                                       (3, "参加者数", 2023, "120人", 2026, "600人")]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("stem", CORPUS + LAYOUTS)
def test_the_same_plan_as_text_and_as_an_office_file_gives_the_same_records(stem, fmt):
    text, headings, expected = _text_reading(stem)
    data = FORMATS[fmt](text) if fmt == "xlsx" else FORMATS[fmt](text, headings)
    got = _key(records(f"{stem}.{fmt}", data))
    AGREEMENT[(stem, fmt)] = {kind: (sum(1 for x in got[kind] if x in expected[kind]), len(expected[kind]),
                                     len(got[kind])) for kind in expected}
    if len(AGREEMENT) == len(CORPUS + LAYOUTS) * len(FORMATS):
        for f in sorted(FORMATS):
            total = {kind: [sum(AGREEMENT[(s, f)][kind][i] for s in CORPUS + LAYOUTS) for i in range(3)]
                     for kind in expected}
            SUMMARY.append(f"as .{f} (8 plans): " + ", ".join(f"{kind} {a}/{b} ({c} read)"
                                                              for kind, (a, b, c) in total.items()))
    assert got == expected


def test_the_same_plan_in_four_formats_is_four_revisions_with_no_change(tmp_path, monkeypatch):
    """Loaded one after another, the text, Word, web and Excel editions of one plan are revisions of the
    same plan (the same title and town), and the revision comparison finds nothing changed."""
    monkeypatch.chdir(tmp_path)
    text, headings, _ = _text_reading("c_mark_schedule")
    Path("plans").mkdir()
    Path("plans/a.txt").write_text(text, encoding="utf-8")
    Path("plans/b.docx").write_bytes(to_docx(text, headings))
    Path("plans/c.html").write_bytes(to_html(text, headings))
    Path("plans/d.xlsx").write_bytes(to_xlsx(text))
    result = CliRunner().invoke(main, ["ingest", "plans", "--db", "x.db"])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database("x.db")
    assert [(r["source_file"], r["source_format"], r["revision"]) for r in db.query(
        "select source_file, source_format, revision from documents order by id")] == [
        ("a.txt", "txt", 1), ("b.docx", "docx", 2), ("c.html", "html", 3), ("d.xlsx", "xlsx", 4)]
    assert db["plans"].count == 1 and db["plan_changes"].count == 0


# --- bad files: one line each ------------------------------------------------------------------------------

def _error(name: str, data: bytes) -> str:
    with pytest.raises(ReadError) as e:
        read_document(Path(name), data)
    message = str(e.value)
    assert "\n" not in message
    return message


def test_a_password_protected_workbook_and_document():
    assert _error("kpi.xlsx", F.encrypted(F.schedule_workbook())) == (
        "password-protected Excel file (encrypted): open it in Excel, remove the password and save it again")
    assert _error("draft.docx", F.encrypted(F.word_draft())).startswith("password-protected Word file")


def test_a_corrupt_zip():
    assert _error("draft.docx", F.word_draft()[:3000]).startswith("corrupt Word file: not a readable zip archive")
    assert _error("kpi.xlsx", b"PK\x03\x04 not really").startswith("corrupt Excel file: not a readable zip archive")
    broken = F.with_part(F.word_draft(), "word/document.xml", lambda xml: xml[: len(xml) // 2])
    assert _error("draft.docx", broken).startswith("corrupt Word file")


def test_old_binary_office_files_are_told_to_be_saved_anew():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert _error("plan.xls", ole) == (".xls is the old binary Excel format, which Keikaku does not read: "
                                       "open it in Excel and save as .xlsx")
    assert _error("plan.doc", ole) == (".doc is the old binary Word format, which Keikaku does not read: "
                                       "open it in Word and save as .docx")
    # the old format under the new suffix
    assert _error("plan.docx", ole) == ("an old binary Word file (Office 97–2003 format): open it in Word and "
                                        "save as .docx")


def test_a_web_page_that_is_only_navigation():
    assert _error("sitemap.html", F.NAVIGATION_ONLY.encode("utf-8")) == (
        "a web page with only navigation (menus, links, header and footer) and no text of a plan")


def test_a_page_of_scripts_only_has_no_text():
    page = b"<html><head><script>var a = 1;</script></head><body><script>render();</script></body></html>"
    assert _error("app.html", page) == "no text in the web page"


def test_a_page_nested_too_deep():
    assert _error("deep.html", F.deep_page(240)).startswith("web page nested")
    assert "施策" in "\n".join(b.text for b in read_document(Path("ok.html"), F.deep_page(100)).blocks)


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    message = _error("big.docx", F.zip_bomb("word/document.xml"))
    assert message == "Word file unzips to 210 MB (the limit is 200 MB): a zip bomb or not a plan document"


def test_an_xml_entity_bomb_is_refused_by_the_parser_not_expanded():
    document = F.with_part(F.word_draft(), "word/document.xml", lambda xml: hostile.WORD_BOMB)
    assert _error("draft.docx", document) == (
        "Word file whose XML defines entities that expand past the parser's limit (an XML entity bomb?)")
    workbook = F.with_part(F.schedule_workbook(), "xl/worksheets/sheet1.xml", lambda xml: hostile.SHEET_BOMB)
    assert _error("kpi.xlsx", workbook) == (
        "Excel file whose XML defines entities that expand past the parser's limit (an XML entity bomb?)")


def test_a_workbook_whose_sheets_are_too_large_to_hold():
    message = _error("big.xlsx", F.zip_bomb("xl/workbook.xml", 60_000_000, "xl/worksheets/sheet1.xml"))
    assert message == "Excel file whose text unzips to 60 MB (the limit is 50 MB): too large for a plan document"


def test_a_file_is_read_as_its_content_says():
    r = records("plan.xlsx", F.word_draft())  # a Word file under an Excel name
    assert [m[1] for m in measures(r)] == ["窓口のデジタル化", "キャッシュレス決済の拡充"]


# --- a folder of web pages and office files -----------------------------------------------------------------

def test_a_folder_of_mixed_formats(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("plans")
    folder.mkdir()
    (folder / "measure1.html").write_text(F.MEASURE_PAGE_1, encoding="utf-8")
    (folder / "measure2.html").write_text(F.MEASURE_PAGE_2, encoding="utf-8")
    (folder / "draft.docx").write_bytes(F.word_draft())
    (folder / "schedule.xlsx").write_bytes(F.schedule_workbook())
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    (folder / "~$draft.docx").write_bytes(b"lock")
    (folder / ".DS_Store").write_bytes(b"\x00")
    result = CliRunner().invoke(main, ["ingest", "plans", "--db", "x.db"])
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert "skipped: plans/slides.pptx (no reader for .pptx)" in lines
    assert "skipped: plans/~$draft.docx (an Office lock file: the document is open in Word or Excel)" in lines
    assert not any(".DS_Store" in line for line in lines)
    assert ("error: plans/old.xls: .xls is the old binary Excel format, which Keikaku does not read: open it in "
            "Excel and save as .xlsx") in lines
    assert lines[-1] == "4 loaded, 0 unchanged, 1 failed -> x.db"
    db = sqlite_utils.Database("x.db")
    assert sorted(r["source_format"] for r in db["documents"].rows) == ["docx", "html", "html", "xlsx"]
    rows = list(db.query("select d.source_file, m.title, m.line, m.page, m.location from measures m "
                         "join documents d on d.id = m.document_id order by d.source_file, m.seq"))
    assert [(r["source_file"], r["title"], r["line"], r["page"], r["location"]) for r in rows] == [
        ("draft.docx", "窓口のデジタル化", None, None, "paragraph 7"),
        ("draft.docx", "キャッシュレス決済の拡充", None, None, "paragraph 16"),
        ("measure1.html", "行政手続のオンライン化", None, None, "line 26"),
        ("measure2.html", "デジタルデバイド対策", None, None, "line 26"),
        ("schedule.xlsx", "窓口のデジタル化", None, None, "施策1!A1"),
        ("schedule.xlsx", "キャッシュレス決済の拡充", None, None, "施策2!A1")]
    assert [r["location"] for r in db.query("select location from schedule where item_title = 'オンライン予約' "
                                             "and fiscal_year = 2027")] == ["施策1!A6"]


def test_a_folder_with_nothing_to_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plans").mkdir()
    Path("plans/slides.pptx").write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(main, ["ingest", "plans", "--db", "x.db"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "skipped: plans/slides.pptx (no reader for .pptx)",
        "error: nothing to read: no file of a type Keikaku reads (.txt, .text, .pdf, .html, .htm, .docx, .xlsx) "
        "in plans"]
    assert not Path("x.db").exists()  # nothing was read: no database made


def test_an_excel_schedule_whose_bars_are_filled_cells_read_from_the_workbook(tmp_path):
    """The workbook behind tests/pdfs/sheet-filled-cell-bars.pdf, read as .xlsx: a filled empty cell under the
    header is a bar's year (「→」, drawn), and the schedule is the hand reading of the sheet (the label where typed,
    「→」 in the other filled cells)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "office"))
    import build_fixtures

    book = tmp_path / "sheet.xlsx"
    build_fixtures.build_sheet(book)
    from_sheet = extract_all(read_document(book)).records.schedule_items
    reading = extract_all(read_document(Path(__file__).resolve().parent / "pdfs" / "sheet-filled-cell-bars.txt"))
    assert [(i.title, [(c.fiscal_year, c.text) for c in i.cells]) for i in from_sheet] == \
        [(i.title, [(c.fiscal_year, c.text) for c in i.cells]) for i in reading.records.schedule_items]
    assert {(i.title, c.fiscal_year) for i in from_sheet for c in i.cells if c.drawn} == \
        {(i.title, c.fiscal_year) for i in from_sheet for c in i.cells if c.text == "→"}


def test_a_word_schedule_whose_bars_are_shaded_cells_read_from_the_document(tmp_path):
    """The document behind tests/pdfs/word-system-table-year-goals-shaded-schedule.pdf, read as .docx: a shaded
    empty cell under the header is a bar's year (「→」, drawn), as the PDF and the plan text give it."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "office"))
    import build_fixtures

    document = tmp_path / "plan.docx"
    build_fixtures.build_system_table_word(document)
    from_docx = extract_all(read_document(document)).records
    from_text = extract_all(read_document(Path(__file__).resolve().parent / "pdfs"
                                          / "word-system-table-year-goals-shaded-schedule.txt")).records
    assert [(i.title, [(c.fiscal_year, c.text) for c in i.cells]) for i in from_docx.schedule_items] == \
        [(i.title, [(c.fiscal_year, c.text) for c in i.cells]) for i in from_text.schedule_items] == \
        [("電子申請システムの更新", [(2024, "→"), (2025, "→")]), ("手続のオンライン化", [(2025, "→"), (2026, "→"), (2027, "→")])]
    assert all(c.drawn for i in from_docx.schedule_items for c in i.cells)
