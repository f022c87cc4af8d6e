"""Pure str -> str cleaners for converter debris. Printed text is otherwise kept as is.

Deliberately no NFKC here: it would turn ① into 1 and （ into (. Matching code may fold
text with `fold()`; stored text never is.
"""
from __future__ import annotations

import functools
import unicodedata

import regex

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

_BLOCK_TAG = regex.compile(r"\s*<\s*/?\s*(?:li|p|br)\b[^>]*>\s*", regex.IGNORECASE)
_OTHER_TAG = regex.compile(r"<\s*/?\s*(?:ul|ol|u|b|i|em|strong|span|div|sub|table|tr|td|th|tbody)\b[^>]*>",
                           regex.IGNORECASE)
_SUP_MARKER = regex.compile(r"\s*(?:\\?\*|※)?<sup>\s*[\d*※¹²³⁴⁵⁶⁷⁸⁹⁰]*\s*</sup>", regex.IGNORECASE)
_SUP_OTHER = regex.compile(r"</?sup>", regex.IGNORECASE)
_CARET_MARKER = regex.compile(r"\^\{[^}]{0,6}\}")
_BRACKET_MARKER = regex.compile(r"\s?\[(?:※|\*|\\\*)\d*\]")
_ESCAPED_STAR_MARKER = regex.compile(r"(?<=\S)\\\*\d+")
_ATTACHED_KOME_MARKER = regex.compile(r"(?<=[^\s※(（「])※(?:\d+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?")
_SUPERSCRIPT_RUN = regex.compile(rf"\s?[{SUPERSCRIPT_DIGITS}]+(?=\s)|(?<=\S)[{SUPERSCRIPT_DIGITS}]+")
_ATX_HEADING = regex.compile(r"^[ \u3000]*#{1,6}[ \u3000]+")
_BOLD = regex.compile(r"\*\*(.+?)\*\*")
_SPACES = regex.compile(r"[ \u3000]{2,}")


def strip_html(text: str) -> str:
    """Remove HTML fragments; list items, paragraphs and breaks become line breaks."""
    if "<" in text:  # every tag pattern needs one: most lines skip four searches
        text = _SUP_MARKER.sub("", text)
        text = _SUP_OTHER.sub("", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _OTHER_TAG.sub("", text)
    return "\n".join(part.strip() for part in text.split("\n") if part.strip())


def strip_markdown(text: str) -> str:
    """Remove markdown heading marks (## ), emphasis (**bold**, stray **) and backslash escapes."""
    text = _ATX_HEADING.sub("", text)
    text = _BOLD.sub(r"\1", text)
    text = text.replace("**", "")
    return text.replace("\\*", "*").replace("\\_", "_")


def strip_footnote_markers(text: str) -> str:
    """Remove inline footnote markers: ¹⁹, ^{※1}, [※], \\*2, 窓口※ (not a leading ※ note)."""
    text = _CARET_MARKER.sub("", text)
    text = _BRACKET_MARKER.sub("", text)
    text = _ESCAPED_STAR_MARKER.sub("", text)
    text = _ATTACHED_KOME_MARKER.sub("", text)
    return _SUPERSCRIPT_RUN.sub("", text)


# Kangxi radicals, CJK radicals supplement and CJK compatibility ideographs: some PDF producers
# emit ⽅ (U+2F45) for 方. NFKC maps exactly these code points to the ordinary kanji.
_RADICALS = regex.compile(r"[\u2E80-\u2EFF\u2F00-\u2FDF\uF900-\uFAFF\U0002F800-\U0002FA1F]")


def ordinary_kanji(text: str) -> str:
    """⽅⼀⾏ (radical and compatibility code points) -> 方一行; every other character is kept."""
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


@functools.lru_cache(maxsize=16384)
def clean_inline(text: str) -> str:
    """All inline cleaners, in the order that keeps markers inside tags removable (kept for each text:
    several extractors clean the same lines and cells)."""
    text = ordinary_kanji(text)
    text = strip_html(text)
    text = strip_footnote_markers(text)
    text = strip_markdown(text)
    return text.strip()


_WHITESPACE = regex.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """A matching key: NFKC, no spaces. Never store this as the text."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
