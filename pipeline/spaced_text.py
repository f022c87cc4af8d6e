"""A PDF's text layer dumped with spaces inside its words (「本市に おい て農 業は 重要 な基幹 産業」) -> the
words back (「本市において農業は重要な基幹産業」), as the PDF reader puts a PDF's characters together.

Such a dump spaces nearly every line of the page two or three characters apart; a line whose cells or
headings are letter-spaced (「事 務 事 業 評 価」, 「成果 ・ 活動 指標」) is a table's or a heading's, and a page
with a few of them is left as it is. Spaces between two Latin letters or digits stay (「C-EMS チームス」).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

_JAPANESE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー、。「」『』（）()・:：%％]")
# A space with Japanese on one side at least.
_INNER_SPACE = regex.compile(r"(?<=[\p{Han}\p{Hiragana}\p{Katakana}ー、。「」『』（）()・:：%％]) +(?=\S)"
                             r"|(?<=\S) +(?=[\p{Han}\p{Hiragana}\p{Katakana}ー、。「」『』（）()・:：%％])")


@dataclass(frozen=True)
class SpacedTextSettings:
    """What makes a page spaced inside its words: at least `min_lines` lines of `min_tokens` tokens or more
    whose tokens average `min_token`–`max_token` characters, few of them single letters, and that many
    lines at least `min_share` of the page's lines of that many tokens."""

    min_lines: int = 5
    min_tokens: int = 6
    min_token: float = 1.8
    max_token: float = 3.5
    max_single_letters: float = 0.4
    min_share: float = 0.5


def _spaced_inside_words(line: str, settings: SpacedTextSettings) -> bool:
    tokens = line.split()
    if len(tokens) < settings.min_tokens:
        return False
    average = sum(len(t) for t in tokens) / len(tokens)
    single = sum(1 for t in tokens if len(t) == 1) / len(tokens)
    japanese = sum(1 for t in tokens if _JAPANESE.search(t)) / len(tokens)
    return settings.min_token <= average <= settings.max_token and single < settings.max_single_letters \
        and japanese > 0.5


def is_spaced_page(lines: list[str], settings: SpacedTextSettings = SpacedTextSettings()) -> bool:
    long_lines = [line for line in lines if len(line.split()) >= settings.min_tokens]
    spaced = sum(1 for line in long_lines if _spaced_inside_words(line, settings))
    return spaced >= settings.min_lines and spaced >= settings.min_share * len(long_lines)


def without_inner_spaces(line: str) -> str:
    """A line of such a page with the spaces next to Japanese taken out; its indent and the space after a
    leading number (「1 計画期間」) kept."""
    stripped = line.lstrip(" \u3000")
    number = _LEADING_NUMBER.match(stripped)
    kept = number.group(0) if number else ""
    return line[:len(line) - len(stripped)] + kept + _INNER_SPACE.sub("", stripped[len(kept):])


_LEADING_NUMBER = regex.compile(r"^[0-9０-９]{1,2}[.．]?\s+")
