"""A KPI row flattened onto one line, its year columns first and their values after them:

    放課後等デイサービス事業を利用する児童・生徒の割合 平成25 年度実績 平成 26 年度実績 … 平成 29 年度目標 11% 28% … 61%

Each column is a year with what its figure is (実績, 目標, 計画, 見込); the figures follow in the columns'
order. The first of several 実績 is the baseline, the last the actual value; each 目標 / 計画 column with a
figure is a target (見込, a forecast, is neither). A series of 実績 alone is an indicator with no target
printed: one KPI whose target is empty.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.eras import parse_fiscal_year
from pipeline.patterns import ERA_YEAR, GREGORIAN
from pipeline.quantities import Amount, parse_amount

_COLUMN = regex.compile(rf"(?P<year>(?:{ERA_YEAR}|{GREGORIAN})\s?(?:年度|年)?末?)\s?"
                        r"(?P<kind>実績値?|目標値?|計画値?|見込み?値?)")
_NO_FIGURE = regex.compile(r"^[-—－―]$")
_SPACE = regex.compile(r"\s")
MIN_COLUMNS = 2


@dataclass(frozen=True)
class SeriesKpi:
    indicator: str
    baseline: tuple[int | None, Amount] | None
    actual: tuple[int | None, Amount | None]
    target: tuple[int | None, Amount | None]


def _column_run(text: str) -> list[regex.Match]:
    """The first run of at least two year columns printed one after another."""
    run: list[regex.Match] = []
    for m in _COLUMN.finditer(text):
        if run and text[run[-1].end():m.start()].strip():
            if len(run) >= MIN_COLUMNS:
                break
            run = []
        run.append(m)
    return run if len(run) >= MIN_COLUMNS else []


def _figures(text: str, count: int) -> list[Amount | None] | None:
    """The first `count` figures of text, each a number as printed (「11%」, 「1,000件」) or a dash."""
    tokens = text.split()[:count]
    if len(tokens) < count:
        return None
    figures: list[Amount | None] = []
    for token in tokens:
        amount = parse_amount(token)
        if amount.value is not None and amount.text == token:
            figures.append(amount)
        elif _NO_FIGURE.match(token):
            figures.append(None)
        else:
            return None
    return figures


def series_kpis(text: str) -> list[SeriesKpi]:
    """The targets of a line holding a year series (see the module's note); [] when it holds none."""
    run = _column_run(text)
    figures = _figures(text[run[-1].end():], len(run)) if run else None
    indicator = text[:run[0].start()].strip() if run else ""
    if figures is None or not indicator:
        return []
    actuals, targets = [], []
    for column, figure in zip(run, figures):
        year = parse_fiscal_year(_SPACE.sub("", column.group("year")))
        if figure is not None and column.group("kind").startswith("実績"):
            actuals.append((year, figure))
        elif figure is not None and column.group("kind").startswith(("目標", "計画")):
            targets.append((year, figure))
    baseline = actuals[0] if len(actuals) > 1 else None
    actual = actuals[-1] if actuals else (None, None)
    return [SeriesKpi(indicator, baseline, actual, target) for target in targets or [(None, None)]]
