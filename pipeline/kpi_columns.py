"""The column a KPI table's header cell names: its role (indicator, baseline, current, actual, target, a
year, …) from the [kpi_tables] words of vocabulary.toml, and the fiscal year printed with it. A pure function
of the cell's text, asked of the same cells by every extractor that reads tables: the answer is kept."""
from __future__ import annotations

import functools

import regex

from pipeline.eras import parse_fiscal_year, parse_year_label
from pipeline.patterns import ERA, YEAR
from pipeline.vocabulary import kpi_column_roles, match_key

# The part of a header cell that dates the column: 「（2023年度）」, 「(R5)」, 「 2022年」.
_HEADER_YEAR = regex.compile(rf"\s*(?:[(（]\s*(?P<bracketed>[^()（）]+?)\s*[)）]|(?P<bare>{ERA}?\s?[0-9０-９]{{1,4}}\s?年度?末?))\s*$")
# A cell that is only a year: the column of a year-by-year KPI table (R6年度末, 令和7年度, 2026年度).
_YEAR_CELL = regex.compile(rf"^\s*{YEAR}\s?(?:年度?)?\s?末?\s*$")
# 「平成 25 (基準値)」: a year column whose role is printed after it in brackets; 「平成13年実績」 without.
_YEAR_THEN_ROLE = regex.compile(r"^\s*(?P<year>.+?)\s*[(（]\s*(?P<role>[^()（）]+?)\s*[)）]\s*$")
_YEAR_THEN_WORD = regex.compile(rf"^\s*(?P<year>{YEAR}\s?(?:年度?)?\s?末?)\s*(?P<role>[^\s0-9０-９()（）]+)\s*$")
# 「5ヵ年目標」, 「10年後の目標」: a target column dated by the plan's length, not by a year.
_PERIOD = regex.compile(r"^[0-9０-９]{1,2}\s?[かヵカヶケ箇]?年(?:間|後)?の?")
_BARE_YEAR = regex.compile(rf"^{YEAR}\s?(?:年度?)?\s?末?$")

# 「中間年度の目標 2014年 (数値は平成25年度末)」: a column's name, its year, a note on the figures in brackets.
_YEAR_AND_NOTE = regex.compile(rf"^(?P<word>[^\s0-9０-９()（）]+)\s?(?P<year>{YEAR}\s?年度?末?)\s?[(（](?P<note>[^()（）]+)[)）]$")
# 「中間年度の目標」, 「計画の目標」: a goal column named with what it is the goal of.
_GOAL_OF = regex.compile(r"^[^\s0-9０-９]{1,8}の目標$")


VALUE_ROLES = ("baseline", "current", "actual", "target")


def _value_role(word: str) -> str | None:
    role = kpi_column_roles().get(match_key(word))
    if role in VALUE_ROLES:
        return role
    return "target" if _GOAL_OF.match(word) else None


# Longer than any column name with its year: no header cell (and never handed to SudachiPy whole).
MAX_HEADER_CELL = 40


@functools.lru_cache(maxsize=8192)
def header_column(cell: str) -> tuple[str, int | None] | None:
    """(role, fiscal year of the column or None) of a KPI header cell, or None for any other cell.
    A cell that is only a year is role "year"."""
    cell = cell.strip()
    if not cell or len(cell) > MAX_HEADER_CELL:
        return None
    role = kpi_column_roles().get(match_key(cell))
    if role:
        return role, None
    period = _PERIOD.match(cell)
    if period and kpi_column_roles().get(match_key(cell[period.end():])) == "target":
        return "target", None
    if _YEAR_CELL.match(cell):
        year = parse_year_label(cell.rstrip("末 "))
        return ("year", year) if year else None
    return _dated_value_column(cell) or _year_first_column(cell)


def _dated_value_column(cell: str) -> tuple[str, int | None] | None:
    """「現状値(2023年度)」, 「目標 2022年」; 「現況 2002年 (数値は平成14年度末)」: the figures are of the fiscal year the
    note dates, if it dates one."""
    noted = _YEAR_AND_NOTE.match(cell)
    if noted and _value_role(noted.group("word")):
        return _value_role(noted.group("word")), parse_fiscal_year(noted.group("note")) or parse_year_label(noted.group("year"))
    dated = _HEADER_YEAR.search(cell)
    if dated and dated.start() > 0:
        role = kpi_column_roles().get(match_key(cell[: dated.start()]))
        if role in VALUE_ROLES:
            return role, parse_year_label(dated.group("bracketed") or dated.group("bare"))
    return None


def _year_first_column(cell: str) -> tuple[str, int | None] | None:
    """「平成 25 (基準値)」, 「平成13年実績」, 「平成26年度 数値目標」."""
    for year_first in (_YEAR_THEN_ROLE.match(cell), _YEAR_THEN_WORD.match(cell)):
        if year_first and _BARE_YEAR.match(year_first.group("year")):
            role = kpi_column_roles().get(match_key(year_first.group("role")))
            if role == "indicator" and "目標" in year_first.group("role"):
                role = "target"  # 「平成26年度 数値目標」: a column dated by its year holds that year's goals, no names
            if role in VALUE_ROLES:
                return role, parse_year_label(year_first.group("year"))
    return None
