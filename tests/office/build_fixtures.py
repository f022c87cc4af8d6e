"""Build the office-made PDF fixtures: plan pages made as municipalities make them, exported by LibreOffice.

    .venv/bin/pip install python-pptx python-docx openpyxl
    .venv/bin/python tests/office/build_fixtures.py [NAME …]   # needs soffice (LibreOffice) on PATH

Writes tests/pdfs/<name>.pdf and, next to it, tests/pdfs/<name>.txt: the same content as a plan text.
CI does not run this script: the PDFs it made are committed, and tests/pdfs/README.md names the
LibreOffice and library versions that made them.
"""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "pdfs"
FONT = "IPAexGothic"
sys.path.insert(0, str(HERE))

import deck  # noqa: E402
import deck_roadmap  # noqa: E402
import deck_tables  # noqa: E402
import schedule  # noqa: E402
import stacked_schedule  # noqa: E402
import word_columns  # noqa: E402
import word_headers  # noqa: E402
import word_kpi_header  # noqa: E402
import word_measures  # noqa: E402
import word_plan  # noqa: E402
import word_system_table  # noqa: E402


def _font(run, size: float, bold: bool = False, color=None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = rpr.makeelement(qn(tag), {})
            rpr.append(element)
        element.set("typeface", FONT)
    if color:
        run.font.color.rgb = RGBColor(*color)


def _box(slide, x, y, w, h, paragraphs, size, bold=False, fill=None, line=None, color=None, margin=0.1,
         rounded=False):
    """A text box (paragraphs wrap inside it), optionally filled and bordered as slide makers draw them,
    or a rounded rectangle with its text."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches, Pt

    if rounded:
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(x), Inches(y), Inches(w), Inches(h))
        shape.adjustments[0] = 0.08
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        if not fill:
            shape.fill.background()
        if not line:
            shape.line.fill.background()
        shape.shadow.inherit = False
    else:
        shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    frame = shape.text_frame
    frame.word_wrap = True
    for side in ("left", "right", "top", "bottom"):
        setattr(frame, f"margin_{side}", Inches(margin))
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * 0.3)
        _font(_run(paragraph, text), size, bold, color)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(*fill)
    if line:
        shape.line.color.rgb = RGBColor(*line)
        shape.line.width = Pt(1.25)
    return shape


def _run(paragraph, text):
    run = paragraph.add_run()
    run.text = text
    return run


BLUE = (0x1F, 0x4E, 0x79)
GREEN = (0x38, 0x76, 0x1D)
WHITE = (0xFF, 0xFF, 0xFF)
PALE = (0xF2, 0xF6, 0xFA)


def build_deck(path: Path) -> None:
    """16:9 slides: a cover, an outline slide, then one slide per measure under the chapter heading
    printed at its top, with the 現状 and 課題 boxes side by side (a filled header bar over a bordered box of ・ items) and the
    対応方針 box below them; the slide number at the bottom right."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]
    number = 0

    def slide():
        nonlocal number
        number += 1
        s = prs.slides.add_slide(blank)
        if number > 1:
            _box(s, 12.3, 7.0, 0.8, 0.35, [str(number)], 11)
        return s

    s = slide()
    _box(s, 1.0, 2.4, 11.3, 1.0, [deck.TITLE], 40, bold=True, color=BLUE)
    _box(s, 1.0, 3.5, 11.3, 0.6, [deck.DATE], 24)
    _box(s, 1.0, 5.2, 11.3, 0.9, [deck.ISSUED, deck.TOWN], 20)

    s = slide()
    _box(s, 0.5, 0.3, 12.3, 0.8, [deck.OUTLINE_TITLE], 28, bold=True, color=BLUE)
    _box(s, 0.5, 1.4, 12.3, 4.0, deck.OUTLINE, 18)

    # No chapter slide: the chapter heading is printed at the top of every measure slide.
    # Three ways slide makers draw the boxes: square text boxes with a header bar and a border,
    # rounded rectangles, and borderless text boxes under a header bar.
    styles = ("square", "rounded", "plain")
    for index, (title, lead, state, issues, policy) in enumerate(deck.MEASURES):
        style = styles[index % len(styles)]
        s = slide()
        _box(s, 0.5, 0.08, 12.3, 0.4, [deck.CHAPTER], 14, color=BLUE)
        _box(s, 0.5, 0.45, 12.3, 0.7, [title], 28, bold=True, color=BLUE)
        _box(s, 0.5, 1.2, 12.3, 0.8, [lead], 16)
        for x, head, items in ((0.5, "現状", state), (6.83, "課題", issues)):
            bullets = [f"・{i}" for i in items]
            if style == "rounded":
                _box(s, x, 2.1, 6.0, 2.8, [head] + bullets, 16, line=BLUE, rounded=True)
                continue
            _box(s, x, 2.1, 6.0, 0.5, [head], 18, bold=True, fill=BLUE, color=WHITE)
            _box(s, x, 2.6, 6.0, 2.3, bullets, 16, fill=PALE if style == "square" else None,
                 line=BLUE if style == "square" else None)
        bullets = [f"・{i}" for i in policy]
        if style == "rounded":
            _box(s, 0.5, 5.1, 12.33, 1.8, ["対応方針"] + bullets, 16, line=GREEN, rounded=True)
            continue
        _box(s, 0.5, 5.1, 12.33, 0.5, ["対応方針"], 18, bold=True, fill=GREEN, color=WHITE)
        _box(s, 0.5, 5.6, 12.33, 1.3, bullets, 16, line=GREEN if style == "square" else None)
    prs.save(str(path))


def _table(slide, x, y, w, rows, size: float) -> None:
    """A PowerPoint table of text rows, the first its header."""
    from pptx.util import Inches

    table = slide.shapes.add_table(len(rows), len(rows[0]), Inches(x), Inches(y), Inches(w),
                                   Inches(0.35 * len(rows))).table
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            frame = table.cell(r, c).text_frame
            _font(_run(frame.paragraphs[0], text), size, bold=r == 0)


def build_table_deck(path: Path) -> None:
    """16:9 slides: a cover, an outline slide, then one slide per measure: its title with the department far
    right on the same line, 現状と課題 and 取組内容 bordered boxes side by side, and under each a caption over a
    PowerPoint table (成果指標 by 現状値 / 目標値, 工程表 by fiscal year)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]
    s = prs.slides.add_slide(blank)
    _box(s, 1.0, 2.4, 11.3, 1.0, [deck_tables.TITLE], 36, bold=True, color=BLUE)
    _box(s, 1.0, 4.0, 11.3, 0.6, [deck_tables.ISSUED], 20)
    s = prs.slides.add_slide(blank)
    _box(s, 0.4, 0.2, 12.3, 0.7, [deck_tables.OUTLINE_TITLE], 24, bold=True, color=BLUE)
    _box(s, 0.4, 1.0, 12.4, 2.4, deck_tables.OUTLINE, 16, line=BLUE)
    for title, department, state, action, kpis, steps in deck_tables.MEASURES:
        s = prs.slides.add_slide(blank)
        _box(s, 0.4, 0.15, 9.4, 0.6, [title], 22, bold=True, color=BLUE)
        _box(s, 9.9, 0.25, 3.2, 0.4, [f"担当：{department}"], 12)
        _box(s, 0.4, 0.9, 6.1, 2.1, ["現状と課題"] + state, 13, line=BLUE)
        _box(s, 6.8, 0.9, 6.1, 2.1, ["取組内容"] + action, 13, line=GREEN)
        _box(s, 0.4, 3.1, 4.0, 0.4, ["成果指標"], 13)
        _table(s, 0.4, 3.55, 6.1, [deck_tables.KPI_HEADER, *kpis], 11)
        _box(s, 6.8, 3.1, 4.0, 0.4, ["工程表"], 13)
        _table(s, 6.8, 3.55, 6.1, [deck_tables.SCHEDULE_HEADER, *steps], 11)
    prs.save(str(path))


def build_roadmap_deck(path: Path) -> None:
    """A 16:9 slide: the measure's title, a bordered 目指す姿 box, a KPI line, then a ロードマップ drawn without a
    table: filled year boxes in a row, each item's title at the left and a filled right arrow under its years with
    its label inside."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _box(s, 0.4, 0.15, 12, 0.6, [deck_roadmap.TITLE], 24, bold=True, color=BLUE)
    _box(s, 0.4, 0.9, 12.4, 1.2, deck_roadmap.VISION, 14, line=BLUE)
    _box(s, 0.4, 2.2, 12.4, 0.5, [deck_roadmap.KPI], 14)
    _box(s, 0.4, 2.9, 4, 0.4, [deck_roadmap.CAPTION], 14, bold=True)
    for year, left in deck_roadmap.YEAR_LEFT.items():
        _box(s, left, 3.4, 2.1, 0.4, [year], 12, fill=BLUE, color=WHITE)
    for index, (title, start, end, label, _at, _years) in enumerate(deck_roadmap.ITEMS):
        y = 4.0 + index * 0.7
        _box(s, 0.4, y, 3.5, 0.5, [title], 12)
        arrow = s.shapes.add_shape(MSO_SHAPE.RIGHT_ARROW, Inches(start), Inches(y), Inches(end - start), Inches(0.5))
        arrow.fill.solid()
        arrow.fill.fore_color.rgb = RGBColor(0xBD, 0xD7, 0xEE)
        arrow.line.fill.background()
        _font(_run(arrow.text_frame.paragraphs[0], label), 12)
    prs.save(str(path))


# The Excel 工程表: a heading over a table whose bars are filled cells, as most towns make them in Excel.
# (title, {column: label}, filled columns); columns 0-3 are 令和6年度-令和9年度. The hand reading is
# tests/pdfs/sheet-filled-cell-bars.txt, written by hand from these rows.
SHEET_ROWS = [
    ("庁内ネットワークの更新", {0: "設計"}, {0, 1}),
    ("テレワーク環境の整備", {1: "試行", 2: "本格運用"}, {1, 2, 3}),
    ("RPAの導入", {0: "検証"}, {0}),
    ("AI-OCRの活用", {}, set()),
    ("電子決裁の導入", {2: "導入"}, {2, 3}),
]
SHEET_YEARS = ["令和6年度", "令和7年度", "令和8年度", "令和9年度"]


def _schedule_workbook(heading: str):
    """An A4 landscape sheet 工程表 with the plan's title and a measure heading: the book, the sheet, a writer
    of ruled cells in the table's font, and the blue fill of a bar."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, PatternFill, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "工程表"
    font = Font(name=FONT, size=10)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet["A1"] = "緑ヶ丘町DX推進計画"
    sheet["A1"].font = Font(name=FONT, size=14, bold=True)
    sheet["A3"] = heading
    sheet["A3"].font = Font(name=FONT, size=12, bold=True)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4

    def cell(row, column, value=None):
        written = sheet.cell(row=row, column=column, value=value)
        written.font, written.border = font, border
        return written

    return book, sheet, cell, PatternFill("solid", fgColor="9DC3E6")


def build_sheet(path: Path) -> None:
    """A4 landscape: the plan's title, the measure heading, then the schedule table with ruled cells;
    a bar is a run of cells filled blue, its label typed into one of them."""
    book, sheet, cell, fill = _schedule_workbook("③-2 AI・RPAの利活用促進")
    sheet.column_dimensions["A"].width = 34
    for letter in "BCDE":
        sheet.column_dimensions[letter].width = 14
    for column, text in enumerate(["取組", *SHEET_YEARS], start=1):
        cell(5, column, text)
    for index, (title, labels, filled) in enumerate(SHEET_ROWS):
        row = 6 + index
        sheet.row_dimensions[row].height = 24
        cell(row, 1, title)
        for year in range(len(SHEET_YEARS)):
            written = cell(row, 2 + year, labels.get(year))
            if year in filled:
                written.fill = fill
    book.save(str(path))


# The Excel 工程表 by quarter: each fiscal year's column split into four quarter columns under it, bars as
# runs of filled quarter cells. (title, {(year, quarter): label}, filled (year, quarter) cells); years 0-2
# are 令和6年度-令和8年度, quarters 0-3 are 4-6月 … 1-3月. The hand reading is
# tests/pdfs/sheet-quarter-columns.txt, written by hand from these rows: a year gets the labels typed in
# its quarters (one line each), else 「→」 where a bar fills any of its quarters.
QUARTER_ROWS = [
    ("電子申請システムの構築", {(0, 0): "設計"}, {(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1)}),
    ("オンライン申請の開始", {(1, 2): "開始"}, {(1, 2)}),
    ("職員研修", {}, {(0, 3), (1, 0)}),
    ("庁内LANの更新", {(2, 1): "更新"}, {(2, 1), (2, 2)}),
    ("利用状況の検証", {(2, 3): "検証"}, set()),
    ("RPAの導入", {(0, 2): "試行", (1, 1): "本格運用"}, {(0, 2), (0, 3)} | {(y, q) for y in (1, 2) for q in range(4)}),
    ("窓口予約システム", {(0, 0): "検討", (0, 2): "導入"}, {(0, 0), (0, 1), (0, 2), (0, 3)}),
]
QUARTER_YEARS = ["令和6年度", "令和7年度", "令和8年度"]
QUARTERS = ["4-6月", "7-9月", "10-12月", "1-3月"]


def build_quarter_sheet(path: Path) -> None:
    """A4 landscape: the plan's title, the measure heading, then a schedule whose header names each
    fiscal year in a cell merged over its four quarter columns, the quarters on the row below (取組
    merged over both rows); ruled cells, bars as runs of quarter cells filled blue."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    book, sheet, cell, fill = _schedule_workbook("③-3 窓口業務の改革")
    sheet.column_dimensions["A"].width = 30
    columns = len(QUARTER_YEARS) * len(QUARTERS)
    for column in range(2, 2 + columns):
        sheet.column_dimensions[get_column_letter(column)].width = 8.5
    cell(5, 1, "取組")
    cell(6, 1)
    sheet.merge_cells(start_row=5, start_column=1, end_row=6, end_column=1)
    for year, text in enumerate(QUARTER_YEARS):
        first = 2 + year * len(QUARTERS)
        cell(5, first, text).alignment = Alignment(horizontal="center")
        for quarter, label in enumerate(QUARTERS):
            cell(5, first + quarter) if quarter else None
            cell(6, first + quarter, label).alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=5, start_column=first, end_row=5, end_column=first + len(QUARTERS) - 1)
    for index, (title, labels, filled) in enumerate(QUARTER_ROWS):
        row = 7 + index
        sheet.row_dimensions[row].height = 24
        cell(row, 1, title)
        for year in range(len(QUARTER_YEARS)):
            for quarter in range(len(QUARTERS)):
                written = cell(row, 2 + year * len(QUARTERS) + quarter, labels.get((year, quarter)))
                if (year, quarter) in filled:
                    written.fill = fill
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(str(path))


# The prefix of word_plan's paragraph whose wrapped line starts with ※1: sized so that, in this
# layout, the mark falls at the start of the paragraph's second line.
FOOTNOTE_PREFIX = "国や県の計画においても、行政と地域社会の双方におけるデジタル・トランスフォーメーション"
HEADING_BEFORE_TABLE_SPACE = 12  # points above the 3. heading: puts the long table row across a page break


def _east_asian(run_or_style_font_element, name: str) -> None:
    from docx.oxml.ns import qn

    fonts = run_or_style_font_element.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _word_document():
    """A python-docx document on A4 portrait with 25 mm margins, body text 10.5 pt in FONT, 4 pt after
    each paragraph."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    _east_asian(normal.element.get_or_add_rPr(), FONT)
    normal.paragraph_format.space_after = Pt(4)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    return document


def _paragraph(document, text: str, size: float = 10.5, bold: bool = False, before: float | None = 0.0, align=None):
    """A paragraph of one run; `before` points of space above it (None: none set)."""
    from docx.shared import Pt

    p = document.add_paragraph()
    run = p.add_run(text)
    run.font.size, run.font.bold = Pt(size), bold
    if before is not None:
        p.paragraph_format.space_before = Pt(before)
    if align is not None:
        p.alignment = align
    return p


def _page_number(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build_word(path: Path) -> None:
    """A4 portrait, 25 mm margins, body 10.5 pt; the plan's title in the page header and the page
    number in the footer; ・ items as paragraphs with a hanging indent; a ruled table whose rows may
    break across pages (Word's default)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = _word_document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = word_plan.TITLE
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
    # This plan's paragraphs carry no spacing above unless given one.
    paragraph = functools.partial(_paragraph, document, before=None)

    for text, size in ((word_plan.TITLE, 22), (word_plan.ISSUED, 14), (word_plan.TOWN, 14)):
        paragraph(text, size, bold=size > 20, align=WD_ALIGN_PARAGRAPH.CENTER, before=120 if size > 20 else None)
    document.add_page_break()
    for kind, content in word_plan.body(FOOTNOTE_PREFIX):
        if kind == "heading":
            before = HEADING_BEFORE_TABLE_SPACE if content.startswith("3.") else 8
            paragraph(content, 12, bold=True, before=before)
        elif kind == "item":
            p = paragraph(f"・{content}")
            p.paragraph_format.left_indent = Pt(21)
            p.paragraph_format.first_line_indent = Pt(-10.5)
            p.paragraph_format.space_after = Pt(0)
        elif kind == "note":
            paragraph(content, 9)
        elif kind == "table":
            table = document.add_table(rows=0, cols=3)
            table.style = "Table Grid"
            for row in content:
                cells = table.add_row().cells
                for cell, text, width in zip(cells, row, (Mm(38), Mm(95), Mm(27))):
                    cell.width = width
                    cell.paragraphs[0].paragraph_format.space_after = Pt(0)
                    run = cell.paragraphs[0].add_run(text)
                    run.font.size = Pt(10)
        else:
            paragraph(content)
    document.save(str(path))


# Points above the (2) heading and after each sheet's empty paragraph: they put sheet boundaries at page
# breaks, one with the empty paragraph at the foot of a page (the next sheet starts the next page
# where a continued table would) and one with it at the top of the next page.
MEASURES_SPACE = {"group": (4, 6, 6), "gap": 0}


def _cell_text(cell, text: str, size: float = 10, bold: bool = False, first: bool = True):
    from docx.shared import Pt

    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(size), bold
    return paragraph


def build_measures_word(path: Path) -> None:
    """A4 portrait, body 10.5 pt, the plan's title in the page header: a 施策体系 table whose 施策 cell
    holds its group's numbered titles as list paragraphs (hanging indent), then measure sheets: a
    ruled table each, its numbered title in a merged first row, an empty paragraph between two."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = _word_document()
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = word_measures.TITLE
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph = functools.partial(_paragraph, document)

    paragraph(word_measures.TITLE, 22, bold=True, before=120, align=WD_ALIGN_PARAGRAPH.CENTER)
    for text in (word_measures.ISSUED, word_measures.TOWN):
        paragraph(text, 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_page_break()
    for kind, content in word_measures.BEFORE:
        paragraph(content, 12, bold=True, before=8) if kind == "heading" else paragraph(content)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, text, width in zip(table.rows[0].cells, ("分類", "施策"), (Mm(55), Mm(105))):
        cell.width = width
        _cell_text(cell, text)
    for heading, titles in word_measures.system_rows():
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Mm(55), Mm(105)
        _cell_text(cells[0], heading)
        for index, title in enumerate(titles):  # list paragraphs in one cell
            item = _cell_text(cells[1], title, first=index == 0)
            item.paragraph_format.left_indent = Pt(10)
            item.paragraph_format.first_line_indent = Pt(-10)
    paragraph("3. 取組施策", 12, bold=True, before=8)
    for number, (heading, lead, sheets) in enumerate(word_measures.GROUPS):
        paragraph(heading, 11, bold=True, before=MEASURES_SPACE["group"][number])
        paragraph(lead)
        for title, department, content, goal in sheets:
            _measure_sheet(document, title, word_measures.sheet_rows(department, content, goal))
            paragraph("", before=MEASURES_SPACE["gap"])
    for kind, content in word_measures.AFTER:
        paragraph(content, 12, bold=True, before=8) if kind == "heading" else paragraph(content)
    document.save(str(path))


def build_kpi_header_word(path: Path) -> None:
    """A4 portrait, body 10.5 pt: a chapter and a 施策 heading in bold, ■ block headings, and three ruled tables,
    two of them with merged header cells (Word's 「セルの結合」)."""
    document = _word_document()
    paragraph = functools.partial(_paragraph, document)
    paragraph(word_kpi_header.CHAPTER, 16, bold=True)
    paragraph(word_kpi_header.MEASURE, 14, bold=True, before=6)
    merges = {id(word_kpi_header.KPI_ROWS): word_kpi_header.KPI_MERGES,
              id(word_kpi_header.SCHEDULE_ROWS): word_kpi_header.SCHEDULE_MERGES}
    for heading, content in word_kpi_header.BLOCKS:
        paragraph(heading, bold=True, before=6)
        if not isinstance(content[0], list):
            for line in content:
                paragraph(line)
            continue
        _word_table(document, content, merges.get(id(content), ()))
    document.save(str(path))


def _word_table(document, rows, merges=(), shaded=()) -> None:
    """A ruled Word table of text rows; `merges` (first row, first column, last row, last column) merged,
    `shaded` (row, column) cells filled grey (a schedule's bar)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                _cell_text(table.cell(r, c), text)
    for r, c in shaded:
        fill = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "808080")):
            fill.set(qn(key), value)
        table.cell(r, c)._tc.get_or_add_tcPr().append(fill)
    for first_row, first_column, last_row, last_column in merges:
        table.cell(first_row, first_column).merge(table.cell(last_row, last_column))


def build_system_table_word(path: Path) -> None:
    """A4 portrait, body 10.5 pt: a 施策体系 table with a merged 基本目標 cell, then each 施策 with 【】 headings over
    paragraphs and tables: goals by year, a schedule of shaded cells, a 施策 cell merged down its indicators."""
    document = _word_document()
    paragraph = functools.partial(_paragraph, document)
    content = word_system_table
    paragraph(content.CHAPTER, 16, bold=True)
    paragraph(content.SYSTEM_HEADING, 13, bold=True, before=6)
    _word_table(document, content.SYSTEM_ROWS, content.SYSTEM_MERGES)
    paragraph(content.CONTENT_HEADING, 13, bold=True, before=6)
    for title, blocks in content.MEASURES:
        paragraph(title, 12, bold=True, before=6)
        for heading, body in blocks:
            paragraph(heading, bold=bool(body))
            if isinstance(body, tuple):
                _word_table(document, *body)
            else:
                for line in body:
                    paragraph(line)
    document.save(str(path))


def _measure_sheet(document, title: str, rows: list[tuple[str, str]]) -> None:
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    first = table.rows[0].cells
    merged = first[0].merge(first[1])
    _cell_text(merged, title, 11, bold=True)
    for name, value in rows:
        cells = table.add_row().cells
        for cell, text, width in zip(cells, (name, value), (Mm(35), Mm(125))):
            cell.width = width
            _cell_text(cell, text)


def _header(section, chapter: str | None) -> None:
    """A section's page header: the page number, then the plan's title (「3　緑ヶ丘町DX推進計画」), and
    the chapter's name on a line below it where the chapter prints no heading of its own."""
    from docx.shared import Pt

    section.header.is_linked_to_previous = False
    first = section.header.paragraphs[0]
    first.text = ""
    _page_number(first)
    run = first.add_run("\u3000" + word_headers.TITLE)
    run.font.size = Pt(9)
    if chapter:
        second = section.header.add_paragraph()
        run = second.add_run(chapter)
        run.font.size, run.font.bold = Pt(12), True


def build_headers_word(path: Path) -> None:
    """A4 portrait, body 10.5 pt: a cover without header, a 目次 page with dot leaders, then three
    Word sections whose headers print the page number and the title, chapter 2's also its name."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm, Pt

    document = _word_document()
    paragraph = functools.partial(_paragraph, document)

    def body(parts):
        for kind, content in parts:
            paragraph(content, 12, bold=True, before=10) if kind == "heading" else paragraph(content)

    section = document.sections[0]
    section.different_first_page_header_footer = True  # no header on the cover
    _header(section, None)
    paragraph(word_headers.TITLE, 22, bold=True, before=120, align=WD_ALIGN_PARAGRAPH.CENTER)
    for text in (word_headers.ISSUED, word_headers.TOWN):
        paragraph(text, 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_page_break()
    paragraph("目次", 14, bold=True)
    for entry, page in word_headers.TOC:
        p = paragraph(f"{entry}\t{page}", before=4)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(160), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    document.add_page_break()
    body(word_headers.OVERVIEW)
    chapter = document.add_section(WD_SECTION.NEW_PAGE)
    chapter.different_first_page_header_footer = False
    _header(chapter, word_headers.CHAPTER)
    for heading, state, policy in word_headers.MEASURES:
        paragraph(heading, 11, bold=True, before=28)
        for block, items in (("現状・課題", state), ("対応方針", policy)):
            paragraph(block, bold=True, before=6)
            for item in items:
                p = paragraph(f"・{item}")
                p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Pt(21), Pt(-10.5)
    closing = document.add_section(WD_SECTION.NEW_PAGE)
    closing.different_first_page_header_footer = False
    _header(closing, None)
    body(word_headers.CLOSING)
    document.save(str(path))


def _columns(section, number: int) -> None:
    """Set a Word section in `number` columns (w:cols), 10 mm apart."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(number))
    cols.set(qn("w:space"), "567")


def build_columns_word(path: Path) -> None:
    """A4 portrait, body 10.5 pt: each measure's 対応方針 items in a continuous section of two columns
    (Word balances them, the left one holding the larger half), the rest in one column."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = _word_document()
    paragraph = functools.partial(_paragraph, document)

    def item(text):
        p = paragraph(f"・{text}")
        p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Pt(10.5), Pt(-10.5)
        p.paragraph_format.space_after = Pt(2)

    paragraph(word_columns.TITLE, 22, bold=True, before=40, align=WD_ALIGN_PARAGRAPH.CENTER)
    for text in (word_columns.ISSUED, word_columns.TOWN):
        paragraph(text, 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("2. 重点取組事項", 12, bold=True, before=24)
    for heading, lead, state, policy in word_columns.MEASURES:
        paragraph(heading, 12, bold=True, before=12)
        paragraph(lead)
        paragraph("現状・課題", bold=True)
        for text in state:
            item(text)
        paragraph("対応方針", bold=True, before=6)
        _columns(document.add_section(WD_SECTION.CONTINUOUS), 2)
        for text in policy:
            item(text)
        _columns(document.add_section(WD_SECTION.CONTINUOUS), 1)
    document.save(str(path))


def export(source: Path, target: Path) -> None:
    """source (.pptx / .docx / .xlsx) -> target PDF through LibreOffice headless."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", "pdf", "--outdir", folder, str(source)], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.copy(Path(folder) / (source.stem + ".pdf"), target)


def main(names: list[str]) -> None:
    """Build every fixture, or only those named on the command line (a fixture's PDF changes byte by byte
    with each build: rebuild only what changed)."""
    OUT.mkdir(exist_ok=True)
    # (fixture name, the file LibreOffice exports, its builder, the same content as a plan text or None)
    exported = [
        ("deck-side-by-side-boxes", "pptx", build_deck, deck.text),
        ("word-lists-and-split-row", "docx", build_word, lambda: word_plan.text(FOOTNOTE_PREFIX)),
        ("sheet-filled-cell-bars", "xlsx", build_sheet, None),
        ("word-two-column-lists", "docx", build_columns_word, word_columns.text),
        ("word-running-header-and-chapter-banner", "docx", build_headers_word, word_headers.text),
        ("sheet-quarter-columns", "xlsx", build_quarter_sheet, None),
        ("word-measure-sheets-and-cell-lists", "docx", build_measures_word, word_measures.text),
        ("deck-title-department-and-tables", "pptx", build_table_deck, deck_tables.text),
        ("deck-roadmap-drawn-arrows", "pptx", build_roadmap_deck, deck_roadmap.text),
        ("word-kpi-header-over-two-rows", "docx", build_kpi_header_word, word_kpi_header.text),
        ("word-system-table-year-goals-shaded-schedule", "docx", build_system_table_word, word_system_table.text),
    ]
    exported = [fixture for fixture in exported if not names or fixture[0] in names]
    with tempfile.TemporaryDirectory() as folder:
        for name, suffix, build, text in exported:
            source = Path(folder) / f"{name}.{suffix}"
            build(source)
            export(source, OUT / f"{name}.pdf")
            if text is not None:
                (OUT / f"{name}.txt").write_text(text(), encoding="utf-8")
            print(OUT / f"{name}.pdf")
    # drawn with reportlab; its .txt is the hand reading of the bars, written by hand, not here
    for name, build in (("schedule-drawn-bars", schedule.build),
                        ("schedule-multi-row-and-stacked-bars", stacked_schedule.build)):
        if names and name not in names:
            continue
        build(OUT / f"{name}.pdf")
        print(OUT / f"{name}.pdf")


if __name__ == "__main__":
    main(sys.argv[1:])
