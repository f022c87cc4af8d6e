"""Tables printed with nothing between their cells (the text layer of an e-book or a web page) -> their rows.

A KPI table: 「…成果指標一覧…策定時の値(2015年度)中間目標(2019年度)目標値(2023年度)…人の割合…が増えます。
70.7%(2012年度)73%75%1日に30分以上歩く人の割合…」. The header is a run of two or more glued columns that each
name a value (a KPI column word, a short qualifier before it: 中間目標) and print their year in brackets; each
row is the text printed before a run of as many figures with their units as the header has value columns.
The text stays whole in the row's first cell (its indicator and the sentence explaining it, which nothing
printed separates); a run of fewer figures is part of the text (「1日に30分以上」).

A table by fiscal year (glued_year_header, glued_year_row): 「平成(年度)25262728293031担当課」 over rows such as
「1小学校の統廃合の推進実施実施実施実施   学校教育課」, split into a title, a cell a year and a last cell.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from pipeline.quantities import NUMBER, unit_pattern
from pipeline.vocabulary import vocabulary


@dataclass(frozen=True)
class GluedTableSettings:
    min_length: int = 200        # a line this long at least, with almost no spaces
    max_spaces_per_100_chars: float = 2.0
    min_value_columns: int = 2
    max_qualifier: int = 4       # 中間 in 中間目標(2019年度), between one column and the next


@functools.lru_cache(maxsize=1)
def _column_pattern() -> regex.Pattern:
    """A value column's word and its bracketed year: 「策定時の値(2015年度)」, 「目標(2019年度)」."""
    kpi = vocabulary().kpi_tables
    words = sorted({*kpi.baseline, *kpi.current, *kpi.actual, *kpi.target}, key=len, reverse=True)
    return regex.compile(rf"(?:{'|'.join(map(regex.escape, words))})(?:の?値)?\s?[(（](?P<year>[^()（）]{{2,12}}?年度?)[)）]")


@functools.lru_cache(maxsize=1)
def _figure_pattern() -> regex.Pattern:
    """A figure with its unit and, glued to it, the year it is of: 「70.7%(2012年度)」, 「1,137,343人」."""
    return regex.compile(rf"[約]?{NUMBER}(?:{unit_pattern()})(?:[(（][^()（）]{{2,12}}年度?[)）])?")


# What no qualifier between two glued columns holds: a space, a digit, a sentence's punctuation.
_NO_QUALIFIER = regex.compile(r"[\s\d。、]")


def _header(text: str, settings: GluedTableSettings) -> tuple[int, int, list[str]] | None:
    """(start, end, cells) of the first run of glued value columns, or None."""
    run: list[regex.Match] = []
    for m in _column_pattern().finditer(text):
        if run and m.start() - run[-1].end() <= settings.max_qualifier \
                and not _NO_QUALIFIER.search(text[run[-1].end():m.start()]):
            run.append(m)
            continue
        if len(run) >= settings.min_value_columns:
            break
        run = [m]
    if len(run) < settings.min_value_columns:
        return None
    starts = [run[0].start()] + [previous.end() for previous in run[:-1]]
    return run[0].start(), run[-1].end(), [text[a:m.end()] for a, m in zip(starts, run)]


def is_glued_table(text: str, settings: GluedTableSettings = GluedTableSettings()) -> bool:
    """A long line with almost no spaces that holds the header of a glued KPI table."""
    stripped = text.strip()
    if len(stripped) < settings.min_length or "\t" in stripped or "|" in stripped:
        return False
    if len(regex.findall(r"\s+", stripped)) * 100 > settings.max_spaces_per_100_chars * len(stripped):
        return False
    return _header(stripped, settings) is not None


def split_glued_table(text: str, settings: GluedTableSettings = GluedTableSettings()) -> list[str | tuple[str, ...]]:
    """The pieces of a glued table in order: the text before its header, the header row (an empty first
    cell over the indicators), a row per indicator, and what follows the last row as text."""
    text = text.strip()
    found = _header(text, settings)
    if found is None:
        return [text]
    start, end, columns = found
    pieces: list[str | tuple[str, ...]] = [text[:start].strip()] if text[:start].strip() else []
    pieces.append(("", *columns))
    rest = text[end:]
    width = len(columns)
    row_start = 0
    for run in _figure_runs(rest):
        if len(run) < width or not rest[row_start:run[0].start()].strip():
            continue
        pieces.append((rest[row_start:run[0].start()].strip(), *(m.group(0) for m in run[:width])))
        row_start = run[width - 1].end()
    if rest[row_start:].strip():
        pieces.append(rest[row_start:].strip())
    return pieces


def _figure_runs(text: str) -> list[list[regex.Match]]:
    """Figures printed one right after another, each run in order."""
    runs: list[list[regex.Match]] = []
    for m in _figure_pattern().finditer(text):
        if runs and runs[-1][-1].end() == m.start():
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


# A table by fiscal year printed with nothing between its cells (an HTML table's text):
#   平成(年度)25262728293031担当課                      the corner naming the years, the years, a last column
#   1小学校の統廃合の推進実施実施実施実施   学校教育課       a title, a cell a year (a space when empty), the last cell
#   計画--24校24校21校21校21校学校教育課                 a row of figures, 「-」 where none
_YEAR_HEADER = regex.compile(r"^(?P<corner>[^\s0-9]{0,8}年度?[)）]?)(?P<years>(?:[0-9]{2}){3,})(?P<last>[^\s0-9]*)$")


def glued_year_header(text: str) -> tuple[str, list[str], str] | None:
    """(corner, years as printed, last column) of a header whose two-digit years run on without a break, each
    one more than the one before (「平成(年度)25262728293031担当課」), or None."""
    m = _YEAR_HEADER.match(text.strip())
    if m is None:
        return None
    years = [m.group("years")[i:i + 2] for i in range(0, len(m.group("years")), 2)]
    if any(int(b) != int(a) + 1 for a, b in zip(years, years[1:])):
        return None
    return m.group("corner"), years, m.group("last")


@functools.lru_cache(maxsize=1)
def _glued_cell() -> str:
    """A schedule cell or a figure of a glued row: a step (実施), an arrow, a dash, a mark, a figure with its
    unit, or one space (an empty cell)."""
    statuses = vocabulary().statuses
    words = sorted({w for ws in statuses.steps.values() for w in ws} | set(statuses.arrows) | set(statuses.dashes)
                   | set(statuses.marks), key=len, reverse=True)
    return rf"(?:{'|'.join(map(regex.escape, words))}|{NUMBER}(?:{unit_pattern()})| )"


@functools.lru_cache(maxsize=16)
def _glued_row(columns: int) -> regex.Pattern:
    # The longest title that leaves a cell a year: a title never ends inside a figure (「実績2」 / 「4校」).
    return regex.compile(rf"^(?P<title>\S(?:.*[^0-9０-９,，.．])?)(?P<cells>(?:{_glued_cell()}){{{columns}}})(?P<last>\S*)$")


def glued_year_row(text: str, columns: int) -> tuple[str, ...] | None:
    """The cells of a row under a glued year header: its title, a cell a year (「」 where a space stands for an
    empty one) and its last cell; None for a line that is no such row."""
    m = _glued_row(columns).match(text.rstrip("\n"))
    if m is None:
        return None
    cells = regex.findall(_glued_cell(), m.group("cells"))
    if len(cells) != columns:
        return None
    return (m.group("title"), *(c.strip() for c in cells), m.group("last"))
