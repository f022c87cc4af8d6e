"""SudachiPy word analysis. One dictionary per process, one tokenizer per thread (a tokenizer is not
thread-safe: Datasette calls our SQL functions from several threads)."""
from __future__ import annotations

import functools
import os
import threading

import regex

_DICTIONARY = None
_PID = None
_LOCK = threading.Lock()
_LOCAL = threading.local()
# SudachiPy refuses very long input: longer texts are analysed a sentence or line at a time.
MAX_CHUNK = 2000
_SENTENCE_END = regex.compile(r"(?<=[。．\n])")


def tokenizer():
    """This thread's tokenizer (split mode C), made on first use from this process's dictionary,
    which is loaded once (worker processes load their own)."""
    global _DICTIONARY, _PID
    if getattr(_LOCAL, "pid", None) != os.getpid():
        from sudachipy import Dictionary, SplitMode

        with _LOCK:
            if _DICTIONARY is None or _PID != os.getpid():
                _DICTIONARY = Dictionary()
                _PID = os.getpid()
            _LOCAL.tokenizer = _DICTIONARY.tokenizer(mode=SplitMode.C)
        _LOCAL.pid = os.getpid()
    return _LOCAL.tokenizer


def _split_a():
    from sudachipy import SplitMode

    return SplitMode.A


@functools.lru_cache(maxsize=4096)
def normalized(text: str) -> str:
    """Text with every word in its SudachiPy normalized form (取組 -> 取り組み, ＤＸ -> DX), no spaces."""
    words = tokenizer().tokenize(text)
    return "".join(w.normalized_form() for w in words if w.surface().strip())


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(surface, normalized form, part of speech) of each word."""
    return tuple((w.surface(), w.normalized_form(), tuple(w.part_of_speech()))
                 for w in tokenizer().tokenize(text) if w.surface().strip())


@functools.lru_cache(maxsize=4096)
def short_forms(text: str) -> tuple[str, ...]:
    """Normalized forms of the shortest words (split mode A: 調査検討 -> 調査, 検討), no spaces."""
    morphemes = tokenizer().tokenize(text, _split_a())
    return tuple(m.normalized_form() for m in morphemes if m.surface().strip())


@functools.lru_cache(maxsize=4096)
def word_forms(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """For each word (split mode C): its surface, its normalized form, and the normalized forms of
    its shortest parts (split mode A; one part for a word that does not split).

    マイナンバーカード -> ("マイナンバーカード", "マイナンバーカード", ("マイナンバー", "カード"));
    取組 -> ("取組", "取り組み", ("取り組み",)).
    """
    found = []
    for w in tokenizer().tokenize(text):
        if not w.surface().strip():
            continue
        parts = tuple(p.normalized_form() for p in w.split(_split_a()) if p.surface().strip())
        found.append((w.surface(), w.normalized_form(), parts or (w.normalized_form(),)))
    return tuple(found)


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
