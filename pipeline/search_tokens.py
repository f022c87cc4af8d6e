"""The words of a text as the search index stores them and as a query is matched against them.

Each word (SudachiPy, split mode C) is indexed by its surface, its normalized form (取組 and 取り組み
meet) and the normalized forms of its shortest parts (マイナンバー finds マイナンバーカード): `index_tokens`.
A query goes through the same analysis (`match_expression`). The texts of a document are tokenised
before it is loaded (`index_texts`, in the worker that read it), through pipeline.japanese.analysed, which
the topic mapping of the same texts reads too.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

from pipeline.japanese import text_word_forms

if TYPE_CHECKING:
    from pipeline.records import Records

_SPACE = regex.compile(r"\s+")


def _is_word(form: str) -> bool:
    return any(ch.isalnum() for ch in form)


@functools.lru_cache(maxsize=65536)
def _word_tokens(word: tuple[str, str, tuple[str, ...]]) -> tuple[str, ...]:
    surface, norm, parts = word
    return tuple(f for f in dict.fromkeys((surface, norm, *parts)) if _is_word(f))


def index_tokens(text: str) -> str:
    """The words of `text` as the index stores them: surface, normalized form and shortest parts of
    each word, space-separated (マイナンバーカードの取組 -> "マイナンバーカード マイナンバー カード の 取組 取り組み")."""
    return " ".join(form for word in text_word_forms(text or "") for form in _word_tokens(word))


def index_texts(records: Records) -> set[str]:
    """The texts that db.search.index_document indexes for a document with these extracted records, so
    that their tokens are made before it is loaded: the titles of its measures, sections and schedule
    items, its targets' lines and indicators, and the text of its statements and passages."""
    texts = [*(r.title for r in [*records.measures, *records.sections, *records.schedule_items]),
             *(t.raw for t in records.targets), *(t.indicator for t in records.targets),
             *(s.text for s in records.statements), *(p.text for p in records.passages)]
    return {text for text in texts if text}


def _quote(form: str) -> str:
    return '"' + form.replace('"', '""') + '"'


def match_expression(query: str) -> str:
    """An FTS5 query for `search_index_fts` finding every word of `query` (spaces separate words too).

    A word matches its surface, its normalized form, or all of its shortest parts; words are joined by
    AND. FTS5 syntax in the query is read as text. A query without words gives '""', which matches
    nothing.
    """
    groups = []
    for surface, norm, parts in text_word_forms(_SPACE.sub(" ", query or "").strip()):
        whole = [f for f in dict.fromkeys((surface, norm)) if _is_word(f)]
        pieces = [p for p in dict.fromkeys(parts) if _is_word(p)]
        options = [_quote(f) for f in whole]
        if len(pieces) > 1:
            options.append("(" + " AND ".join(_quote(p) for p in pieces) + ")")
        elif pieces and pieces[0] not in whole:
            options.append(_quote(pieces[0]))
        if options:
            groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups) if groups else '""'


__all__ = ["index_texts", "index_tokens", "match_expression"]
