"""PDFs made as municipalities make them (tests/pdfs/, built by tests/office/build_fixtures.py with
python-pptx / python-docx / openpyxl and LibreOffice): each gives the records of its own plan text."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SUMMARY, comparable
from extractors import extract_all
from pipeline import read_document
from pipeline.layout import Atom, LayoutSettings, regions

PDFS = Path(__file__).resolve().parent / "pdfs"
FIXTURES = sorted(p.stem for p in PDFS.glob("*.pdf") if p.with_suffix(".txt").exists())
# Their 工程表 type 「→」 in the cells, drawing no bar.
PRINTED_ARROWS = {"deck-title-department-and-tables", "word-kpi-header-over-two-rows"}


def _drawn_years(extraction) -> set[tuple[str, int]]:
    """(item title, fiscal year) of each cell filled from a drawn bar; the flag is taken off the records."""
    items = extraction.records.schedule_items
    found = {(item.title, cell.fiscal_year) for item in items for cell in item.cells if cell.drawn}
    extraction.records.schedule_items = [replace(item, cells=[replace(cell, drawn=None) for cell in item.cells])
                                         for item in items]
    return found


def _cells(extraction) -> list[tuple[str, int, str, str]]:
    return [(item.title, c.fiscal_year, c.text, c.status)
            for item in extraction.records.schedule_items for c in item.cells]


@pytest.mark.parametrize("stem", FIXTURES)
def test_office_pdf_gives_the_records_of_its_text(stem):
    """The text beside each PDF is its content as printed; for a drawn schedule, the hand reading of
    the bars (the label where it stands, 「→」 for each other year a bar covers)."""
    from_text = extract_all(read_document(PDFS / f"{stem}.txt"))
    from_pdf = extract_all(read_document(PDFS / f"{stem}.pdf"))
    drawn = _drawn_years(from_pdf)
    a, b = comparable(from_text), comparable(from_pdf)
    for table, what in (("measures", "measures"), ("statements", "statements"), ("schedule_items", "schedule rows")):
        if a.get(table):
            kept = sum((Counter(a[table]) & Counter(b.get(table, []))).values())
            SUMMARY.append(f"{stem}: {kept} of {len(a[table])} {what} as in its text")
    text_cells, pdf_cells = _cells(from_text), _cells(from_pdf)
    if text_cells:
        kept = sum((Counter(text_cells) & Counter(pdf_cells)).values())
        SUMMARY.append(f"{stem}: {kept} of {len(text_cells)} schedule cells as in its text ({len(drawn)} from drawn bars)")
    for table in sorted(set(a) | set(b)):
        assert b.get(table, []) == a.get(table, []), f"{stem}: {table} differ"
    # drawn: the cells whose 「→」 is a bar (a year two stacked bars cover prints 「→」 over the lower label); a
    # slide's table types its 「→」
    arrows = {(t, y) for t, y, text, _ in text_cells if text.split("\n")[0] == "→"}
    assert (set() if stem in PRINTED_ARROWS else arrows) == drawn


def test_drawn_bars_give_cells_and_the_flag_reaches_the_database(tmp_path):
    import sqlite_utils
    from click.testing import CliRunner

    from keikaku.cli import main

    path = PDFS / "schedule-drawn-bars.pdf"
    extraction = extract_all(read_document(path))
    cells = {(t, y): text for t, y, text, _ in _cells(extraction)}
    # a bar from mid-令和6年度 (30 % of it) to the end of 令和7年度 labelled 検討 above 令和7年度
    assert ("書かない窓口の導入", 2024) not in cells and cells[("書かない窓口の導入", 2025)] == "検討"
    # an arrow ending at 70 % of 令和9年度 still covers it
    assert cells[("書かない窓口の導入", 2027)] == "→"
    # a short bar inside 令和6年度 only: the label there; nothing drawn in 令和7年度
    assert cells[("キャッシュレス決済の導入", 2024)] == "調査" and ("キャッシュレス決済の導入", 2025) not in cells
    # a label centred on a bar across the rule between two years stays whole, in the year of its middle
    assert cells[("基幹系システムの標準化", 2025)] == "要件定義" and cells[("基幹系システムの標準化", 2024)] == "→"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 0, result.output
    rows = list(sqlite_utils.Database(tmp_path / "k.db").query("select text, status, drawn from schedule_cells order by schedule_item_id, fiscal_year"))
    assert {(r["text"], r["status"], r["drawn"]) for r in rows if r["drawn"]} == {("→", "continue_arrow", 1)}
    assert sum(r["drawn"] for r in rows) == 14 and len(rows) == 28


def test_bars_over_several_rows_and_stacked_bars():
    extraction = extract_all(read_document(PDFS / "schedule-multi-row-and-stacked-bars.pdf"))
    cells = {(t, y): text for t, y, text, _ in _cells(extraction)}
    # one bar over two rows: its label in the upper row, 「→」 in every other year of both rows
    assert [cells[("庁内ネットワークの更新", y)] for y in range(2024, 2028)] == ["更新", "→", "運用", "→"]
    assert [cells[("無線LANの整備", y)] for y in range(2024, 2028)] == ["→"] * 4
    # a pointed bar over three rows from 60 % into 令和6年度: 令和6年度 is not covered in any of them
    assert not {(t, 2024) for t in ("公共施設予約システム", "図書館システム", "施設管理システム")} & set(cells)
    assert cells[("図書館システム", 2025)] == "クラウド移行" and cells[("施設管理システム", 2025)] == "→"
    # two bars stacked in one row: 検討 goes on through 令和7年度, where 運用 begins below it
    assert [cells[("電子契約の導入", y)] for y in range(2024, 2028)] == ["検討", "→\n運用", "→", "→"]
    assert cells[("AI議事録作成", 2025)] == "本格運用" and cells[("AI議事録作成", 2024)] == "試行"


def test_a_schedule_by_quarter_gives_a_cell_per_year():
    """Each year's header cell is merged over four quarter columns: a bar over some quarters gives the
    year 「→」, labels typed in a year's quarters are its text, the row naming the quarters is no item."""
    doc = read_document(PDFS / "sheet-quarter-columns.pdf")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows[0].cells == ("取組", "令和6年度", "令和7年度", "令和8年度") and table.rows[1].cells[0] == "電子申請システムの構築"
    cells = {(t, y): text for t, y, text, _ in _cells(extract_all(doc))}
    # one quarter at the end of 令和6年度 and one at the start of 令和7年度: both years
    assert cells[("職員研修", 2024)] == cells[("職員研修", 2025)] == "→"
    assert cells[("窓口予約システム", 2024)] == "検討\n導入"


def test_the_deck_reads_each_box_whole():
    doc = read_document(PDFS / "deck-side-by-side-boxes.pdf")
    texts = [b.text for b in doc.blocks]
    assert "現状課題" not in texts and texts.count("現状") == 5 and texts.count("課題") == 5
    # a wrapped item inside a box is one block, the box's title before its items
    item = "・転入や出生の届出では、複数の窓口で同じ内容を何度も記入する必要がある"
    at = texts.index(item)
    assert texts[at - 1] == "現状" and texts[at + 2] == "課題"
    # the chapter heading printed atop every measure slide is the document's heading, once
    assert texts.count("2. 重点取組事項") == 1 and "緑ヶ丘町DX推進計画" in texts


def test_the_word_plan_keeps_paragraphs_list_ends_and_broken_rows():
    doc = read_document(PDFS / "word-lists-and-split-row.pdf")
    texts = [b.text for b in doc.blocks]
    # the wrapped line that starts with the footnote mark ※1 goes on with its paragraph
    assert any(t.startswith("国や県の計画") and t.endswith("求められています。") for t in texts)
    # a short paragraph right after a list (ordinary spacing only) is not glued to the last item
    at = texts.index("・オンライン申請の周知、利用促進")
    assert texts[at + 1] == "行政手続のオンライン化の事例"
    # the row the page breaks is one row, its cells joined without a space
    rows = [r for b in doc.blocks if b.kind == "table" for r in b.rows]
    assert len(rows) == 7 and rows[4].page == 2 and rows[5].page == 3
    rows = [r.cells for r in rows]
    assert rows[4][1].startswith("老朽化した庁内ネットワーク機器を更新し、") and rows[4][2] == "総務課"


def test_measure_sheets_one_after_another_over_page_breaks_stay_apart():
    """A measure sheet (a ruled table, its numbered title in the first row) ends at the foot of a page
    and the next starts the next page, where a continued table would; another next sheet starts below
    the empty paragraph that parts them. Each is its own measure with its own department."""
    doc = read_document(PDFS / "word-measure-sheets-and-cell-lists.pdf")
    starts = {b.text: b.page for b in doc.blocks if b.kind == "heading"}
    assert starts["⑤公式アプリによる情報発信"] == 3 and starts["④クラウドサービスの活用"] == 4
    measures = extract_all(doc).records.measures
    assert [(m.label, m.departments) for m in measures if m.title in ("書かない窓口の導入", "公式アプリによる情報発信")] \
        == [("④", ["住民課"]), ("⑤", ["企画政策課"])]
    assert len(measures) == 11
    # the 施策体系 cell that holds the ①–⑤ titles as list paragraphs keeps them, one printed line each
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows[1].cells[1].split("\n") == ["①行政手続のオンライン化", "②証明書のコンビニ交付",
                                                  "③キャッシュレス決済の導入", "④書かない窓口の導入", "⑤公式アプリによる情報発信"]


def test_a_running_header_with_the_page_number_goes_and_a_chapter_name_atop_its_pages_stays_once():
    """The header 「3　緑ヶ丘町DX推進計画」 reads as a numbered heading but its number changes from page to
    page: furniture. The chapter name 「重点取組事項」 atop its three pages is printed nowhere else and the
    目次 lists it: a heading of the document, once, where its pages begin."""
    doc = read_document(PDFS / "word-running-header-and-chapter-banner.pdf")
    texts = [b.text for b in doc.blocks]
    assert not [t for t in texts if t.endswith("緑ヶ丘町DX推進計画") and t[0].isdigit()]
    assert texts.count("重点取組事項") == 1 and texts[texts.index("重点取組事項") + 1] == "(1) 行政手続のオンライン化"
    # the 目次's lines, whose dot leaders run to the page number at the margin, stay lines of their own
    assert [e.title for e in extract_all(doc).records.toc_entries] == ["計画の概要", "重点取組事項", "推進体制"]


def _page(number: int, *lines: tuple[str, float]):
    from pipeline.pdf_reader import _Line, _Page

    return _Page(number, 600.0, 800.0, [_Line(text, 50.0, 50.0 + 10 * len(text), top, 10.0, 10.0, number)
                                        for text, top in lines])


@pytest.mark.parametrize("top_line, stays", [
    ("2. 重点取組事項", True),       # numbered as the body's headings (1. 計画の概要)
    ("重点取組事項", True),          # the 目次 lists it
    ("Ⅱ 参考資料編", False),        # numbered, but neither in the 目次 nor numbered as the body is
    ("計画書", False),              # a running header
])
def test_a_repeated_top_line_is_a_heading_only_as_the_toc_or_the_body_numbering_has_it(top_line, stays):
    from pipeline.pdf_reader import PdfReaderSettings, _drop_furniture

    pages = [_page(1, ("目次", 100.0), ("1. 計画の概要……2", 120.0), ("重点取組事項……3", 140.0)),
             _page(2, ("1. 計画の概要", 60.0), ("本計画の期間は4年間とします。", 200.0))]
    pages += [_page(n, (top_line, 30.0), (f"({n}) 取組{n}", 200.0)) for n in range(3, 6)]
    _drop_furniture(pages, PdfReaderSettings())
    found = [i.text for page in pages for i in page.items if i.text == top_line]
    assert found == ([top_line] if stays else [])


# --- regions from atoms alone: (atoms as (x0, top, x1, bottom, rows), expected reading order) ------

def _line(x0, top, x1, rows=1):
    return (x0, top, x1, top + 10, rows)


CASES = [
    # one column: top to bottom
    ([_line(50, 0, 500), _line(50, 15, 500), _line(50, 30, 300)], [[0, 1, 2]]),
    # two boxes side by side under a full-width title: title, left box, right box, then the line below
    ([_line(50, 0, 500), _line(50, 20, 250), _line(300, 20, 500), _line(50, 35, 250), _line(300, 35, 480),
      _line(300, 50, 500), _line(50, 80, 500)], [[0], [1, 3], [2, 4, 5], [6]]),
    # a 目次: titles and a narrow column of page numbers stay in their rows
    ([_line(50, 0, 300), _line(480, 0, 500), _line(50, 15, 250), _line(480, 15, 500), _line(50, 30, 280),
      _line(480, 30, 500)], [[0, 1, 2, 3, 4, 5]]),
    # one line with a wide gap in it is no pair of columns
    ([_line(50, 0, 100), _line(200, 0, 500), _line(50, 15, 500)], [[0, 1, 2]]),
    # the left column runs longer than the right: its last line stays with it
    ([_line(50, 0, 250), _line(300, 0, 500), _line(50, 15, 250), _line(300, 15, 500), _line(50, 30, 200)],
     [[0, 2, 4], [1, 3]]),
]


@pytest.mark.parametrize("boxes, expected", CASES)
def test_regions_in_reading_order(boxes, expected):
    atoms = [Atom(*box, payload=i) for i, box in enumerate(boxes)]
    found = regions(atoms, LayoutSettings(gap=10, band_gap=25))
    assert [[a.payload for a in region.atoms] for region in found] == expected


def test_two_columns_of_list_items_read_down_each_column():
    """・ items side by side, a lower left item longer than the first (it reaches into the white between
    the first row's items), then a heading under the left column: left items, right items, heading."""
    boxes = [(50, 0, 130, "・"), (300, 0, 400, "・"), (50, 15, 220, "・"), (300, 15, 420, "・"),
             (50, 30, 260, "・"), (300, 30, 380, "・"), (50, 50, 200, "circled_sub"), (50, 65, 500, "")]
    atoms = [Atom(x0, top, x1, top + 10, 1, payload=i, item=kind) for i, (x0, top, x1, kind) in enumerate(boxes)]
    found = regions(atoms, LayoutSettings(gap=10, band_gap=25))
    assert [a.payload for region in found for a in region.atoms] == [0, 2, 4, 1, 3, 5, 6, 7]
    # the same lines without bullets (a label and its value, row by row) stay rows
    plain = [Atom(a.x0, a.top, a.x1, a.bottom, 1, payload=a.payload) for a in atoms]
    assert [a.payload for region in regions(plain, LayoutSettings(gap=10, band_gap=25)) for a in region.atoms] \
        == [0, 1, 2, 3, 4, 5, 6, 7]


def test_shaded_rows_of_a_table_by_year_are_no_bars(tmp_path):
    """Rows shaded across the whole table (title cell too), cell by cell, as spreadsheets print
    alternate rows: the empty year cells stay empty."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "shaded.pdf"
    c = canvas.Canvas(str(path))
    left, widths, top, height = 60, [150, 70, 70, 70], 700, 24
    edges = [left + sum(widths[:i]) for i in range(len(widths) + 1)]
    rows = [["Item", "2024", "2025", "2026"], ["Portal", "12", "", "15"], ["Kiosk", "", "3", ""]]
    for r, row in enumerate(rows):
        y = top - r * height
        for x0, x1, text in zip(edges, edges[1:], row):
            if r == 1:
                c.setFillColorRGB(0.85, 0.9, 0.95)
                c.rect(x0, y - height, x1 - x0, height, stroke=0, fill=1)
                c.setFillColorRGB(0, 0, 0)
            c.drawString(x0 + 4, y - 16, text)
    c.setLineWidth(0.5)
    for r in range(len(rows) + 1):
        c.line(edges[0], top - r * height, edges[-1], top - r * height)
    for x in edges:
        c.line(x, top, x, top - len(rows) * height)
    c.save()
    table = next(b for b in read_document(path).blocks if b.kind == "table")
    assert [r.cells for r in table.rows] == [tuple(row) for row in rows]
    assert all(not r.drawn for r in table.rows)


def test_paragraphs_in_a_box_are_told_apart_by_the_box_own_line_spacing(tmp_path):
    """Body text at a wide line spacing and one framed box set tighter: the box's paragraphs (no
    bullets) are two statements, as two paragraphs with a blank line between them in a text."""
    render_pdf = pytest.importorskip("render_pdf")
    if render_pdf.font_file() is None:
        pytest.skip("IPAex font not installed (Debian fonts-ipaexfont)")
    from reportlab.pdfgen import canvas

    render_pdf.register_font()
    body = ["①-1 行政手続のオンライン化"] + ["住民の利用が多い手続から順にオンライン化を進め、窓口の手続も書かずに済むよう改めます。"] * 6
    # two items written as phrases (no 。), each wrapped at the box's edge after 40 characters
    box = ["現状",
           "多くの手続は窓口か郵送に限られており、平日の日中に来庁する必要がある状況が続いて", "いる",
           "オンライン申請が可能な手続であっても、利用件数は少なく、その存在も住民に知られて", "いない"]
    path = tmp_path / "box.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(render_pdf.FONT, 10.5)
    y = 780
    for line in body:
        c.drawString(60, y, line)
        y -= 10.5 * 1.9
    c.rect(60, y - 80, 440, 90, stroke=1, fill=0)  # the longest line ends 4 pt inside it
    y -= 6
    for index, line in enumerate(box):
        c.drawString(68, y, line)
        y -= 10.5 * (1.15 if index in (1, 3) else 1.55)  # tight within a paragraph, a little more between
    c.save()
    statements = extract_all(read_document(path)).records.statements
    assert [(s.kind, s.text) for s in statements] == [
        ("現状", "多くの手続は窓口か郵送に限られており、平日の日中に来庁する必要がある状況が続いている"),
        ("現状", "オンライン申請が可能な手続であっても、利用件数は少なく、その存在も住民に知られていない")]


@pytest.mark.parametrize("text, unit", [
    ("ト、SNS 等を", "ト、SNS"),   # a Latin word run on after a comma stays with it (LibreOffice breaks before ト)
    ("ト、等を", "ト、"),
    ("（SNS）の", "（SNS）"),
    ("SNS等", "SNS"),
    ("。次に", "。"),
])
def test_what_could_not_fit_at_the_end_of_the_line_above(text, unit):
    from pipeline.pdf_reader import _first_unit_width

    chars, x = [], 0.0
    for ch in text:
        width = 5.0 if ch.isascii() else 10.0
        chars.append({"text": ch, "x0": x, "x1": x + width})
        x += width
    visible = [c for c in chars if not c["text"].isspace()]
    assert _first_unit_width(visible) == sum(5.0 if ch.isascii() else 10.0 for ch in unit)


def test_a_word_kpi_table_headed_over_two_rows_gives_each_side_its_year_and_figure():
    """Word's merged header cells come back empty from pdfplumber: 「基準値」 over 「年度」 | 「値」 still gives the
    figure as the baseline and the cell beside it as its year, and the same for 「目標値」."""
    records = extract_all(read_document(PDFS / "word-kpi-header-over-two-rows.pdf")).records
    assert [(t.indicator, t.baseline_fy, t.baseline_value, t.target_fy, t.target_value) for t in records.targets] == [
        ("自主防災組織の結成率", 2020, 78.5, 2026, 90.0), ("防災アプリの登録者数", 2020, 1200, 2026, 5000)]
    assert [m.departments for m in records.measures] == [["危機管理課"]]


def test_a_word_plans_system_table_gives_no_goal_and_its_kpi_table_a_goal_a_year():
    """The 施策体系 table's header (基本目標 | 施策 | 主な取組) is no goal; 現状値(R4) | R6 | R7 | R8 | 目標値(R9) gives a
    goal for each year; the shaded schedule cells are its years; the merged 施策 cell spans both indicators."""
    records = extract_all(read_document(PDFS / "word-system-table-year-goals-shaded-schedule.pdf")).records
    assert [(t.measure_seq, t.indicator, t.baseline_fy, t.target_fy, t.target_value) for t in records.targets] == [
        (1, "オンライン化した手続数", 2022, 2024, 80), (1, "オンライン化した手続数", 2022, 2025, 120),
        (1, "オンライン化した手続数", 2022, 2026, 160), (1, "オンライン化した手続数", 2022, 2027, 200),
        (2, "書かない窓口の対象手続数", 2022, 2027, 30), (2, "窓口の平均待ち時間", 2022, 2027, 15)]
    assert [(item.title, [c.fiscal_year for c in item.cells]) for item in records.schedule_items] == [
        ("電子申請システムの更新", [2024, 2025]), ("手続のオンライン化", [2025, 2026, 2027])]
    assert [(m.title, m.departments) for m in records.measures] == [
        ("行政手続のオンライン化", ["デジタル推進課"]), ("窓口のデジタル化", ["市民課"])]
