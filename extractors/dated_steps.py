"""Schedules written as lines of 「year: what happens」 rather than as a table:

    H25:設計
    H26:開発・構築
    H27:運用開始

Two or more such lines in a row, each a different year, are one schedule item of the measure (or
section) they stand in, titled with its title; each line is the cell of its year.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.eras import parse_year_label
from pipeline.model import Block
from pipeline.patterns import BULLETS, YEAR

_STEP = regex.compile(rf"^[{BULLETS}]?\s*(?P<year>{YEAR}\s?(?:年度|年)?)\s*[:：]\s*(?P<text>\S.*)$")
MIN_STEPS = 2


@dataclass(frozen=True)
class Step:
    block: Block
    fiscal_year: int
    text: str


def _step(block: Block) -> Step | None:
    m = _STEP.match(block.text.strip()) if block.kind in ("paragraph", "list_item") else None
    year = parse_year_label(regex.sub(r"\s", "", m.group("year"))) if m else None
    return Step(block, year, m.group("text").strip()) if year else None


def step_runs(body: list[Block]) -> list[list[Step]]:
    """The runs of dated steps in a section's body, in order."""
    runs: list[list[Step]] = []
    run: list[Step] = []
    for block in body:
        step = _step(block)
        if step is None or any(s.fiscal_year == step.fiscal_year for s in run):
            if len(run) >= MIN_STEPS:
                runs.append(run)
            run = [step] if step else []
        else:
            run.append(step)
    if len(run) >= MIN_STEPS:
        runs.append(run)
    return runs
