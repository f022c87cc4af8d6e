"""Schedule cell text -> status code, through the [statuses] table of vocabulary.toml.

The table is keyed on SudachiPy normalized forms of the shortest words (split mode A), so 調査検討,
方針検討 and 随時検討 all end in the word 検討, and 取組 / 取り組み need one entry.
"""
from __future__ import annotations

import functools

import regex

from pipeline.japanese import short_forms
from pipeline.patterns import ARROWS
from pipeline.vocabulary import Words, vocabulary

# A bracketed note inside a cell ("運用(操作性・利用状況等の検証)") is not the cell's step.
_BRACKETED = regex.compile(r"[（(][^（）()]*[）)]")
# Pieces of a cell: steps separated by arrows, 「・」, 「、」, spaces or line breaks.
_PIECE_SEPARATORS = regex.compile(rf"[\s\u3000・、，,{ARROWS}]+")


@functools.lru_cache(maxsize=1)
def _terms() -> dict[tuple[str, ...], str]:
    terms = {}
    for code, entries in vocabulary().statuses.steps.items():
        for word in entries:
            terms.setdefault(short_forms(word), code)
    return terms


@functools.lru_cache(maxsize=1)
def _heads() -> set[tuple[str, ...]]:
    return {short_forms(w) for w in vocabulary().statuses.compound_heads}


@functools.lru_cache(maxsize=None)
def _marks(marks: Words) -> str:
    return "".join(regex.escape(m) for m in marks)


# The patterns below are made once per process (every schedule cell is tested against them).
@functools.lru_cache(maxsize=1)
def _arrow_cell():
    arrows = "|".join(regex.escape(m) for m in vocabulary().statuses.arrows)
    return regex.compile(rf"[{_marks(vocabulary().statuses.bars)}\s]*(?:(?:{arrows})\s*)+")


@functools.lru_cache(maxsize=None)
def _only(marks: Words):
    """A cell made only of the characters of one [statuses] list (marks, dashes) and spaces."""
    return regex.compile(rf"[{_marks(marks)}\s]+")


@functools.lru_cache(maxsize=1)
def _bar_run():
    bars = _marks(vocabulary().statuses.bars)
    return regex.compile(rf"([{bars}])[{bars}]*")


_SPACES = regex.compile(r"\s+")


def is_arrow(text: str) -> bool:
    """Arrows (→, ⇒ →) or a bar ending in one (━━━→)."""
    return bool(text.strip()) and _arrow_cell().fullmatch(text.strip()) is not None


def is_mark(text: str) -> bool:
    """A cell of marks only (○, ●, ◎ ○)."""
    return bool(text.strip()) and _only(vocabulary().statuses.marks).fullmatch(text.strip()) is not None


def mark_key(text: str) -> str:
    """A mark as a legend names it: spaces removed, a bar of any length one character (━━━→ -> ━→)."""
    return _bar_run().sub(lambda m: m.group(1), _SPACES.sub("", text))


def parse_legend(text: str) -> dict[str, str]:
    """mark_key -> status code of each 「mark word」 pair of a legend line: 「凡例：●新規実施　○継続実施
    →検討・準備　━━→継続して実施」 -> {"●": "implement", "○": "operate", "→": "prepare", "━→": "operate"}.
    A pair whose words are not in the status vocabulary is left out."""
    statuses = vocabulary().statuses
    symbols = _marks(statuses.marks) + _marks(statuses.bars) + _marks(statuses.arrows)
    entry = regex.compile(rf"(?P<mark>[{symbols}]+)\s*[:：=＝]?\s*(?P<words>[^\s{symbols}:：、,，]+)")
    legend = {}
    for m in entry.finditer(text):
        code = status_of(m.group("words"))
        if code not in (None, "unclassified"):
            legend.setdefault(mark_key(m.group("mark")), code)
    return legend


def is_dash(text: str) -> bool:
    return bool(text.strip()) and _only(vocabulary().statuses.dashes).fullmatch(text.strip()) is not None


@functools.lru_cache(maxsize=1)
def _terms_by_first() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The vocabulary's (term, code) pairs by the term's first form, in the order of _terms()."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for term, code in _terms().items():
        if term:
            by_first.setdefault(term[0], []).append((term, code))
    return by_first


def _matches(forms: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, code) of every vocabulary word found in a sequence of word forms."""
    found = []
    by_first = _terms_by_first()
    for i, form in enumerate(forms):
        for term, code in by_first.get(form, ()):
            if forms[i:i + len(term)] == term:
                found.append((i, i + len(term), code))
    return found


def status_of(text: str, legend: dict[str, str] | None = None) -> str | None:
    """The status code of one cell: a mark the plan's legend explains by the legend's words, other
    arrows, dashes and marks by their kind, words by the last step.

    None for an empty cell; "unclassified" when no word of the cell is in the vocabulary.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if legend and mark_key(stripped) in legend:
        return legend[mark_key(stripped)]
    if is_mark(stripped):
        return "marked"
    if is_arrow(stripped):
        return "continue_arrow"
    if is_dash(stripped):
        return "none"
    body = _BRACKETED.sub("", stripped).strip() or stripped
    found = _matches(short_forms(body))
    if not found:
        return "unclassified"
    # The last word wins; of words ending at the same place, the longest.
    _start, _end, code = max(found, key=lambda m: (m[1], m[1] - m[0]))
    return code


def is_status_text(text: str) -> bool:
    """A cell made only of status words, arrows and dashes (「実施継続」, 「検討 →」), not a title
    that merely contains one (「BCPの見直し」)."""
    pieces = [p for p in _PIECE_SEPARATORS.split(_BRACKETED.sub(" ", text)) if p]
    return bool(pieces) and all(is_arrow(p) or is_dash(p) or is_mark(p) or _segment(short_forms(p))
                                for p in pieces) or is_arrow(text)


def run_together(text: str) -> list[str]:
    """Pieces of a cell that are two or more steps printed without a separator, as a revised plan
    prints struck-out text beside its replacement (「検討一部実施」, 「実施実施継続」).

    "導入検討" (a study of an introduction) and "実施継続" are one step: a second word that is a
    compound head (検討, 継続 …) makes a compound, not a run.
    """
    runs = []
    for piece in _PIECE_SEPARATORS.split(_BRACKETED.sub(" ", text)):
        forms = short_forms(piece) if piece else ()
        steps = _segment(forms)
        if steps is None or len(steps) < 2:
            continue
        if len(steps) == 2 and steps[1] in _heads():
            continue
        runs.append(piece)
    return runs


@functools.lru_cache(maxsize=1)
def _longest_term() -> int:
    return max((len(t) for t in _terms()), default=0)


def _segment(forms: tuple[str, ...]) -> list[tuple[str, ...]] | None:
    """Cover the forms with vocabulary words, longest first from the left; None if some form is not one."""
    terms = _terms()
    longest = _longest_term()
    steps, i = [], 0
    while i < len(forms):
        for n in range(min(longest, len(forms) - i), 0, -1):
            if forms[i:i + n] in terms:
                steps.append(forms[i:i + n])
                i += n
                break
        else:
            return None
    return steps
