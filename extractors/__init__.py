"""Extractors: pure functions from a Document to records. EXTRACTORS is the one list of them.

Each entry takes the document's ExtractionContext, which holds the records of the extractors before it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from extractors.accounting import account_lines
from extractors.context import ExtractionContext, ExtractionSettings
from extractors.measures import extract_measures
from extractors.metadata import extract_metadata
from extractors.passages import extract_passages
from extractors.result import Extraction
from extractors.schedules import extract_schedules
from extractors.sections import extract_sections
from extractors.statements import extract_statements
from extractors.targets import extract_targets
from extractors.toc import extract_toc
from pipeline.model import Document
from pipeline.records import Metadata, line_fields

Extractor = Callable[[ExtractionContext], Extraction]

# In order: each reads the records of the ones before it from the context (measures before the
# schedules, targets, statements and passages that belong to them).
EXTRACTORS: list[tuple[str, Extractor]] = [
    ("metadata", extract_metadata),
    ("toc", extract_toc),
    ("sections", extract_sections),
    ("measures", extract_measures),
    ("schedules", extract_schedules),
    ("targets", extract_targets),
    ("statements", extract_statements),
    ("passages", extract_passages),
]


def extract_all(doc: Document, settings: ExtractionSettings | dict | None = None,
                keep_reading_lines: bool = False) -> Extraction:
    """Run every extractor in order over one context; one result with all records and warnings, and the
    context (era, legend, section tree) for whoever reports on the same run.

    keep_reading_lines keeps the reading-order line numbers of a PDF, HTML, Word or Excel document in
    the records (for the report, which matches records to blocks); stored records never have them, and
    those of HTML, Word and Excel have a `location` instead.
    """
    result = Extraction()
    context = ExtractionContext(doc, ExtractionSettings.resolve(settings), result.records)
    for _name, extractor in EXTRACTORS:
        result.merge(extractor(context))
    result.context = context
    result.accounting = account_lines(context)
    if result.accounting.block_words and not result.records.measures:
        result.warn("measures", f"{result.accounting.block_words} lines are block words of a plan (現状, 目標, 担当課 …) "
                                "but no measure was found")
    if doc.locations and not keep_reading_lines:
        _locate(result, doc.locations)
    if (doc.page_count or doc.locations) and not keep_reading_lines:
        _drop_reading_lines(result, doc)
    return result


def _locate(result: Extraction, locations: dict[int, str]) -> None:
    """An HTML, Word or Excel document's records point to their place in the file (`location`: "line 42",
    "paragraph 12", "施策一覧!C12"); its line numbers are only the reader's reading order."""
    result.records.replace_each(lambda r: r if isinstance(r, Metadata) else replace(r, location=locations.get(r.line)))
    result.warnings = [replace(w, location=locations.get(w.line)) for w in result.warnings]


def _drop_reading_lines(result: Extraction, doc: Document) -> None:
    """A PDF's records point to pages, the others' to their location; their line numbers are only the
    reader's reading order. A PDF warning given only the line (a 目次 line, say) first gets the page that
    line was read from."""
    pages = {}
    for block in doc.blocks:
        for row in [block, *block.rows]:
            if row.line is not None and row.page is not None:
                pages.setdefault(row.line, row.page)
    result.warnings = [replace(w, page=pages.get(w.line) if w.page is None and w.line is not None else w.page,
                               line=None) for w in result.warnings]
    result.records.replace_each(lambda r: replace(r, **dict.fromkeys(line_fields(type(r)))))


__all__ = ["EXTRACTORS", "Extraction", "ExtractionContext", "ExtractionSettings", "extract_all"]
