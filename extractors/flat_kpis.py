"""KPI tables that a PDF-to-text dump printed one cell per line:

    目 / 標 / 値 / (2019(H31)年)      a target column's header, its letters on lines of their own, its year
    中心市街地周辺の人口                an indicator
    2,044 人(2014 年)                   its baseline, dated
    2,000 人以上                        its target

Only after a header line naming a KPI column (目標値, 現状値, 成果指標 …) is such a run of three lines a row:
without one, three such lines are as likely a series of statistics.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.kpi_tables import column_role
from pipeline.eras import parse_year_label, split_trailing_year
from pipeline.model import Block
from pipeline.quantities import Amount, parse_amount

MAX_INDICATOR = 60
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
    lines: tuple[int | None, ...]  # the three lines it was printed on


def _cells(body: list[Block]) -> list[tuple[str, Block, tuple[int | None, ...]]]:
    """The lines of a body as cells (text, first block, lines), a run of one-letter lines joined into the
    word they spell."""
    cells: list[tuple[str, Block, tuple[int | None, ...], bool]] = []
    for block in body:
        letter = block.kind == "paragraph" and len(block.text.strip()) == 1
        if letter and cells and cells[-1][3]:
            text, first, lines, _letter = cells[-1]
            cells[-1] = (text + block.text.strip(), first, lines + (block.line,), True)
        else:
            cells.append((block.text.strip(), block, (block.line,), letter))
    return [(text, block, lines) for text, block, lines, _letter in cells]


def _header_year(text: str) -> int | None:
    m = _BRACKETED.match(text)
    return parse_year_label(_INNER_NOTE.sub("", m.group("inside"))) if m else None


def _figure(text: str, tail: regex.Pattern) -> Amount | None:
    amount = parse_amount(text)
    if amount.value is None or not text.startswith(amount.text[:1]):
        return None
    return amount if tail.match(text[len(amount.text):]) else None


def _row(cells: list[tuple[str, Block, tuple]], target_year: int | None) -> FlatKpi | None:
    (indicator, block, _), (baseline_text, baseline_block, _), (target_text, target_block, _) = cells
    if block.kind not in ("paragraph", "list_item") or not 2 <= len(indicator) <= MAX_INDICATOR \
            or indicator.endswith("。") or parse_amount(indicator).value is not None:
        return None
    printed, baseline_year = split_trailing_year(baseline_text)
    baseline = _figure(printed, _GOAL_TAIL) if baseline_year else None
    target = _figure(target_text, _GOAL_TAIL)
    if baseline is None or target is None or baseline.unit != target.unit:
        return None
    return FlatKpi(indicator, (baseline_year, baseline), (target_year, target), block,
                   " | ".join((indicator, baseline_text, target_text)), (block.line, baseline_block.line, target_block.line))


def flat_kpis(body: list[Block]) -> tuple[list[FlatKpi], set[int | None]]:
    """Every indicator / dated baseline / target run of lines after a KPI column's header in a body, and
    the lines they and their header were printed on (none when no row was found)."""
    cells = _cells(body)
    found: list[FlatKpi] = []
    header_lines: set[int | None] = set()
    header_seen, target_year = False, None
    index = 0
    while index < len(cells):
        text, _block, lines = cells[index]
        role = column_role(text)
        if role in HEADER_ROLES:
            header_seen = True
            header_lines.update(lines)
            year = _header_year(cells[index + 1][0]) if role == "target" and index + 1 < len(cells) else None
            if year is not None:
                target_year = year
                header_lines.update(cells[index + 1][2])
        elif header_seen and index + 2 < len(cells):
            row = _row(cells[index:index + 3], target_year)
            if row is not None:
                found.append(row)
                index += 3
                continue
        index += 1
    return found, (header_lines | {line for kpi in found for line in kpi.lines}) if found else set()
