"""Numbering labels of headings and TOC lines: what they look like and how deep they sit.

A label's `scheme` says which family it belongs to; RANKS orders the families from the top of a
document down (第N章 above 1. above (1) above ① above ①-1). Levels inside one document are the
dense ranks of the schemes it actually uses.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from pipeline.cleaning import fold
from pipeline.patterns import ARROW, NOT_ARROW, TOC_LEADERS
from pipeline.quantities import unit_pattern
from pipeline.vocabulary import block_role, is_kpi_header_cell, vocabulary

_DIGITS = r"[0-9０-９]+"
_KANJI_NUM = r"[0-9０-９一二三四五六七八九十]+"
_ROMAN = "[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]"
# ➀ (U+2780…, the dingbat forms) stand beside ② in lists typed with two fonts.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳➀➁➂➃➄➅➆➇➈➉"

# (scheme, pattern of the label at the start of a line). Order matters: first match wins.
LABEL_PATTERNS: list[tuple[str, regex.Pattern]] = [
    ("chapter", regex.compile(rf"第\s?{_KANJI_NUM}\s?[章部編]|{_KANJI_NUM}\s?章")),
    ("section", regex.compile(rf"第?\s?{_KANJI_NUM}\s?節")),
    ("clause", regex.compile(rf"第\s?{_KANJI_NUM}\s?項")),
    # 「第1 総論」: 第 and a number alone, the top level of an official notice's outline.
    ("dai", regex.compile(rf"第\s?{_KANJI_NUM}(?=[ \u3000\t])")),
    ("code", regex.compile(rf"(?:施策|取組|事業|重点施策)\s?{_DIGITS}\s?[-－‐−]\s?{_DIGITS}")),
    # 「No 3.1.1」, 「No.12」, 「№34」: an item's number printed after No.
    # 「事業No.54」: a word before it names what is numbered.
    ("no", regex.compile(r"(?:[\p{Han}]{1,4})?(?:No|NO|no)\.?\s?[0-9０-９]+(?:[.．\-－−][0-9０-９]+)*(?![0-9０-９])|№\s?[0-9０-９]+(?:[.．\-－−][0-9０-９]+)*")),
    ("decimal", regex.compile(r"[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})+(?![.．]?[0-9０-９])")),
    # 1-2 / 1-2-4 / １－３: levels joined by hyphens, each number at most two digits (not a date 2024-1).
    ("hyphen", regex.compile(r"[0-9０-９]{1,2}(?:[-－‐−][0-9０-９]{1,2})+(?![0-9０-９\-－‐−])(?=[ \u3000\t.．:：]|$)")),
    # 「0 Downloads」 (a mirror's counter): numbering starts at 1.
    ("number", regex.compile(r"(?![0０]{1,2}(?![0-9０-９]))[0-9０-９]{1,2}(?:[.．](?![0-9０-９])|(?=[ \u3000\t]))")),
    # 「⑴」: a number in brackets printed as one character (U+2474…).
    ("paren", regex.compile(rf"[（(]\s?{_DIGITS}\s?[）)]|[⑴-⒇]")),
    ("paren_kana", regex.compile(r"[（(]\s?[アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ]\s?[）)]")),
    ("kana", regex.compile(r"[アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ](?=[ \u3000\t]|$)")),
    # 「Ⅰ-1 …」: a part of a roman-numbered chapter.
    ("roman_sub", regex.compile(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s?[-－‐−]\s?[0-9０-９]{1,2}(?![0-9０-９\-－‐−])")),
    ("roman", regex.compile(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ](?=[ \u3000\t.．]|$)")),
    ("paren_alpha", regex.compile(r"[（(]\s?[a-zａ-ｚ]\s?[）)]")),
    ("alpha", regex.compile(r"[a-zａ-ｚ](?=[ \u3000\t]|[.．][ \u3000\t])")),
    ("circled_sub", regex.compile(rf"[{CIRCLED}]\s?[-－‐−]\s?{_DIGITS}")),
    ("circled", regex.compile(rf"[{CIRCLED}]")),
]

# ア / (ア) come under (1) in official documents (1 → (1) → ア → (ア) → a → (a)); Ⅰ above 1; 第N章 > 第N節
# > 第N項.
RANKS = {"chapter": 0, "section": 2, "clause": 3, "dai": 4, "roman": 5, "roman_sub": 7, "number": 10, "decimal": 10, "hyphen": 10, "code": 15, "no": 15,
         "paren": 20,
         "kana": 22, "paren_kana": 24, "alpha": 26, "paren_alpha": 27, "circled": 30, "circled_sub": 31,
         # Headings that print no number (extractors/sections.py): 【…】 and marked lines of a page without
         # numbers (one rank more for each style after the first), and a caption over a table, below all.
         "bracket": 25, "caption": 40}
# Labels made of a word and a number (基本目標1, 施策3): scheme "word:施策", ranked after 1. and
# before 施策1-1 in the order of vocabulary.toml's [numbering] label_words.
WORD_SCHEME = "word:"
GOAL_LABEL = WORD_SCHEME + "目標"  # 「目標2 …」: numbers a part of a plan, or a goal under a goal's block word
WORD_RANKS = (11, 14)


@functools.lru_cache(maxsize=1)
def _word_label() -> regex.Pattern:
    words = sorted(vocabulary().numbering.label_words, key=len, reverse=True)
    # 「政策分野1-1」: a word's number may have levels joined by hyphens; 「施策①」: it may be a circled one; 「基本目標(1)」
    # one in brackets.
    return regex.compile(rf"(?P<word>{'|'.join(map(regex.escape, words))})\s?(?:{_DIGITS}(?:[-－‐−]{_DIGITS})*|{_ROMAN}|[{CIRCLED}]"
                         rf"|[(（]\s?{_DIGITS}\s?[)）])(?![0-9０-９.．,，_＿\-－‐])")

# A heading's title never starts with these (a date, a count or a page, not a heading: 「取組項目 17ページ」).
# 「1 件以上の取組を行った学校数」: a count and its unit, the start of an indicator's name.
_NOT_A_TITLE_START = regex.compile(r"^(?:[年月日]|ページ|頁|[時分人件回名%％割倍円万億](?![\p{Han}\p{Hiragana}\p{Katakana}])"
                                   r"|[時分人件回名校社割倍円万億](?:以上|以下|未満))")
_SENTENCE_END = regex.compile(r"[。．]$")
# 「①婚姻率:5.5‰(平成 25 年)→5.9‰(平成 31 年)」: a numbered KPI (a figure, an arrow, a figure), not a heading.
# 「① 新規創業件数: ― → 2件/年」: a dash for a baseline not yet measured.
_FIGURE_ARROW = regex.compile(rf"[0-9０-９―—－]{NOT_ARROW}*{ARROW}\s*{NOT_ARROW}*?[0-9０-９]"
                              # 「1 …達成率を68%(H22) から76%(H26) に増加させる」: the same change in words.
                              r"|[0-9０-９][^。から]{0,16}から\s*[約概]?[0-9０-９][^。]{0,16}?(?:に|へ|まで)"
                              r"(?:増|減|向上|引き?上|高め|低|拡大|縮小|改善|上昇|削減)")


# 「(1)施設からの地域移行者数 現状(平成28年度)5人 目標(平成35年度)12人」: a numbered KPI naming both its sides.
_NAMED_SIDES = regex.compile(r"(?:現状|基準)値?\s?(?:[(（][^()（）]{1,12}[)）])?\s?[:：]?\s?\S+\s+目標値?\s?[(（][^()（）]{1,12}[)）]")
# 「(5)交通安全と治安の確保--- 78」: a 目次 entry, its leaders and page number, not the heading of what follows it.
_TOC_ENTRY_END = regex.compile(rf"{TOC_LEADERS}\s*(?:[PpＰｐ][.．]?\s?)?[0-9０-９]{{1,3}}$")  # 「・・・P.255」 too
_FIGURES_ONLY = regex.compile(r"[\d\s.,．、%％~～\-－―—‐]+")


@functools.lru_cache(maxsize=1)
def _unit_first() -> regex.Pattern:
    """「18.8 万人(2014 年)」, 「20 万人」: a figure and its unit, not a label and a title."""
    return regex.compile(rf"^[万千億]?(?:{unit_pattern()})(?=$|[\s(（]|以上|以下|未満)")


@functools.lru_cache(maxsize=1)
def _figure_last() -> regex.Pattern:
    """A figure and its unit ending a line (「…の手続数 100件」, 「50%以上」): the goal of a numbered goal line."""
    units = "|".join(regex.escape(u) for u in vocabulary().targets.units if u not in ("年", "か月", "ヶ月"))
    return regex.compile(rf"(?<![\p{{Han}}\p{{Katakana}}A-Za-z])[0-9０-９][0-9０-９,，.．]*\s?(?:{units})(?:以上|以下|未満)?$")


@dataclass(frozen=True)
class Label:
    text: str        # as printed, e.g. "(1)", "1.", "施策 2-1"
    scheme: str
    depth: int = 0   # for decimals: 1.1 -> 1, 1.4.1 -> 2
    # Where one document places a word label (extractors/sections.py): under the heading it is first used in.
    placed: float | None = field(default=None, compare=False)

    @property
    def rank(self) -> float:
        if self.placed is not None:
            return self.placed
        if self.scheme.startswith(WORD_SCHEME):
            label_words = vocabulary().numbering.label_words
            order = label_words.index(self.scheme[len(WORD_SCHEME):])
            low, high = WORD_RANKS
            return low + (high - low) * order / len(label_words)
        return RANKS[self.scheme] + self.depth

    @property
    def key(self) -> str:
        """Comparable form: NFKC, no spaces, no trailing dot ("1." == "1", "（1）" == "(1)")."""
        return fold(self.text).rstrip(".")


@functools.lru_cache(maxsize=16384)
def parse_label(text: str) -> tuple[Label, str] | None:
    """Split a line into its numbering label and the rest, or None when it has no label (each extractor
    asks of the same lines: the answer is kept)."""
    stripped = text.lstrip(" \u3000")
    for scheme, pattern in LABEL_PATTERNS:
        m = pattern.match(stripped)
        if not m:
            continue
        label_text = m.group(0).strip()
        rest = stripped[m.end():].strip(" \u3000\t:：")
        depth = label_text.count(".") + label_text.count("．") if scheme == "decimal" else 0
        if scheme == "hyphen":
            depth = sum(label_text.count(h) for h in "-－‐−")
        return Label(label_text, scheme, depth), rest
    m = _word_label().match(stripped)
    if m:
        rest = stripped[m.end():].strip(" \u3000\t:：")
        return Label(m.group(0).strip(), WORD_SCHEME + m.group("word")), rest
    return None


_KANA_ORDER = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
_SERIES_SCHEMES = {"number", "paren", "paren_kana", "kana", "roman", "paren_alpha", "alpha", "circled"}


def ordinal(label: Label) -> int | None:
    """The place of a label in its series, counted from 1 ((3) -> 3, ウ -> 3, ③ -> 3, Ⅱ -> 2), for labels of
    one number, letter or mark; None for others (第1章, 1-2, 基本目標1)."""
    if label.scheme not in _SERIES_SCHEMES:
        return None
    printed = label.text.strip("()（）.． \u3000")
    for series in ("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ", CIRCLED[:20], CIRCLED[20:]):
        if printed and printed[0] in series:
            return series.index(printed[0]) + 1
    key = fold(printed).strip("()（）.． ")  # 「⑴」 folds to 「(1)」
    if key.isascii() and key.isdigit():
        return int(key)
    for series in (_KANA_ORDER, "abcdefghijklmnopqrstuvwxyz"):
        if key and key[0] in series:
            return series.index(key[0]) + 1
    return None


def label_of(text: str) -> Label | None:
    """A stored label ("1", "(1)", "第3章") back as a Label."""
    parsed = parse_label(text.strip() + " x")
    return parsed[0] if parsed else None


def could_be_title(text: str) -> bool:
    """Whether the text after a label may be a title: not a count, a date or a unit (「1 件以上の取組を行った学校数」)."""
    return not _NOT_A_TITLE_START.match(text) and not _unit_first().match(text)


def parse_heading(text: str, max_length: int = 60) -> tuple[Label, str] | None:
    """A numbered heading: a label then a short title that is not a sentence or a figure."""
    if "\n" in text or len(text) > max_length:
        return None
    parsed = parse_label(text)
    if parsed is None:
        return None
    label, title = parsed
    if not title or _NOT_A_TITLE_START.match(title) or _SENTENCE_END.search(title) or _FIGURE_ARROW.search(title) \
            or _NAMED_SIDES.search(title) or _unit_first().match(title):
        return None
    if _FIGURES_ONLY.fullmatch(title) or _TOC_ENTRY_END.search(title) or _names_a_field(title) \
            or label.scheme.startswith(WORD_SCHEME) and _figure_last().search(title):
        return None  # 「目標2：電子申請の手続数 100件」: a numbered goal and its figure, no heading
    return label, title


_FIELD_THEN_COLON = regex.compile(r"^(?P<field>[^\s:：]{1,8})[:：]")


def _names_a_field(title: str) -> bool:
    """「1. 成果指標:…の割合」: a numbered field of a KPI list and its value, not a heading."""
    field = _FIELD_THEN_COLON.match(title)
    return bool(field) and (is_kpi_header_cell(field.group("field")) or block_role(field.group("field")) is not None)


def tree_parents(ranks: list[float | None]) -> list[int | None]:
    """Index of each item's parent: the nearest earlier item of a higher (smaller) rank still open.

    An item without a rank (an unnumbered line) sits at the top.
    """
    parents: list[int | None] = []
    stack: list[int] = []
    for i, rank in enumerate(ranks):
        if rank is None:
            stack = []
            parents.append(None)
            stack.append(i)
            continue
        while stack and (ranks[stack[-1]] is None or ranks[stack[-1]] >= rank):
            stack.pop()
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    return parents


def tree_levels(ranks: list[float | None]) -> list[int]:
    """1-based depth of each item in the tree that tree_parents builds."""
    levels: list[int] = []
    for parent in tree_parents(ranks):
        levels.append(1 if parent is None else levels[parent] + 1)
    return levels
