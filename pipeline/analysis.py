"""The analysis of one document's records, made before they are loaded (in the worker process that read
the document: keikaku/ingest.py): the search-index tokens of its texts, the matching keys of its titles,
and the topics of its measures and schedule items. All of them read a text's words from its one
tokenisation (pipeline.japanese.analysed): a measure's title is tokenised once for its tokens, its key
and its topics, and db/ stores what they found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.cleaning import fold
from pipeline.japanese import normalized
from pipeline.search_tokens import index_texts, index_tokens

if TYPE_CHECKING:
    from pipeline.records import Records
    from pipeline.topic_mapping import DocumentTopics
    from pipeline.topics import Lexicon


@dataclass
class Analysis:
    """`tokens`: each indexed text's search tokens; `title_keys`: the key of each title and 取組 heading
    of the plan, its measures and its schedule items; `topics`: of its measures by seq and of its
    schedule items by position in the records."""

    tokens: dict[str, str]
    title_keys: dict[str | None, str]
    topics: DocumentTopics


def title_key(title: str | None) -> str:
    """A title as a matching key: NFKC, no spaces, every word in its normalized form. The numbering
    label is not part of a title, so renumbering (① -> ②) keeps the key."""
    return normalized(fold(title or ""))


def titles(records: Records) -> set[str | None]:
    """The titles a document's records are matched by across revisions: the plan's, its measures', its
    schedule items' and their 取組 headings."""
    found = {r.title for r in [*records.metadata, *records.measures, *records.schedule_items]}
    return found | {r.heading for r in records.schedule_items}


def analyse(records: Records, lexicon: Lexicon) -> Analysis:
    from pipeline.topic_mapping import map_rows, record_rows

    return Analysis(tokens={text: index_tokens(text) for text in index_texts(records)},
                    title_keys={title: title_key(title) for title in titles(records)},
                    topics=map_rows(record_rows(records), lexicon))


__all__ = ["Analysis", "analyse", "title_key", "titles"]
