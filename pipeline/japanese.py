"""SudachiPy word analysis. One dictionary per process, one tokenizer per process (not thread-safe)."""
from __future__ import annotations

import functools
import os

_TOKENIZER = None
_PID = None
_SPLIT_A = None


def tokenizer():
    """This process's tokenizer, made on first use (so worker processes make their own)."""
    global _TOKENIZER, _PID, _SPLIT_A
    if _TOKENIZER is None or _PID != os.getpid():
        from sudachipy import Dictionary, SplitMode

        _TOKENIZER = Dictionary().tokenizer(mode=SplitMode.C)
        _SPLIT_A = SplitMode.A
        _PID = os.getpid()
    return _TOKENIZER


@functools.lru_cache(maxsize=65536)
def normalized(text: str) -> str:
    """Text with every word in its SudachiPy normalized form (取組 -> 取り組み, ＤＸ -> DX), no spaces."""
    words = tokenizer().tokenize(text)
    return "".join(w.normalized_form() for w in words if w.surface().strip())


@functools.lru_cache(maxsize=65536)
def words(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(surface, normalized form, part of speech) of each word."""
    return tuple((w.surface(), w.normalized_form(), tuple(w.part_of_speech()))
                 for w in tokenizer().tokenize(text) if w.surface().strip())


@functools.lru_cache(maxsize=65536)
def short_forms(text: str) -> tuple[str, ...]:
    """Normalized forms of the shortest words (split mode A: 調査検討 -> 調査, 検討), no spaces."""
    morphemes = tokenizer().tokenize(text, _SPLIT_A)
    return tuple(m.normalized_form() for m in morphemes if m.surface().strip())
