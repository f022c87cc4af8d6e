"""KPI tables: a header naming a baseline column and a target column (現状値（2023年度）| 目標値（2028年度）,
基準値 | 目標値 with 基準年度 / 目標年度 columns, 現状値(R5) | 目標値(R10)), one indicator per row below.

The column words are the [kpi_tables] lists of vocabulary.toml. A year printed in a column's header
applies to every row; a year column or a year printed in the value cell itself (「3,200件（令和6年度）」)
is the row's own. A note row (※…) is not a target.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from pipeline.cleaning import fold
from pipeline.eras import parse_year_label, split_trailing_year
from pipeline.model import Block, Row
from pipeline.quantities import Amount, parse_amount
from pipeline.vocabulary import match_key, vocabulary

COLUMN_ROLES = ("indicator", "baseline", "target", "baseline_year", "target_year", "unit")
# The part of a header cell that dates the column: 「（2023年度）」, 「(R5)」, 「 2022年」.
_HEADER_YEAR = regex.compile(r"\s*(?:[(（]\s*(?P<bracketed>[^()（）]+?)\s*[)）]|(?P<bare>(?:令和|平成|R|H)?\s?[0-9０-９]{1,4}\s?年度?末?))\s*$")
_NOTE_ROW = regex.compile(r"^\s*(?:※|\\?\*)")


@functools.lru_cache(maxsize=1)
def _column_words() -> dict[str, str]:
    found = {}
    for role in COLUMN_ROLES:
        for word in vocabulary()["kpi_tables"][role]:
            found.setdefault(match_key(word), role)
    return found


def _column(cell: str) -> tuple[str, int | None] | None:
    """(role, fiscal year of the column or None) of a KPI header cell, or None for any other cell."""
    cell = cell.strip()
    if not cell:
        return None
    role = _column_words().get(match_key(cell))
    if role:
        return role, None
    dated = _HEADER_YEAR.search(cell)
    if dated and dated.start() > 0:
        role = _column_words().get(match_key(cell[: dated.start()]))
        if role in ("baseline", "target"):
            return role, parse_year_label(dated.group("bracketed") or dated.group("bare"))
    return None


@dataclass(frozen=True)
class KpiHeader:
    row: int                             # index of the header row in the table
    columns: dict[str, int]              # role -> column
    years: dict[str, int | None]         # baseline / target -> the year printed in its header


def kpi_header(table: Block) -> KpiHeader | None:
    """The header of a KPI table: a row among the first two with a baseline and a target column."""
    if table.kind != "table":
        return None
    for index, row in enumerate(table.rows[:2]):
        columns, years = {}, {}
        for column, cell in enumerate(row.cells):
            found = _column(cell)
            if found and found[0] not in columns:
                columns[found[0]] = column
                years[found[0]] = found[1]
        if "baseline" in columns and "target" in columns:
            return KpiHeader(index, columns, years)
    return None


@dataclass(frozen=True)
class KpiRow:
    indicator: str | None
    baseline: tuple[int | None, Amount | None]
    target: tuple[int | None, Amount | None]
    row: Row


def _cell(row: Row, header: KpiHeader, role: str) -> str:
    column = header.columns.get(role)
    if column is None or column >= len(row.cells):
        return ""
    return row.cells[column].strip()


def _side(row: Row, header: KpiHeader, role: str, unit: str) -> tuple[int | None, Amount | None]:
    text = _cell(row, header, role)
    year = header.years.get(role)
    year_cell = _cell(row, header, f"{role}_year")
    if year_cell:
        year = parse_year_label(year_cell) or year
    text, printed_year = split_trailing_year(text)
    year = printed_year or year
    if not text:
        return year, None
    amount = parse_amount(text)
    # The cell is the value as printed (「全42」), the unit column the unit of a bare number.
    amount = Amount(text, amount.value, amount.low, amount.high, amount.unit or fold(unit) or None, amount.approximate)
    return year, amount


def kpi_rows(table: Block, header: KpiHeader) -> list[KpiRow]:
    """Every indicator row of a KPI table, in order (note rows and empty rows left out)."""
    rows = []
    for row in table.rows[header.row + 1:]:
        cells = row.non_empty()
        if not cells or _NOTE_ROW.match(cells[0]):
            continue
        if not (_cell(row, header, "baseline") or _cell(row, header, "target")):
            continue
        unit = _cell(row, header, "unit")
        indicator_column = header.columns.get("indicator")
        if indicator_column is None:
            taken = set(header.columns.values())
            indicator_column = next((c for c, text in enumerate(row.cells) if c not in taken and text.strip()), None)
        indicator = row.cells[indicator_column].strip() if indicator_column is not None \
            and indicator_column < len(row.cells) else None
        rows.append(KpiRow(indicator or None, _side(row, header, "baseline", unit),
                           _side(row, header, "target", unit), row))
    return rows
