"""An Excel workbook (.xlsx) -> Document through openpyxl, the same model the text reader produces.

Each visible sheet is read top to bottom, hidden rows and columns left out, each cell as Excel shows it
(the value a formula last computed, numbers in their number format: 0.5 as 50%, 1234 as 1,234, a date
as 2023/4/1). Rows with nothing in them are blank lines, as in a text. A run of rows with one filled
cell each is lines of text; a run in which some row has two or more filled cells is a table, one row of
the sheet per row of the table. A merged cell is read in its top-left place and empty in the others (as
the PDF and text readers see merged cells), except that a cell merged down rows gives its text to each
row but in the sheet's first column (as the HTML and Word readers). Sheets follow one another as the tabs
are ordered; hidden sheets, rows and columns are left out.

Provenance: `location` is the sheet and the row's first filled cell, as Excel names it (`施策一覧!C12`).
"""
from __future__ import annotations

import datetime
import io
import warnings
from pathlib import Path

import regex

from pipeline.errors import ReadError
from pipeline.model import Document
from pipeline.ooxml import damaged, open_archive
from pipeline.text_reader import SourceLine, TextReaderSettings, document_from_lines

# Cells one sheet may span (rows × columns up to the last used one); a plan's sheets have thousands.
MAX_SHEET_CELLS = 5_000_000

_PLAIN_SHEET_NAME = regex.compile(r"^[\w.]+$")
_QUOTED = regex.compile(r'"([^"]*)"')
_FORMAT_NOISE = regex.compile(r"\[[^\]]*\]|\\.|_.|\*.")


def cell_name(sheet: str, coordinate: str) -> str:
    """施策一覧!C12, or 'Sheet 1'!C12 for a sheet name Excel quotes."""
    name = sheet if _PLAIN_SHEET_NAME.match(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{coordinate}"


def _number(value: float, number_format: str) -> str:
    """A number as its (first-section) number format shows it; formats not understood as General."""
    section = number_format.split(";")[0]
    literals = _QUOTED.findall(section)
    core = _FORMAT_NOISE.sub("", _QUOTED.sub("", section))
    if core.strip().lower() in ("general", "") or not regex.search(r"[0#?]", core):
        text = str(int(value)) if float(value).is_integer() else f"{value:.10g}"
        return text + "".join(literals) if literals and core.strip().lower() != "general" else text
    decimals = len(regex.search(r"(?:\.([0#?]*))?$", regex.sub(r"[^0#?.,%]", "", core)).group(1) or "")
    if "%" in core:
        value = value * 100
    text = f"{value:,.{decimals}f}" if "," in core else f"{value:.{decimals}f}"
    suffix = "%" if "%" in core else ""
    before = "".join(_QUOTED.findall(section.split("0")[0].split("#")[0]))
    after = "".join(literals)[len(before):]
    return before + text + suffix + after


def _date(value: datetime.date, number_format: str) -> str:
    if any(mark in number_format for mark in ("年", "月", "日")):
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.year}/{value.month}/{value.day}"


def displayed(cell) -> str:
    """The text Excel shows in a cell (a formula's last computed value, not the formula)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return _date(value, cell.number_format or "")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float)):
        return _number(value, cell.number_format or "General")
    return str(value)


def _hidden_columns(sheet) -> set[int]:
    hidden = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and dimension.min:
            hidden.update(range(dimension.min, (dimension.max or dimension.min) + 1))
    return hidden


def _sheet_rows(sheet, hidden: set[int]) -> list[tuple[int, dict[int, tuple[str, str]]]]:
    """The visible rows of a sheet: (row number, {column: (coordinate, text)}) of the filled cells."""
    size = sheet.max_row * sheet.max_column
    if size > MAX_SHEET_CELLS:
        raise ReadError(f"sheet {sheet.title} spans {sheet.max_row:,} rows × {sheet.max_column:,} columns "
                        f"(more than {MAX_SHEET_CELLS:,} cells): not a plan's table")
    # A cell merged down rows gives its text to each of them (one 目標年度 for two indicators), except in
    # the sheet's first column, where it labels a group of rows and stays in its first row.
    down: dict[tuple[int, int], str] = {}
    for merged in sheet.merged_cells.ranges:
        if merged.max_row > merged.min_row and merged.min_col > sheet.min_column:
            text = displayed(sheet.cell(merged.min_row, merged.min_col)).strip()
            for r in range(merged.min_row + 1, merged.max_row + 1):
                down[(r, merged.min_col)] = text
    rows = []
    for row in sheet.iter_rows():
        if not row:
            continue
        number = row[0].row
        if number in sheet.row_dimensions and sheet.row_dimensions[number].hidden:
            continue
        filled = {}
        for cell in row:
            if cell.column in hidden:
                continue
            text = down.get((number, cell.column)) or displayed(cell)
            if text.strip():
                filled[cell.column] = (cell.coordinate, text.strip())
            elif _is_shaded(cell):
                filled[cell.column] = (cell.coordinate, SHADED)
        rows.append((number, filled if any(text is not SHADED for _, text in filled.values()) else {}))
    return rows


# An empty cell filled with a colour: a 工程表's bar runs over the year cells it fills.
SHADED = "→"


def _is_shaded(cell) -> bool:
    """A solid fill in a colour (not white) on an empty cell."""
    fill = cell.fill
    if fill is None or fill.fill_type != "solid" or fill.fgColor is None:
        return False
    color = fill.fgColor
    return color.type == "theme" or color.type == "indexed" and color.indexed not in (9, 64) \
        or color.type == "rgb" and str(color.rgb).upper() not in ("FFFFFFFF", "00000000", "00FFFFFF")


def _runs(rows):
    """Runs of consecutive rows with something in them."""
    run = []
    for number, filled in rows:
        if filled:
            run.append((number, filled))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _sheet_lines(sheet, lines: list[SourceLine]) -> None:
    """A visible sheet's printed lines, after those of the sheets before it: each run of rows a table
    when a row of it fills more than one cell (hidden columns left out), else one line per cell line;
    an empty line between runs and between sheets."""
    def emit(**fields):
        lines.append(SourceLine(line=len(lines) + 1, **fields))

    if lines:
        emit()  # a sheet ends what the one before it had open
    hidden = _hidden_columns(sheet)
    for position, run in enumerate(_runs(_sheet_rows(sheet, hidden))):
        if position:
            emit()  # the empty row(s) between two runs
        texts = [{c: cell for c, cell in filled.items() if cell[1] is not SHADED} for _, filled in run]
        table = any(len(text) > 1 for text in texts)
        used = sorted({c for text in texts for c in text})
        columns = [c for c in range(used[0], used[-1] + 1) if c not in hidden]
        for index, ((_number, filled), text) in enumerate(zip(run, texts)):
            where = cell_name(sheet.title, text[min(text)][0])  # a row of shading only is no row (_sheet_rows)
            if table:
                cells, drawn = _table_row(filled, text, columns, header=index == 0)
                emit(cells=cells, location=where, drawn=drawn)
                continue
            for part in text[min(text)][1].split("\n"):
                emit(text=part, location=where)


def _table_row(filled: dict, text: dict, columns: list[int], header: bool) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A table row's cells and the columns a bar fills: a header's shading is no bar; under it, a filled empty
    cell is one (its 「→」 drawn, not printed)."""
    bars = set() if header else {c for c in columns if c in filled and filled[c][1] is SHADED}
    cells = tuple(SHADED if c in bars else text[c][1] if c in text else "" for c in columns)
    return cells, tuple(k for k, c in enumerate(columns) if c in bars)


def read_xlsx(path: Path, data: bytes, settings: TextReaderSettings | dict | None = None) -> Document:
    import openpyxl

    open_archive(data, "Excel", "xl/workbook.xml")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of every extension it does not read
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except ReadError:
        raise
    except Exception as e:  # openpyxl raises many types for a damaged part
        raise damaged("Excel", e) from None
    lines: list[SourceLine] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state == "visible":
            _sheet_lines(sheet, lines)
    if not any(line.text.strip() or line.cells for line in lines):
        raise ReadError("no text in the workbook (every visible sheet is empty)")
    return document_from_lines(lines, path.name, "xlsx", settings)
