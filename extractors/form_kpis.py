"""KPIs of an evaluation sheet's form, where each indicator is a small block of rows:

    指標名 | 指標の分類                                    a label row, and its value row under it
    部会の設置数 | 活動指標
      | 基準値 | 年度当初値 | 今年度目標値 | 今年度実績値 | 長期的目標値     a header with an empty corner
    数値 | 0 | 0 | 2 | 6 | 4                             the figures
    時点 | | | | |                                       their dates, when printed

Each target column (今年度目標値, 長期的目標値) gives the indicator a target, with the baseline (基準値) and
the result so far (実績値). Column words may carry a short qualifier (今年度, 長期的).
"""
from __future__ import annotations

from extractors.kpi_tables import KpiRow, column_role, qualified_column_role
from pipeline.eras import parse_year_label
from pipeline.model import Block, Row
from pipeline.quantities import Amount, parse_amount
from pipeline.vocabulary import match_key, match_keys, vocabulary

# Longer than any label of a row of dates (時点, 基準日): a row of something else.
MAX_DATE_LABEL = 10



def _indicator_column(row: Row) -> int | None:
    """The column of a label row that names the indicator (指標名): every cell a label, no figure."""
    cells = row.cells
    if any(parse_amount(cell).value is not None for cell in cells):
        return None
    return next((c for c, cell in enumerate(cells) if cell.strip() and column_role(cell) == "indicator"), None)


def _corner_header(row: Row) -> dict[str, list[int]] | None:
    """role -> columns of a header row whose first cell is empty, with a target and a value column."""
    if len(row.cells) < 3 or row.cells[0].strip():
        return None
    columns: dict[str, list[int]] = {}
    for column, cell in enumerate(row.cells[1:], start=1):
        role = qualified_column_role(cell)
        if role in ("baseline", "current", "actual", "target"):
            columns.setdefault("baseline" if role == "current" else role, []).append(column)
    return columns if "target" in columns and ("baseline" in columns or "actual" in columns) else None


def _value(cells: tuple[str, ...], years: tuple[str, ...], columns: list[int] | None) -> tuple[int | None, Amount | None]:
    """The figure of the first of `columns` that holds one (基準値 left empty: 年度当初値) and its date."""
    column = next((c for c in columns or [] if c < len(cells) and cells[c].strip()), None)
    if column is None:
        return None, None
    year = parse_year_label(years[column]) if column < len(years) and years[column].strip() else None
    return year, parse_amount(cells[column].strip())


def _is_date_label(cell: str) -> bool:
    return len(cell) <= MAX_DATE_LABEL and match_key(cell) in match_keys(vocabulary().forms.date_labels)


def _figures(row: Row, columns: dict[str, list[int]]) -> bool:
    cells = [row.cells[c] for cs in columns.values() for c in cs if c < len(row.cells) and row.cells[c].strip()]
    return bool(cells) and all(parse_amount(cell).value is not None for cell in cells)


def form_kpis(table: Block) -> list[KpiRow]:
    """Every indicator of a form table with its baseline, result and one KpiRow per target column; the
    row of each is the indicator's value row joined with its figures (the figures alone where no value
    row names the indicator)."""
    found: list[KpiRow] = []
    rows = table.rows
    indicator: tuple[str, Row] | None = None
    for index, row in enumerate(rows):
        column = _indicator_column(row)
        below = rows[index + 1] if index + 1 < len(rows) else None
        if column is not None and below is not None and len(below.cells) == len(row.cells):
            indicator = (below.cells[column].strip(), below)
            continue
        header = _corner_header(row)
        if header is None or below is None or not _figures(below, header):
            continue
        dates = rows[index + 2].cells if index + 2 < len(rows) and _is_date_label(rows[index + 2].cells[0]) else ()
        # A sheet that prints no 指標名 row over the header (「指標1」 above the table) names no indicator.
        name, named_row = indicator or ("", None)
        joined = Row(named_row.cells + below.cells, named_row.line, named_row.page) if named_row else below
        baseline, actual = _value(below.cells, dates, header.get("baseline")), _value(below.cells, dates, header.get("actual"))
        for target_column in header["target"]:
            target = _value(below.cells, dates, [target_column])
            if target[1] is not None:
                found.append(KpiRow(name or None, baseline, target, joined, actual))
        indicator = None
    return found
