"""KPI tables whose columns are years and whose rows say what their figures are (目標 / 実績):

    指標 | 区分 | 2001年度 | 2002年度 | 2003年度          | 2001(H13) | 2002(H14) | 2003(H15)
    普及率 (%) | 目標 | 48.0 | 51.0 | 54.0           普及率 (%) [目標指標]
      | 実績 | 45.3 |  |                             目標 | 48.0 | 51.0 | 54.0
                                                  実績 | 45.3 |  |

Each year column with a figure in a 目標 row is a target of the indicator named in that row or on a row of
its own above it (the row the target is said to be printed on), with the 実績 of the same year as its
actual value. A table whose rows name no 目標 is
not read here (a table of costs by year, a schedule).
"""
from __future__ import annotations

import regex

from extractors.kpi_tables import KpiRow
from pipeline.eras import bare_year_columns, parse_year_label
from pipeline.model import Block, Row
from pipeline.patterns import GREGORIAN
from pipeline.quantities import Amount, figure_of
from pipeline.statuses import is_dash
from pipeline.vocabulary import kpi_column_roles, match_key, match_keys, vocabulary

MIN_YEARS = 2
HEADER_ROWS = 3
# 「2001(H13)」: a Gregorian year with its era year in brackets.
_YEAR_WITH_ERA = regex.compile(rf"^\s*(?P<year>{GREGORIAN})\s?[(（][^()（）]{{1,8}}[)）]\s*$")
# A row that only brackets a note qualifies the indicator named above it: 「(4月1日現在)」.
_QUALIFIER = regex.compile(r"^[(（][^()（）]*[)）]?$")
# 「[ 目標指標]」 after an indicator's name tags what kind of indicator it is.
_TAG = regex.compile(r"\s*[\[［][^\]］]*[\]］]\s*$")


def _year(cell: str) -> int | None:
    m = _YEAR_WITH_ERA.match(cell)
    return int(m.group("year")) if m else parse_year_label(cell.strip()) if cell.strip() else None


def _year_header(table: Block) -> tuple[int, dict[int, int]] | None:
    """(row index, column -> fiscal year) of the first row naming two or more years."""
    for index, row in enumerate(table.rows[:HEADER_ROWS]):
        years = {c: y for c, cell in enumerate(row.cells) if (y := _year(cell))}
        years = years if len(years) >= MIN_YEARS else bare_year_columns(row.cells)
        if len(years) >= MIN_YEARS:
            return index, years
    return None


def _role(cell: str) -> str | None:
    if not cell.strip() or len(cell) > 10:
        return None
    if match_key(cell) in match_keys(vocabulary().forms.planned_rows):
        return "target"
    role = kpi_column_roles().get(match_key(cell))
    return role if role in ("target", "actual") else None


def _role_cell(row: Row) -> int | None:
    """The column of the row's 目標 / 実績 cell."""
    return next((c for c, cell in enumerate(row.cells) if _role(cell)), None)


def _figures_by_year(row: Row, after: int, years: dict[int, int]) -> dict[int, Amount]:
    """The figures after a row's role cell, one per year column in order (empty cells keep their place;
    a cell of words between, such as a unit, is passed over): a page that lost a row's merged cells still
    gives its figures in the years' order."""
    values = [cell.strip() for cell in row.cells[after + 1:] if not cell.strip() or is_dash(cell)
              or figure_of(cell)]
    found = {}
    for year, value in zip((years[c] for c in sorted(years)), values):
        amount = figure_of(value)
        if amount is not None:
            found[year] = amount
    return found


def year_kpis(table: Block) -> list[KpiRow]:
    """One KpiRow per indicator and year column with a target figure."""
    header = _year_header(table)
    if header is None:
        return []
    index, years = header
    indicator: tuple[str | None, Row | None] = (None, None)
    targets: list[tuple[str | None, int, Amount, Row]] = []
    actuals: dict[tuple[str | None, int], Amount] = {}
    for row in table.rows[index + 1:]:
        role_column = _role_cell(row)
        limit = role_column if role_column is not None else min(years)
        named = [cell.strip() for cell in row.cells[:limit] if cell.strip() and not figure_of(cell)]
        if named and _QUALIFIER.match(named[0]) and indicator[0]:
            indicator = (indicator[0] + named[0], indicator[1])  # 「1小学校数」 / 「(4月1日現在)」
        elif named:
            indicator = (_TAG.sub("", named[0]) or named[0], row)
        if role_column is None:
            continue
        name, named_row = indicator
        for year, figure in _figures_by_year(row, role_column, years).items():
            if _role(row.cells[role_column]) == "target":
                targets.append((name, year, figure, named_row or row))
            else:
                actuals[(name, year)] = figure
    return [KpiRow(name, (None, None), (year, figure), row, (year, actuals[(name, year)]) if (name, year) in actuals
                   else (None, None)) for name, year, figure, row in targets]
