"""A web page's table that a converter printed one cell per line, each cell ended by a line of pipes:

    2001(H13)          the header's year cells …
    |
    2002(H14)
    |
    ||                 two pipes: the end of a cell and an empty cell
    普及率 (%) |       a cell ended on its own line
    目標
    |
    48.0
    |

Lines without a pipe between two pipe lines are one cell. The page does not mark where a row ends: a
row is taken to end before a cell of words that follows a figure, a year or an empty cell (「目標」 after
「普及率 (%)」 stays in its row; 「実績」 after 「60.0 |」 starts one). What this gives is rows of cells in the
page's order, for the extractors that read tables by their words (year_kpis): columns need not line up.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.patterns import ERA_YEAR, GREGORIAN

_PIPES = regex.compile(r"^\s*\|+\s*$")
_ENDED_CELL = regex.compile(r"^(?P<text>.*?\S)\s*\|\s*$")
_FIGURE = regex.compile(r"^[約概]?[-+]?[0-9０-９][0-9０-９,，.．]*\S{0,3}$|^[—－―-]$")
# A year column's cell: 「2001(H13)」, 「2026年度」, 「H27」, 「令和6年度」.
_YEAR = regex.compile(rf"^(?:{GREGORIAN}\s?(?:[(（][^()（）]{{1,8}}[)）]|年度?)?|{ERA_YEAR}\s?年?度?)$")
MIN_RUN_LINES = 12
MIN_PIPE_SHARE = 0.3


@dataclass(frozen=True)
class Cell:
    text: str
    line: int  # the 0-based index of the line it starts on


def is_cell_line(raw: str) -> bool:
    """A pipe line, a line of a cell's text, or a cell's text ended by its pipe (not a row of cells)."""
    return not raw.strip() or bool(_PIPES.match(raw)) or "|" not in raw \
        or raw.count("|") == 1 and bool(_ENDED_CELL.match(raw))


def cell_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of lines in this form: long enough, a large share of them pipe lines."""
    runs, start = [], None
    for index, raw in enumerate(lines + ["| |\t"]):
        if is_cell_line(raw) and index < len(lines):
            start = index if start is None else start
            continue
        if start is not None:
            runs.extend(_trimmed(lines, start, index))
        start = None
    return runs


def _trimmed(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The run from its first pipe line's cell to its last pipe line, if it is one: lines of pipes alone
    make a large share of it (a converter that ends each cell on its own line, 「類 型 |」, is read as open
    rows by the text reader)."""
    pipes = [k for k in range(start, end) if _PIPES.match(lines[k]) or _ENDED_CELL.match(lines[k])]
    if sum(1 for k in pipes if _PIPES.match(lines[k])) < MIN_RUN_LINES * MIN_PIPE_SHARE:
        return []
    first = pipes[0] - 1 if pipes[0] > start and lines[pipes[0] - 1].strip() else pipes[0]
    last = pipes[-1] + 1
    alone = sum(1 for k in range(first, last) if _PIPES.match(lines[k]))
    if last - first < MIN_RUN_LINES or alone < (last - first) * MIN_PIPE_SHARE:
        return []
    return [(first, last)]


def cells_of(lines: list[str], start: int) -> list[Cell]:
    """The cells of a run, in order (an empty cell for each pipe beyond the first on a pipe line)."""
    cells: list[Cell] = []
    text: list[str] = []
    first_line = start
    for index, raw in enumerate(lines, start=start):
        ended = None if _PIPES.match(raw) else _ENDED_CELL.match(raw)
        if ended or _PIPES.match(raw):
            if ended:
                first_line = index if not text else first_line
                text.append(ended.group("text").strip())
            cells.append(Cell("".join(text), first_line if text else index))
            cells.extend(Cell("", index) for _ in range(raw.count("|") - 1))
            text = []
        elif raw.strip():
            first_line = index if not text else first_line
            text.append(raw.strip())
    if text:
        cells.append(Cell("".join(text), first_line))
    return cells


def _is_words(text: str) -> bool:
    return bool(text) and not _FIGURE.match(text) and not _YEAR.match(text)


def rows_of(cells: list[Cell]) -> list[list[Cell]]:
    """Cells in rows: a cell of words after a figure, a year or an empty cell starts a row."""
    rows: list[list[Cell]] = []
    for cell in cells:
        if not rows or _is_words(cell.text) and not _is_words(rows[-1][-1].text):
            rows.append([cell])
        else:
            rows[-1].append(cell)
    return rows
