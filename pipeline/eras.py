"""Japanese dates and fiscal years -> Gregorian fiscal years (a fiscal year runs April to March)."""
from __future__ import annotations

import functools
import unicodedata

import regex

from pipeline.patterns import CIRCLED_YEAR, DATE_RANGE_SEPARATOR, DIGIT, ERA, GREGORIAN

ERA_BASE = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}
ERA_NAMES = {"令和": "令和", "R": "令和", "平成": "平成", "H": "平成", "昭和": "昭和", "S": "昭和"}
# The last year each era reached (for telling a bare year's era from context).
ERA_LAST_YEAR = {"令和": None, "平成": 31, "昭和": 64}

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_NUM = r"(?:[0-9]+|元|[一二三四五六七八九十〇]+)"
ERA_YEAR = regex.compile(
    rf"(?P<era>令和|平成|昭和|(?<![A-Za-z])[RHS](?=\s?[0-9]))\s?(?P<year>{_NUM})\s?"
    rf"(?:[(（]\s?(?P<greg>[0-9]{{4}})\s?(?:年度?)?\s?[)）])?\s?"
    rf"(?:(?P<nendo>年度)|年\s?(?:(?P<month>[0-9]{{1,2}})\s?月)?|[.．]\s?(?P<month2>[0-9]{{1,2}})(?![0-9]))"
    rf"(?:\s?[(（]\s?[0-9]{{4}}\s?(?:年度?)?\s?[)）])?"
)
GREGORIAN_YEAR = regex.compile(
    # 「2030(令和12)年度」: the era's year in brackets between the year and 年度
    r"(?<![0-9])(?P<greg>(?:19|20)[0-9]{2})\s?(?:[(（]\s?(?:令和|平成|昭和|[RHS])\s?(?:[0-9]{1,2}|元)\s?[)）]\s?)?"
    r"(?:(?P<nendo>年度)|年\s?(?:(?P<month>[0-9]{1,2})\s?月)?)"
)
BARE_FISCAL_YEAR = regex.compile(r"^\s*(?P<year>[0-9]{1,2})\s?年度\s*$")
_CIRCLED_YEAR = regex.compile(CIRCLED_YEAR)


def kanji_number(text: str) -> int:
    """'元' -> 1, '十二' -> 12, '五' -> 5, '12' -> 12 (digits already ASCII)."""
    if text == "元":
        return 1
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (_KANJI_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _KANJI_DIGITS[ch]
    return value


class _AsciiDigits(dict):
    """str.translate table: a digit (０-９, ①, ²) to its NFKC form, any other character to itself; filled
    as characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch
        return self[code]


_ASCII_DIGITS = _AsciiDigits()


def _ascii_digits(text: str) -> str:
    return text.translate(_ASCII_DIGITS)


def era_to_gregorian(era: str, year: int) -> int:
    return ERA_BASE[era] + year


def fiscal_year_of(year: int, month: int | None) -> int:
    """The fiscal year containing a calendar month (January–March belong to the year before)."""
    if month is not None and 1 <= month <= 3:
        return year - 1
    return year


@functools.lru_cache(maxsize=16384)
def parse_fiscal_year(text: str, default_era: str | None = None) -> int | None:
    """The first fiscal year printed in `text`, or None.

    令和5年度 -> 2023; 令和5(2023)年度 -> 2023; R4年度 -> 2022; 令和元年度 -> 2019;
    平成27年度 -> 2015; 2023年度 -> 2023; 令和8年3月 -> 2025 (March ends FY2025);
    a bare 27年度 uses default_era ("平成" in a Heisei plan).
    """
    text = _ascii_digits(text)
    m = ERA_YEAR.search(text)
    if m:
        gregorian = era_to_gregorian(m.group("era"), kanji_number(m.group("year")))
        month = m.group("month") or m.group("month2")
        return fiscal_year_of(gregorian, int(month) if month else None)
    m = GREGORIAN_YEAR.search(text)
    if m:
        month = m.group("month")
        return fiscal_year_of(int(m.group("greg")), int(month) if month else None)
    m = BARE_FISCAL_YEAR.match(text)
    if m and default_era:
        return era_to_gregorian(default_era, int(m.group("year")))
    return None


def circled_year(mark: str, era: str | None) -> int | None:
    """The fiscal year a circled number stands for in a plan of `era`: ㉕ in a Heisei plan -> 2013."""
    if era is None or not _CIRCLED_YEAR.fullmatch(mark):
        return None
    return era_to_gregorian(era, int(unicodedata.numeric(mark)))


def dominant_era(text: str) -> str | None:
    """The era a document writes its dates in (for bare years such as 27年度), or None."""
    counts: dict[str, int] = {}
    for m in ERA_YEAR.finditer(_ascii_digits(text)):
        name = ERA_NAMES[m.group("era")]
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.get)


RANGE_SEPARATOR = DATE_RANGE_SEPARATOR
_RANGE_SEPARATOR = regex.compile(RANGE_SEPARATOR)
_YEAR_LABEL = regex.compile(rf"\s*(?:{ERA}\s?{DIGIT}{{1,2}}|{GREGORIAN})\s*")


def find_fiscal_year_ranges(text: str) -> list[tuple[int, int, int, int]]:
    """Every 'start (～|から) end' range of dates in text: (start_fy, end_fy, start_pos, end_pos).

    A range ending in a month (…令和8年3月まで) ends in that month's fiscal year; a range of
    fiscal years (令和5年度～令和8年度) includes its last year.
    """
    text = _ascii_digits(text)
    found = []
    era_matches = list(ERA_YEAR.finditer(text))
    covered = [(m.start(), m.end()) for m in era_matches]
    matches = era_matches + [m for m in GREGORIAN_YEAR.finditer(text)
                             if not any(s <= m.start() < e for s, e in covered)]
    matches.sort(key=lambda m: m.start())
    for first, second in zip(matches, matches[1:]):
        between = text[first.end():second.start()]
        if not _RANGE_SEPARATOR.fullmatch(between):
            continue
        start = parse_fiscal_year(first.group(0))
        end = parse_fiscal_year(second.group(0))
        if start is not None and end is not None and start <= end:
            found.append((start, end, first.start(), second.end()))
    return found


def parse_year_label(text: str, default_era: str | None = None) -> int | None:
    """A fiscal year as a column or a note labels it, 年度 optional: 2023年度, 令和5年度, R5, 2023."""
    year = parse_fiscal_year(text, default_era)
    if year is None and _YEAR_LABEL.fullmatch(text):
        year = parse_fiscal_year(f"{text.strip()}年度")
    return year


# A year printed in brackets after a value: 「3,200件（令和6年度）」, 「78％（R6）」, 「93.7(令和2年度平均)」.
_TRAILING_YEAR = regex.compile(
    rf"\s*[(（]\s*(?P<year>{ERA}?\s?(?:[0-9０-９]{{1,4}}|元)\s?(?:年度?)?\s?(?:[0-9０-９]{1,2}\s?月)?)"
    r"\s?(?:末|時点|末時点|見込み?|実績|平均)?\s*[)）]\s*$")


def split_trailing_year(text: str, default_era: str | None = None) -> tuple[str, int | None]:
    """("3,200件", 2024) for 「3,200件（令和6年度）」; (text, None) when no bracketed year ends it. A bare year
    (「81.0%(32年度)」) is of `default_era`, the plan's, when given."""
    m = _TRAILING_YEAR.search(text)
    if m:
        year = parse_year_label(m.group("year"), default_era)
        if year is not None:
            return text[: m.start()].strip(), year
    return text, None


# 「平成(年度) | 25 | 26 | 27」: a header whose corner cell names the era (or only 年度) over bare year numbers.
_YEARS_CORNER = regex.compile(r"^(?P<era>令和|平成|R|H)?\s?[(（]?年度?[)）]?$")
_BARE_NUMBER = regex.compile(r"[0-9０-９]{1,2}")


def bare_year_columns(cells: tuple[str, ...], default_era: str | None = None) -> dict[int, int]:
    """Column -> fiscal year of a header row whose first cell names the era and 年度 and whose other cells
    are bare year numbers, each one more than the one before; {} for any other row. The plan's era
    stands in for a corner that names none (「年度 | 5 | 6 | 7」)."""
    corner = _YEARS_CORNER.match(cells[0].strip()) if cells else None
    era = (corner.group("era") if corner else None) or default_era
    if corner is None or not cells[0].strip() or era not in ERA_BASE:
        return {}
    numbers = {c: int(_ascii_digits(cell.strip())) for c, cell in enumerate(cells) if c and _BARE_NUMBER.fullmatch(cell.strip())}
    ordered = [numbers[c] for c in sorted(numbers)]
    if len(ordered) < 2 or any(b != a + 1 for a, b in zip(ordered, ordered[1:])):
        return {}
    return {c: era_to_gregorian(era, n) for c, n in numbers.items()}
