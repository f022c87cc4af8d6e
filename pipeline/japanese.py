"""SudachiPy word analysis. One dictionary per process, one tokenizer per thread (a tokenizer is not
thread-safe: Datasette calls our SQL functions from several threads), and each text tokenised once
(`analysed`) for every view of its words that the stages read."""
from __future__ import annotations

import functools
import os
import re
import threading
from typing import NamedTuple

_DICTIONARY = None
_PID = None
# What analysed() reads of _DICTIONARY's entries, by word id, and its parts of speech, by id (the same
# for every occurrence of a word: reading them once saves most calls into SudachiPy).
_ENTRIES: dict[int, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
_POS: dict[int, tuple[str, ...]] = {}
_LOCK = threading.Lock()
_LOCAL = threading.local()
# SudachiPy refuses very long input: longer texts are analysed a sentence or line at a time.
MAX_CHUNK = 2000
_SENTENCE_END = re.compile(r"(?<=[。．\n])")


def tokenizer():
    """This thread's tokenizer (split mode C), made on first use from this process's dictionary,
    which is loaded once (worker processes load their own: the memory limit of a worker counts it)."""
    global _DICTIONARY, _PID
    if getattr(_LOCAL, "pid", None) != os.getpid():
        from sudachipy import Dictionary, SplitMode

        with _LOCK:
            if _DICTIONARY is None or _PID != os.getpid():
                _DICTIONARY = Dictionary()
                _PID = os.getpid()
                _ENTRIES.clear()
                _POS.clear()
            _LOCAL.tokenizer = _DICTIONARY.tokenizer(mode=SplitMode.C)
        _LOCAL.pid = os.getpid()
    return _LOCAL.tokenizer


_SPLIT_A = None


def _split_a():
    global _SPLIT_A
    if _SPLIT_A is None:
        from sudachipy import SplitMode

        _SPLIT_A = SplitMode.A
    return _SPLIT_A


class Analysis(NamedTuple):
    """One text's words (split mode C, white space left out), read from one tokenisation: `words` as
    (surface, normalized form, part of speech), `forms` as (surface, normalized form, the normalized
    forms of its shortest parts), and `normalized`, the normalized forms run together."""

    words: tuple[tuple[str, str, tuple[str, ...]], ...]
    forms: tuple[tuple[str, str, tuple[str, ...]], ...]
    normalized: str


# How many texts a process keeps the analysis of: a document's texts are read by several stages
# (vocabulary matching, sentences, topics, the search index), and revisions repeat most of them.
ANALYSIS_CACHE_SIZE = 16384


@functools.lru_cache(maxsize=ANALYSIS_CACHE_SIZE)
def analysed(text: str) -> Analysis:
    """The words of `text`, tokenised once for every view of them (normalized, words, word_forms)."""
    words, forms = [], []
    for w in tokenizer().tokenize(text):
        surface = w.surface()
        if not surface.strip():
            continue
        norm, pos, parts = _ENTRIES.get(w.word_id()) or _entry(w, surface)
        words.append((surface, norm, pos))
        forms.append((surface, norm, parts))
    return Analysis(tuple(words), tuple(forms), "".join(w[1] for w in words))


def _entry(word, surface: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """A word's normalized form, part of speech and the normalized forms of its shortest parts (split
    mode A; a word that does not split, as one of one character never does, is its own shortest part).
    They are the dictionary entry's: kept by word id, except for a word not in the dictionary (a number
    joined from digits, an unknown katakana word), whose id is shared by all such words."""
    norm = word.normalized_form()
    pieces = word.split(_split_a()) if len(surface) > 1 else ()
    if len(pieces) <= 1:
        parts = (norm,)
    else:
        parts = tuple(p.normalized_form() for p in pieces if p.surface().strip()) or (norm,)
    pos_id = word.part_of_speech_id()
    pos = _POS.get(pos_id) or _POS.setdefault(pos_id, _DICTIONARY.pos_of(pos_id))
    entry = (norm, pos, parts)
    if not word.is_oov():
        _ENTRIES[word.word_id()] = entry
    return entry


def normalized(text: str) -> str:
    """Text with every word in its SudachiPy normalized form (取組 -> 取り組み, ＤＸ -> DX), no spaces."""
    return analysed(text).normalized


def words(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(surface, normalized form, part of speech) of each word."""
    return analysed(text).words


@functools.lru_cache(maxsize=4096)
def short_forms(text: str) -> tuple[str, ...]:
    """Normalized forms of the shortest words (split mode A: 調査検討 -> 調査, 検討), no spaces."""
    morphemes = tokenizer().tokenize(text, _split_a())
    return tuple(m.normalized_form() for m in morphemes if m.surface().strip())


def word_forms(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """For each word (split mode C): its surface, its normalized form, and the normalized forms of
    its shortest parts (split mode A; one part for a word that does not split).

    マイナンバーカード -> ("マイナンバーカード", "マイナンバーカード", ("マイナンバー", "カード"));
    取組 -> ("取組", "取り組み", ("取り組み",)).
    """
    return analysed(text).forms


def chunks(text: str):
    """`text` in pieces of at most MAX_CHUNK characters, cut after a sentence or line where possible."""
    if len(text) <= MAX_CHUNK:
        yield text
        return
    piece = ""
    for sentence in _SENTENCE_END.split(text):
        if piece and len(piece) + len(sentence) > MAX_CHUNK:
            yield piece
            piece = ""
        while len(sentence) > MAX_CHUNK:
            yield sentence[:MAX_CHUNK]
            sentence = sentence[MAX_CHUNK:]
        piece += sentence
    if piece:
        yield piece


def text_word_forms(text: str):
    """word_forms of a text of any length (analysed in chunks)."""
    for chunk in chunks(text):
        yield from word_forms(chunk)
