"""Schedules written as lines of 「year: what happens」 rather than as a table:

    H25:設計
    H26:開発・構築
    H27:運用開始

Two or more such lines in a row, each a different year, are one schedule item of the measure (or
section) they stand in, titled with its title; each line is the cell of its year. A year followed by a space
and a short step (「・令和5年度 タブレット導入」) is such a line too, and a line of two or more such steps
(「令和5年度：検討　令和6年度：試行」, 「R5 検討 → R6 導入 → R7 運用」) is a run of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.eras import parse_year_label
from pipeline.model import Block
from pipeline.patterns import ARROW, BULLETS, YEAR

MAX_STEP = 30  # characters of a step printed after its year

_STEP = regex.compile(rf"^[{BULLETS}]?\s*(?P<year>{YEAR}\s?(?:年度|年)?)\s*[:：]\s*(?P<text>\S.*)$")
# 「・令和5年度 タブレット導入」: a dated year, a space, a short step that is no sentence.
_SPACED_STEP = regex.compile(rf"^[{BULLETS}]?\s*(?P<year>{YEAR}\s?年度)[ \u3000]+(?!{YEAR})(?P<text>[^、。\s]{{1,{MAX_STEP}}})$")
# One of several steps on a line: 「令和5年度：検討」, 「R6 導入」, 「【R7】導入」, each after the line's start, a space, an
# arrow, 「、」 or 「／」.
_BETWEEN_STEPS = rf"[ \u3000、，,／/]|{ARROW}"
_STEP_IN_LINE = regex.compile(rf"(?:^|{_BETWEEN_STEPS})\s*[【\[［]?(?P<year>{YEAR}\s?(?:年度|年)?)[】\]］]?\s*[:：]?[ \u3000]*"
                              rf"(?!{YEAR}|[年度])(?P<text>[^ \u3000→⇒➡、，,／/。:：【】\[\]［］]{{1,{MAX_STEP}}})"
                              rf"(?={_BETWEEN_STEPS}|$)")
MIN_STEPS = 2


@dataclass(frozen=True)
class Step:
    block: Block
    fiscal_year: int
    text: str


def _step(block: Block) -> Step | None:
    if block.kind not in ("paragraph", "list_item"):
        return None
    m = _STEP.match(block.text.strip()) or _SPACED_STEP.match(block.text.strip())
    year = parse_year_label(regex.sub(r"\s", "", m.group("year"))) if m else None
    return Step(block, year, m.group("text").strip()) if year else None


def _steps_in_line(block: Block) -> list[Step]:
    """The steps of a line that prints two or more, each a different year, and nothing else."""
    if block.kind not in ("paragraph", "list_item"):
        return []
    text = block.text.strip()
    found = list(_STEP_IN_LINE.finditer(text))
    years = [parse_year_label(regex.sub(r"\s", "", m.group("year"))) for m in found]
    covered = sum(len(regex.sub(r"\s", "", m.group(0))) for m in found)
    if len(found) < MIN_STEPS or None in years or len(set(years)) < len(years) \
            or covered < len(regex.sub(r"\s", "", regex.sub(r"^[\s・●○-]+", "", text))):
        return []
    return [Step(block, year, m.group("text")) for m, year in zip(found, years)]


def step_runs(body: list[Block]) -> list[list[Step]]:
    """The runs of dated steps in a section's body, in order."""
    runs: list[list[Step]] = []
    run: list[Step] = []
    for block in body:
        in_line = _steps_in_line(block)
        if in_line:
            if len(run) >= MIN_STEPS:
                runs.append(run)
            runs.append(in_line)
            run = []
            continue
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
