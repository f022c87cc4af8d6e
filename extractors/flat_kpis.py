"""KPI tables that a PDF-to-text dump or a text edition printed one cell per line:

    目 / 標 / 値 / (2019(H31)年)      a target column's header, its letters on lines of their own, its year
    中心市街地周辺の人口                an indicator
    2,044 人(2014 年)                   its baseline, dated
    2,000 人以上                        its target

or, under a header 「指標 現状 目標」, an indicator, a line or two that explain it, and each figure with its
year in brackets on the line under it (「4,914人」 / 「(令和2年度)」 / 「6,500人」 / 「(令和6年度)」).

Only after a header line naming a KPI column (目標値, 現状値, 成果指標 …) is such a run of lines a row:
without one, such lines are as likely a series of statistics.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.kpi_tables import column_role
from pipeline.eras import parse_year_label, split_trailing_year
from pipeline.model import Block
from pipeline.quantities import Amount, parse_amount
from pipeline.vocabulary import vocabulary

MAX_INDICATOR = 60
MAX_EXPLAINING = 2  # lines between an indicator and its figures that explain it
HEADER_ROLES = ("indicator", "baseline", "current", "actual", "target")
# What may follow a target figure on its line: 「2,000人以上」, 「52万人程度」.
_GOAL_TAIL = regex.compile(r"^\s*(?:以上|以下|未満|程度|超)?\s*$")
# A header cell's year on the line under it: 「(2019(H31)年)」, 「(令和7年度)」.
_BRACKETED = regex.compile(r"^\s*[(（](?P<inside>.+)[)）]\s*$")
_INNER_NOTE = regex.compile(r"[(（][^()（）]*[)）](?=\s*年)")


@dataclass(frozen=True)
class FlatKpi:
    indicator: str
    baseline: tuple[int | None, Amount]
    target: tuple[int | None, Amount]
    block: Block
    raw: str
    lines: tuple[int | None, ...]  # the lines it was printed on
    actual: tuple[int | None, Amount | None] = (None, None)


def _cells(body: list[Block]) -> list[tuple[str, Block, tuple[int | None, ...]]]:
    """The lines of a body as cells (text, first block, lines): a run of one-letter lines joined into the
    word they spell, a figure and the bracketed year on the line under it into one dated figure."""
    cells: list[tuple[str, Block, tuple[int | None, ...], bool]] = []
    for block in body:
        text = block.text.strip()
        letter = block.kind == "paragraph" and len(text) == 1
        if letter and cells and cells[-1][3]:
            joined, first, lines, _letter = cells[-1]
            cells[-1] = (joined + text, first, lines + (block.line,), True)
        elif cells and _BRACKETED.match(text) and _figure(cells[-1][0], _GOAL_TAIL) is not None \
                and split_trailing_year(cells[-1][0] + text)[1] is not None:
            joined, first, lines, _letter = cells[-1]
            cells[-1] = (joined + text, first, lines + (block.line,), False)
        elif (glued := _NAME_THEN_FIGURE.match(text)) and _figure(glued.group("figure"), _GOAL_TAIL) is not None:
            # 「毎朝、朝食を食べる子どもの割合 90.3%」: the indicator's cell and its first figure on one line
            cells.append((glued.group("name"), block, (block.line,), False))
            cells.append((glued.group("figure"), block, (block.line,), False))
        else:
            cells.append((text, block, (block.line,), letter))
    return [(text, block, lines) for text, block, lines, _letter in cells]


# An indicator's name ending in a word, a space, and a figure with its unit.
_NAME_THEN_FIGURE = regex.compile(r"^(?P<name>\S.{1,58}[^\s0-9０-９])\s+(?P<figure>[約]?[0-9０-９][0-9０-９,，.．]*\s?[^\s0-9０-９]{1,4})$")


def _header_line_role(text: str) -> str | None:
    """「指標 現状 目標」: a table's header printed on one line, its column names apart: the last one's role."""
    words = text.split()
    roles = [column_role(word) for word in words]
    return roles[-1] if len(words) >= 2 and all(role in HEADER_ROLES for role in roles) else None


def _header_year(text: str) -> int | None:
    m = _BRACKETED.match(text)
    return parse_year_label(_INNER_NOTE.sub("", m.group("inside"))) if m else None


def _figure(text: str, tail: regex.Pattern) -> Amount | None:
    amount = parse_amount(text)
    if amount.value is None or not text.startswith(amount.text[:1]):
        return None
    return amount if tail.match(text[len(amount.text):]) else None


def _explains(text: str) -> bool:
    """A line under an indicator that explains it (a sentence, a note): no figure cell."""
    return _figure(text, _GOAL_TAIL) is None and _dated_figure(text) is None


def _row(cells: list[tuple[str, Block, tuple]], target_year: int | None, values: int = 2) -> tuple[FlatKpi, int] | None:
    """The row that starts at cells[0], and how many cells it takes: the indicator, at most MAX_EXPLAINING
    lines explaining it, the dated baseline, the dated present value where the header names one between
    them (`values` 3: 計画策定時の値 | 現状値 | 目標値), the target (a figure, or a direction: 「増加」)."""
    indicator, block, first_lines = cells[0]
    if block.kind not in ("paragraph", "list_item") or not 2 <= len(indicator) <= MAX_INDICATOR \
            or indicator.endswith("。") or not _explains(indicator) or _BRACKETED.match(indicator):
        return None
    skip = 0
    while skip < MAX_EXPLAINING and 1 + skip + values <= len(cells) and _explains(cells[1 + skip][0]):
        skip += 1
    if 1 + skip + values > len(cells):
        return None
    figures = cells[1 + skip:1 + skip + values]
    read = _figures(figures, target_year)
    if read is None:
        return None
    taken = 1 + skip + values
    lines = tuple(line for cell in cells[:taken] for line in cell[2])
    baseline, actual, target = read
    return FlatKpi(indicator, baseline, target, block, " | ".join((indicator, *(cell[0] for cell in figures))),
                   lines, actual), taken


def _figures(figures: list[tuple[str, Block, tuple]], target_year: int | None) -> tuple | None:
    """(baseline, actual, target), each (year, amount), of a row's figure cells: the first is the dated
    baseline, a middle one the dated present value, the last the target; None when they are no such row."""
    baseline_year, baseline = _dated_figure(figures[0][0]) or (None, None)
    actual = _dated_figure(figures[1][0]) if len(figures) == 3 else (None, None)
    printed, goal_year = split_trailing_year(figures[-1][0])
    target = _figure(printed, _GOAL_TAIL) or _direction(printed)
    if baseline is None or target is None or actual is None or target.value is not None and baseline.unit != target.unit:
        return None
    return (baseline_year, baseline), actual, (goal_year or target_year, target)


def _direction(text: str) -> Amount | None:
    """A target that names a direction, not a figure (「増加」): its text, no value."""
    return Amount(text.strip(), None) if text.strip() in vocabulary().targets.directions else None


def _dated_figure(text: str) -> tuple[int, Amount] | None:
    printed, year = split_trailing_year(text)
    figure = _figure(printed, _GOAL_TAIL) if year else None
    return (year, figure) if figure is not None else None


def flat_kpis(body: list[Block]) -> tuple[list[FlatKpi], set[int | None]]:
    """Every indicator / dated baseline / target run of lines after a KPI column's header in a body, and
    the lines they and their header were printed on (none when no row was found)."""
    cells = _cells(body)
    found: list[FlatKpi] = []
    header_lines: set[int | None] = set()
    header_seen, target_year = False, None
    value_roles: list[str] = []
    index = 0
    while index < len(cells):
        text, _block, lines = cells[index]
        role = column_role(text) or _header_line_role(text)
        if role in HEADER_ROLES:
            header_seen = True
            header_lines.update(lines)
            value_roles.append(role)
            year = _header_year(cells[index + 1][0]) if role == "target" and index + 1 < len(cells) else None
            if year is not None:
                target_year = year
                header_lines.update(cells[index + 1][2])
        elif header_seen and index + 2 < len(cells):
            values = 3 if "baseline" in value_roles and {"current", "actual"} & set(value_roles) else 2
            row = _row(cells[index:index + 2 + values + MAX_EXPLAINING], target_year, values)
            if row is not None:
                found.append(row[0])
                index += row[1]
                continue
        index += 1
    return found, (header_lines | {line for kpi in found for line in kpi.lines}) if found else set()
