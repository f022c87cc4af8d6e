"""Department fields ("まちづくり政策課 ほか住民情報システム関係課") -> one name per department."""
from __future__ import annotations

import functools

import regex

from pipeline.japanese import words as sudachi_words
from pipeline.vocabulary import vocabulary

_BRACKETED_NOTE = regex.compile(r"[（(][^（）()]{1,4}[）)]$")
_OUTER_BRACKETS = regex.compile(r"^[（(【\[](.*)[）)】\]]$")
_SPACES = regex.compile(r"[\s\u3000]+")


@functools.lru_cache(maxsize=1)
def _separators() -> regex.Pattern:
    """What parts the departments of a field: [departments] separators and spaces."""
    separators = "".join(regex.escape(s) for s in vocabulary().departments.separators)
    return regex.compile(rf"[{separators}\s\u3000]+")


def canonical_department(name: str) -> str:
    """One spelling per department: no spaces, brackets of a trailing note made full-width."""
    name = _SPACES.sub("", name)
    note = _BRACKETED_NOTE.search(name)
    if note:
        inner = note.group(0)[1:-1]
        name = name[: note.start()] + "（" + inner + "）"
    return name


def is_department_name(name: str) -> bool:
    base = _BRACKETED_NOTE.sub("", name)
    return any(base.endswith(suffix) for suffix in vocabulary().departments.suffixes)


def split_departments(field: str) -> tuple[list[str], list[str]]:
    """(department names, leftover pieces that are not departments) of one printed field.

    Pieces are split on separators and spaces; a piece that does not end like a department
    joins the next one (a name broken by a line wrap); connecting words are dropped.
    """
    text = field.strip()
    outer = _OUTER_BRACKETS.match(text)
    if outer:
        text = outer.group(1)
    connectors = sorted(vocabulary().departments.connectors, key=len, reverse=True)
    pieces = [p for p in _separators().split(text) if p]
    names, leftovers, pending = [], [], ""
    for piece in pieces:
        for connector in connectors:
            if piece.startswith(connector) and len(piece) > len(connector):
                piece = piece[len(connector):]
                break
            if piece == connector:
                piece = ""
                break
        for connector in connectors:
            if piece.endswith(connector) and is_department_name(piece[: -len(connector)]):
                piece = piece[: -len(connector)]
                break
        if not piece:
            continue
        candidate = pending + piece
        if is_department_name(candidate):
            name = canonical_department(candidate)
            if name not in names:
                names.append(name)
            pending = ""
        else:
            pending = candidate
    if pending:
        leftovers.append(pending)
    return names, leftovers


# Words that can run together into one name (SudachiPy: 子育て + 支援課, デジタル + 推進 + 室).
_NAME_PARTS = ("名詞", "接頭辞", "接尾辞")


def department_name_words(text: str) -> set[int]:
    """Indexes (in pipeline.japanese.words(text)) of the words that spell a department's name in
    running text: a run of nouns whose last word is a name word or ends like one (「子育て支援課」,
    「デジタル推進室」; [departments] name_words, name_word_endings). 「スマホ教室」 and 「介護関係」 are
    not names: SudachiPy keeps 教室 and 関係 whole."""
    whole, endings = vocabulary().departments.name_words, vocabulary().departments.name_word_endings
    found: set[int] = set()
    run: list[int] = []
    tokens = sudachi_words(text)
    for i, (surface, _norm, pos) in enumerate(tokens):
        if pos[0] not in _NAME_PARTS:
            run = []
            continue
        run.append(i)
        last_of_run = i + 1 == len(tokens) or tokens[i + 1][2][0] not in _NAME_PARTS
        if last_of_run and (surface in whole or surface.endswith(endings)):
            found.update(run)
    return found
