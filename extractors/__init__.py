"""Extractors: pure functions from a Document to records. EXTRACTORS is the one list of them.

Each entry takes the document and the records found by the extractors before it.
"""
from __future__ import annotations

from typing import Callable

from extractors.accounting import account_lines
from extractors.measures import extract_measures
from extractors.metadata import extract_metadata
from extractors.passages import extract_passages
from extractors.result import Extraction
from extractors.schedules import extract_schedules
from extractors.statements import extract_statements
from extractors.targets import extract_targets
from extractors.sections import extract_sections, outline
from extractors.toc import extract_toc
from pipeline.model import Document

Extractor = Callable[[Document, dict], Extraction]

EXTRACTORS: list[tuple[str, Extractor]] = [
    ("metadata", lambda doc, found: extract_metadata(doc)),
    ("toc", lambda doc, found: extract_toc(doc)),
    ("sections", lambda doc, found: extract_sections(doc, found.get("toc_entries", []))),
    ("measures", lambda doc, found: extract_measures(doc, found.get("toc_entries", []))),
    ("schedules", lambda doc, found: extract_schedules(doc, found.get("toc_entries", []), found.get("measures", []))),
    ("targets", lambda doc, found: extract_targets(doc, found.get("toc_entries", []), found.get("measures", []),
                                                   found.get("schedule_items", []))),
    ("statements", lambda doc, found: extract_statements(doc, found.get("toc_entries", []), found.get("measures", []))),
    ("passages", lambda doc, found: extract_passages(doc, found.get("toc_entries", []), found.get("measures", []))),
]


def extract_all(doc: Document, keep_reading_lines: bool = False) -> Extraction:
    """Run every extractor in order; one result with all records and warnings.

    keep_reading_lines keeps a PDF's reading-order line numbers in the records (for the report,
    which matches records to blocks); stored records never have them.
    """
    result = Extraction()
    for _name, extractor in EXTRACTORS:
        result.merge(extractor(doc, result.records))
    result.accounting = account_lines(doc, result.records, outline(doc, result.records.get("toc_entries", [])))
    if result.accounting.block_words and not result.records.get("measures"):
        result.warn("measures", f"{result.accounting.block_words} lines are block words of a plan (現状, 目標, 担当課 …) "
                                "but no measure was found")
    if doc.page_count and not keep_reading_lines:
        _drop_reading_lines(result)
    return result


def _drop_reading_lines(result: Extraction) -> None:
    """A PDF's records point to pages; its line numbers are only the reader's reading order."""
    for record in [r for records in result.records.values() for r in records] + result.warnings:
        for key in record:
            if key == "line" or key.endswith("_line"):
                record[key] = None


__all__ = ["EXTRACTORS", "Extraction", "extract_all"]
