"""KPIs printed as label / value pairs between 「、」, as a screen-reader edition (テキスト版) reads a table
row aloud:

    生き活き指標、介護予防のための通いの場への参加率            the indicator: a label naming one, its name
    現況ちの時点、令和4年度(2022年度)、現況ち、6.4%、目標ち、8.0%    its values: KPI column words and values

The labels are the [kpi_tables] words of vocabulary.toml, a short qualifier before them allowed (生き活き
指標); such an edition's own spellings (値 printed ち, as it is to be read aloud) are words there too.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.kpi_tables import qualified_column_role
from pipeline.eras import parse_year_label
from pipeline.model import Block
from pipeline.patterns import SPAN_OF_TIME
from pipeline.quantities import Amount, parse_amount

SEPARATOR = "、"
MAX_LABEL = 12


@dataclass(frozen=True)
class PairedKpi:
    indicator: str
    baseline: tuple[int | None, Amount | None]
    target: tuple[int | None, Amount | None]
    actual: tuple[int | None, Amount | None]
    block: Block
    raw: str
    lines: tuple[int | None, ...]


def _role(label: str) -> str | None:
    return qualified_column_role(label) if len(label) <= MAX_LABEL else None


def _indicator(block: Block) -> str | None:
    """The name on a line 「<label naming an indicator>、<name>」."""
    label, _, name = block.text.strip().partition(SEPARATOR)
    return name.strip() if name.strip() and _role(label) == "indicator" else None


def _pairs(block: Block) -> dict[str, str] | None:
    """role -> value of a line of column-word / value pairs, or None."""
    parts = [part.strip() for part in block.text.strip().split(SEPARATOR)]
    if len(parts) < 4 or len(parts) % 2:
        return None
    found: dict[str, str] = {}
    for label, value in zip(parts[::2], parts[1::2]):
        role = _role(label)
        if role is None or not value:
            return None
        found.setdefault(role, value)
    if "current" in found:
        found.setdefault("baseline", found.pop("current"))
    return found if "target" in found and "baseline" in found else None


def _amount(text: str | None) -> Amount | None:
    """The figure of a value; 「1年当たり415人」, 「4年間累計1,825人」: the span of time is no figure."""
    if not text:
        return None
    figure = parse_amount(regex.sub(SPAN_OF_TIME, lambda m: " " * len(m.group(0)), text))
    return Amount(text, figure.value, figure.low, figure.high, figure.unit, figure.approximate)


def _year(text: str | None) -> int | None:
    return parse_year_label(text) if text else None


def paired_kpis(body: list[Block]) -> list[PairedKpi]:
    """Every indicator line followed by a line of its values."""
    found = []
    for block, below in zip(body, body[1:]):
        name = _indicator(block) if block.kind == "paragraph" else None
        values = _pairs(below) if name and below.kind == "paragraph" else None
        if values is None:
            continue
        found.append(PairedKpi(
            name, (_year(values.get("baseline_year")), _amount(values["baseline"])),
            (_year(values.get("target_year")), _amount(values["target"])),
            (None, _amount(values.get("actual"))), block,
            f"{block.text.strip()} | {below.text.strip()}", (block.line, below.line)))
    return found
