"""What an extractor returns: records by kind, and warnings about what it saw but could not use."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.records import ExtractionWarning, Records


@dataclass
class Extraction:
    records: Records = field(default_factory=Records)
    warnings: list[ExtractionWarning] = field(default_factory=list)
    accounting: Any = None  # extractors.accounting.LineAccount: where every line went
    context: Any = None     # extractors.context.ExtractionContext of the run that found the records

    def warn(self, stage: str, message: str, line: int | None = None, page: int | None = None) -> None:
        self.warnings.append(ExtractionWarning(stage, message, line, page))

    def merge(self, other: "Extraction") -> None:
        self.records.extend(other.records)
        self.warnings.extend(other.warnings)
