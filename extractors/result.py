"""What an extractor returns: records by table, and warnings about what it saw but could not use."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Extraction:
    records: dict[str, list[dict]] = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)
    accounting: Any = None  # extractors.accounting.LineAccount: where every line went
    context: Any = None     # extractors.context.ExtractionContext of the run that found the records

    def add(self, table: str, record: dict) -> dict:
        self.records.setdefault(table, []).append(record)
        return record

    def warn(self, stage: str, message: str, line: int | None = None, page: int | None = None) -> None:
        self.warnings.append({"stage": stage, "message": message, "line": line, "page": page})

    def merge(self, other: "Extraction") -> None:
        for table, records in other.records.items():
            self.records.setdefault(table, []).extend(records)
        self.warnings.extend(other.warnings)
