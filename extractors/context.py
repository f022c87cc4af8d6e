"""What the extractors of one document share, built once: the document, its era, its schedule legend, its
目次, its section tree, the records found so far and the settings.

`extract_all` builds one context per document and hands it to every extractor in EXTRACTORS' order. The
section tree depends on the 目次, so it is built when an extractor first asks for it, which is after the
目次 extractor has run (it runs second; metadata, the first, never asks).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from extractors.leader_figures import report_year
from extractors.schedules import ScheduleSettings, document_legend
from extractors.sections import Section, block_part_headings, outline
from extractors.toc import TocSettings
from pipeline.eras import dominant_era
from pipeline.model import Document
from pipeline.records import Measure, Records, TocEntry
from pipeline.settings import resolve_settings


@dataclass(frozen=True)
class ExtractionSettings:
    """Settings of the extractors that have any."""

    toc: TocSettings = field(default_factory=TocSettings)
    schedules: ScheduleSettings = field(default_factory=ScheduleSettings)

    @classmethod
    def resolve(cls, settings: "ExtractionSettings | dict | None") -> "ExtractionSettings":
        settings = resolve_settings(cls, settings)
        return cls(toc=resolve_settings(TocSettings, settings.toc),
                   schedules=ScheduleSettings.resolve(settings.schedules))


@dataclass
class ExtractionContext:
    doc: Document
    settings: ExtractionSettings = field(default_factory=ExtractionSettings)
    records: Records = field(default_factory=Records)  # the records found so far

    @functools.cached_property
    def era(self) -> str | None:
        """The era a bare year (27年度) is read in: the one the document prints most."""
        return dominant_era("\n".join(b.text for b in self.doc.blocks))

    @functools.cached_property
    def report_year(self) -> int | None:
        """The fiscal year a progress report's undated results are of (「令和5年度までの主な取り組み状況」)."""
        return report_year(self.doc)

    @functools.cached_property
    def legend(self) -> dict[str, str]:
        """The document's 凡例: schedule mark -> status code."""
        return document_legend(self.doc)

    @property
    def toc_entries(self) -> list[TocEntry]:
        return self.records.toc_entries

    @property
    def measures(self) -> list[Measure]:
        return self.records.measures

    @functools.cached_property
    def sections(self) -> list[Section]:
        """The section tree, each section with the blocks of its own body (read-only: it is shared)."""
        return outline(self.doc, self.toc_entries, self.block_parts)

    @functools.cached_property
    def block_parts(self) -> set[int]:
        """The headings that divide a block of statements (「現況と課題」 over 「(1)…」, 「(2)…」; 「●キャリア教育の推進」
        over paragraphs), by sections.part_key."""
        return block_part_headings(self.doc.blocks)
