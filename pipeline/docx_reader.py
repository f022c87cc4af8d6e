"""A Word file (.docx) -> Document through python-docx, the same model the text reader produces.

The body is read in order, paragraphs and tables as Word holds them:
- a paragraph in a heading style (Heading 1–9, 見出し, or a style with an outline level) is a heading
  whatever its wording (Title and Subtitle are lines of the cover); a paragraph with list numbering
  (or a List style) is a list item, indented by its level; a line break inside a paragraph starts a
  new line; an empty paragraph is a blank line; a paragraph with tab stops is a row of columns, as a
  tab-separated line of a text is;
- a table gives its rows, a cell merged across columns printed in its first place and empty in the
  others (as the PDF and text readers see merged cells), a cell merged down rows in each of them but
  in the first column (one 目標年度 for two indicators; a group label of rows stays in its first row);
- footnote references and superscript footnote numbers are left out, as the text reader removes markers.

Text boxes (where a Word plan often puts its 【めざす姿】 or 【現状と課題】 boxes) are read after the
paragraph they are anchored in, each as a block of its own.

Provenance: `location` is "paragraph N" (the Nth paragraph of the body), "paragraph N, text box B" or
"table T, row R".
"""
from __future__ import annotations

import io
from pathlib import Path

from docx.oxml.ns import qn
import regex

from pipeline.docx_numbering import Numbering
from pipeline.errors import ReadError
from pipeline.model import Document
from pipeline.ooxml import damaged, open_archive
from pipeline.text_reader import SourceLine, TextReaderSettings, document_from_lines

# Title and Subtitle are lines of the cover (where the plan's title is read), not headings of the body.
_HEADING_STYLE = regex.compile(r"^(?:heading\s*\d|見出し\s*\d)$", regex.IGNORECASE)
_LIST_STYLE = regex.compile(r"^(?:list|リスト|箇条書き|段落番号)", regex.IGNORECASE)
_MARKER = regex.compile(r"^[\s\d*※¹²³⁴⁵⁶⁷⁸⁹⁰()（）]+$")
MAX_NESTED_TABLES = 20


def _style_chain(style):
    depth = 0
    while style is not None and depth < 10:
        yield style
        style = style.base_style
        depth += 1


def _has(element, path: str) -> bool:
    return element is not None and bool(element.xpath(path))


def _paragraph_kind(paragraph) -> tuple[str | None, int]:
    """("heading" | "list" | None, list level) from the paragraph's style and properties."""
    p_pr = paragraph._p.pPr
    if _has(p_pr, "./w:outlineLvl[not(@w:val='9')]"):
        return "heading", 0
    list_level = None
    if _has(p_pr, "./w:numPr/w:numId[not(@w:val='0')]"):
        levels = p_pr.xpath("./w:numPr/w:ilvl/@w:val")
        list_level = int(levels[0]) if levels and levels[0].isdigit() else 0
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        style = None
    for s in _style_chain(style):
        if _HEADING_STYLE.match(s.name or "") or _has(s.element.pPr, "./w:outlineLvl[not(@w:val='9')]"):
            return "heading", 0
        if list_level is None and (_LIST_STYLE.match(s.name or "") or _has(s.element.pPr, "./w:numPr")):
            list_level = 0
    return ("list", list_level) if list_level is not None else (None, 0)


def _run_text(run) -> str:
    text = run.text
    if run.font.superscript and _MARKER.match(text):
        return ""  # a footnote's number
    return text


def _paragraph_text(paragraph) -> str:
    parts = []
    for item in paragraph.iter_inner_content():
        runs = item.runs if hasattr(item, "runs") else [item]
        parts.extend(_run_text(run) for run in runs)
    return "".join(parts)


def _cell_text(cell, numbering: Numbering, depth: int = 0) -> str:
    """A cell's paragraphs on lines of their own (a table inside the cell as its rows' text)."""
    if depth > MAX_NESTED_TABLES:
        raise ReadError(f"Word tables nested more than {MAX_NESTED_TABLES} deep: not a plan document")
    lines = []
    for item in cell.iter_inner_content():
        if hasattr(item, "rows"):
            for row in item.rows:
                cells = [_cell_text(c, numbering, depth + 1) for c in _unique_cells(row)]
                lines.append(" ".join(c for c in cells if c))
        else:
            auto = numbering.number(item)
            text = _paragraph_text(item)
            lines.append(auto.before(text) if auto and text.strip() else text)
    return "\n".join(line for line in lines if line.strip())


def _unique_cells(row):
    seen = set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


def _table_rows(table, numbering: Numbering) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """The rows of a table, each with the columns a bar fills: a cell merged across columns in its first
    column and empty in the others; a cell merged down rows in each of its rows, except in the first column
    (as the HTML reader); under the first row, an empty cell shaded in a colour is a 工程表's bar (「→」)."""
    from docx.table import _Cell

    rows = []
    above: dict[int, str] = {}  # grid column -> text of the cell a vertical merge continues
    for index, row in enumerate(table.rows):
        cells = [""] * row.grid_cols_before
        bars = []
        for tc in row._tr.tc_lst:
            column = len(cells)
            if tc.vMerge == "continue":
                text = above.get(column, "") if column > 0 else ""
            else:
                text = above[column] = _cell_text(_Cell(tc, table), numbering)
            if index and not text and _is_shaded(tc):
                text = "→"
                bars += range(column, column + tc.grid_span)
            cells.append(text)
            cells.extend(["→" if index and column + k in bars else "" for k in range(1, tc.grid_span)])
        rows.append((tuple(cells), tuple(bars)))
    return rows


def _is_shaded(tc) -> bool:
    """A cell filled with a colour (w:shd with a fill that is neither white nor automatic)."""
    from docx.oxml.ns import qn

    properties = tc.tcPr
    shading = properties.find(qn("w:shd")) if properties is not None else None
    fill = shading.get(qn("w:fill")) if shading is not None else None
    return fill is not None and fill.upper() not in ("AUTO", "FFFFFF")


def _paragraph_lines(paragraph, numbering: Numbering) -> list[dict]:
    """The printed lines of one paragraph, as SourceLine fields ({} for a blank line)."""
    kind, level = _paragraph_kind(paragraph)
    auto = numbering.number(paragraph)  # counted even when the paragraph is empty, as Word does
    text = _paragraph_text(paragraph)
    if auto is not None and not auto.bullet and auto.text and text.strip():
        # printed as its number and text (「①電子申請の拡大」), as a text edition prints it
        text = auto.before(text)
        kind = "heading" if kind == "heading" else None
    if not text.strip():
        return [{}]
    lines = []
    for part in text.split("\n"):
        if not part.strip():
            lines.append({})
        elif kind == "heading":
            lines.append({"text": part.replace("\t", " ").strip(), "style": "heading"})
        elif kind == "list":
            lines.append({"text": "  " * level + "- " + " ".join(part.split("\t")).strip()})
        elif "\t" in part.strip():
            lines.append({"cells": tuple(c.strip() for c in part.split("\t"))})
        else:
            lines.append({"text": part})
    return lines


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = qn("w:txbxContent")


def _text_boxes(paragraph) -> list[list]:
    """The paragraphs of each text box anchored in a paragraph (Word keeps a box twice, as a drawing
    and as its older VML fallback: the fallback is left out)."""
    from docx.text.paragraph import Paragraph

    def kept(element) -> bool:
        return not any(a.tag == _MC_FALLBACK for a in element.iterancestors())

    boxes = [b for b in paragraph._p.iter(_TEXT_BOX) if kept(b)
             and not any(a.tag == _TEXT_BOX for a in b.iterancestors())]
    return [[Paragraph(p, paragraph._parent) for p in box.iter(qn("w:p")) if kept(p)] for box in boxes]


def read_docx(path: Path, data: bytes, settings: TextReaderSettings | dict | None = None) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    open_archive(data, "Word", "word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise ReadError(f"not a Word document ({type(e).__name__}: {e})".replace("\n", " ")[:200]) from None
    except Exception as e:  # lxml raises XMLSyntaxError and others for a damaged part
        raise damaged("Word", e) from None
    numbering = Numbering(document)
    lines: list[SourceLine] = []
    number = 0
    paragraphs = tables = 0

    def emit(**fields):
        nonlocal number
        number += 1
        lines.append(SourceLine(line=number, **fields))

    previous_table = False
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            tables += 1
            if previous_table:
                emit(location=f"table {tables}")  # two tables one under the other stay two tables
            for r, (cells, bars) in enumerate(_table_rows(item, numbering), start=1):
                emit(cells=cells, location=f"table {tables}, row {r}", drawn=bars)
            previous_table = True
            continue
        paragraphs += 1
        previous_table = False
        where = f"paragraph {paragraphs}"
        for fields in _paragraph_lines(item, numbering):
            emit(location=where, **fields)
        for b, box in enumerate(_text_boxes(item), start=1):  # a text box is a block of its own
            emit(location=where)
            for paragraph in box:
                for fields in _paragraph_lines(paragraph, numbering):
                    emit(location=f"{where}, text box {b}", **fields)
            emit(location=where)
    if not any(line.text.strip() or line.cells for line in lines):
        raise ReadError("no text in the Word document (only images or empty?)")
    return document_from_lines(lines, path.name, "docx", settings)
