"""Printed amounts ("1,466件", "概ね100%", "2～3時間", "90%(維持)", "不明") -> number, bounds and unit.

Matching folds full-width digits and brackets (NFKC); the printed text is never changed.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from pipeline.cleaning import fold
from pipeline.patterns import AMOUNT_RANGE_SEPARATOR, DATED_YEAR, ERA_YEAR, NO_AMOUNT, YEAR
from pipeline.vocabulary import vocabulary

# A number, not the digits of a name (「CO2」, 「PM2.5」).
NUMBER = r"(?<![A-ZＡ-Ｚ0-9０-９.,．，])[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?"
RANGE_SEPARATOR = AMOUNT_RANGE_SEPARATOR
# 「4,021人/日」, 「41人/年」: an amount a day, a month or a year, printed after its unit (and 「21施設等」 a 等 after it).
PER_PERIOD = r"(?:\s?[/／](?:年度?|月|週|日))"


@dataclass(frozen=True)
class Amount:
    text: str                 # as printed: the amount found, or the whole text when it has none
    value: float | None       # the number, None for a range or when there is none
    low: float | None = None  # a range's bounds ("2～3時間": 2, 3)
    high: float | None = None
    unit: str | None = None
    approximate: bool = False


@functools.lru_cache(maxsize=1)
def unit_pattern() -> str:
    """The units of [targets] units as alternatives, the longest first."""
    units = sorted(vocabulary().targets.units, key=len, reverse=True)
    return "|".join(regex.escape(u) for u in units)


@functools.lru_cache(maxsize=1)
def amount_pattern() -> regex.Pattern:
    """An amount as printed: optional 約/概ね, a number or a range, a unit, a bracketed note."""
    approx = "|".join(regex.escape(w) for w in vocabulary().targets.approximate)
    return regex.compile(
        rf"(?P<approx>{approx})?\s?(?P<low>{NUMBER})(?:{RANGE_SEPARATOR}(?P<high>{NUMBER}))?"
        rf"\s?(?:(?P<unit>{unit_pattern()}){PER_PERIOD}?等?)?(?P<note>\s?[(（][^()（）]*[)）])?")


@functools.lru_cache(maxsize=1)
def change_sides() -> tuple[regex.Pattern, regex.Pattern]:
    """The two sides of a change 「令和6年度 1,466件 → 令和11年度 1,900件」: a dated amount at the end of the
    text before the arrow, and one at the start of the text after it."""
    # 「― 件/年 → 10件/年」: no figure yet, its unit printed all the same.
    amount = rf"(?:{amount_pattern().pattern}|(?:{NO_AMOUNT})(?:\s?(?:{unit_pattern()}))?)"
    # 「現状(H18):271トン → 目標(H25):268トン」, 「現状(平成28年度)5人 目標(平成35年度)12人」: a side may name itself
    # and give its year in brackets.
    labelled = rf"[(（]\s?(?P<year>{YEAR}(?:\s?年度?)?)\s?[)）]\s?[:：]?\s?"
    # 「R4 1,000件 → R8 5,000件」, 「[H22:79.9人 → H29:70.3人]」: a bare era year, a space or a colon, then the amount.
    bare = rf"(?P<year>{ERA_YEAR})(?:\s|\s?[:：]\s?)"
    # 「41人/年 → 60人/年」: an amount a year.
    per = r"(?:\s?[/／](?:年度?|月|日))?"
    baseline = regex.compile(rf"(?:(?P<year>{DATED_YEAR})\s?|{labelled}|{bare})?(?P<amount>{amount}){per}\s*$")
    # 「㉕-→(㉛10区)」: a goal and its year may stand in brackets.
    # 「109人から毎年500人以上へ」: a goal for every year says so before its amount.
    target = regex.compile(rf"\s*(?:[［\[【]?(?:目標|計画)値?[］\]】]?(?:\s?[:：]\s?|\s?(?=[(（])|\s|(?<=[］\]】])))?"
                           rf"(?:[(（](?=\s?{DATED_YEAR}\s?[約概]?\s?[0-9０-９][^()（）]*[)）]))?"
                           rf"(?:(?P<year>{DATED_YEAR})\s?|{labelled}|{bare})?(?:毎年度?|年間)?\s?(?P<amount>{amount})")
    return baseline, target


def _number(text: str) -> float | None:
    """The number as printed, or None for digits grouped wrongly (「4,0」 cut off at the end of a page, 「3,0000」)."""
    folded = fold(text).rstrip(",")
    groups = folded.split(".")[0].split(",")
    if any(len(group) != 3 for group in groups[1:]):
        return None
    return float(folded.replace(",", ""))


def parse_amount(text: str) -> Amount:
    """The first amount in `text`; an Amount with value None when the text has no number."""
    printed = text.strip()
    m = amount_pattern().search(printed)
    if m is None:
        return Amount(printed, None)
    low = _number(m.group("low"))
    high = _number(m.group("high")) if m.group("high") else None
    unit = m.group("unit")
    if low is None or m.group("high") and high is None:
        return Amount(m.group(0).strip(), None, unit=fold(unit) if unit else None)
    return Amount(m.group(0).strip(), None if high is not None else low, low if high is not None else None, high,
                  fold(unit) if unit else None, bool(m.group("approx")))


# A text that is only a number: 「1,619」, 「約0.5」.
_NUMBER_ONLY = regex.compile(rf"[約]?[-+]?{NUMBER}")


def figure_of(text: str) -> Amount | None:
    """The figure a table cell or a value line is: a number with its unit, or a number alone; None for a
    text that only contains one (「1小学校数」 names an indicator, 「30歳から39歳」 qualifies a value)."""
    text = text.strip()
    amount = parse_amount(text) if text else None
    if amount is None or amount.value is None:
        return None
    return amount if amount.unit or _NUMBER_ONLY.fullmatch(text) else None
