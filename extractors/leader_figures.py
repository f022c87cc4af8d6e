"""Figures joined to their indicator by a dot leader (「行政手続の押印廃止率…98.0%」), as a progress report or a
広報 article prints what a measure has reached: each is a result (actual), of the year the report is of
(「令和5年度までの主な取り組み状況」), not a goal. A leader before a bare number is a 目次 entry's page.
"""
from __future__ import annotations

import functools

import regex

from pipeline.eras import parse_fiscal_year
from pipeline.model import Block, Document
from pipeline.patterns import BULLETS, DATED_YEAR, MORE_BULLETS, TOC_LEADERS
from pipeline.quantities import Amount, figure_of
from pipeline.vocabulary import vocabulary

# 「行政手続の押印廃止率…98.0%」: an indicator, a leader, a figure and at most a short unit.
LEADER_FIGURE = regex.compile(rf"^(?P<indicator>[^…‥]{{2,40}}?)\s*(?:…|‥|{TOC_LEADERS})\s*"
                              rf"(?P<figure>[約]?[0-9０-９][0-9０-９,，.．]*\s?[^\s0-9０-９]{{0,6}})$")


def leader_figure(text: str) -> tuple[str, Amount] | None:
    """(indicator, figure) of a leader line whose figure has a unit; None for any other line."""
    m = LEADER_FIGURE.match(text.strip())
    if m is None:
        return None
    figure = figure_of(m.group("figure"))
    indicator = m.group("indicator").strip().lstrip(_MARKS).strip()  # 「▽窓口の改革交付率」: the item's mark is no part
    return (indicator, figure) if figure is not None and figure.unit else None


_MARKS = f"▽△▼▲{BULLETS}{MORE_BULLETS}"


@functools.lru_cache(maxsize=1)
def _report_year_pattern() -> regex.Pattern:
    words = "|".join(regex.escape(w) for w in vocabulary().targets.report_words)
    return regex.compile(rf"(?P<year>{DATED_YEAR})\s?(?:まで|中)?の?\s?(?:主な)?\s?(?:{words})")


def report_year(doc: Document) -> int | None:
    """The fiscal year a progress report says its figures are of: the first 「<year>(までの)…状況 / 実施結果」 it
    prints."""
    pattern = _report_year_pattern()
    for block in doc.blocks:
        if block.kind == "table":
            continue
        m = pattern.search(block.text)
        if m:
            return parse_fiscal_year(m.group("year"))
    return None


def leader_figures(body: list[Block]) -> list[tuple[Block, str, Amount]]:
    """(block, indicator, figure) of every leader line of a body."""
    found = []
    for block in body:
        if block.kind in ("paragraph", "list_item"):
            read = leader_figure(block.text)
            if read:
                found.append((block, *read))
    return found
