"""The records the extractors find in one document, one frozen dataclass per kind, and `row`, which turns a
record into the plain data that the database and the golden files hold.

They live in pipeline/, not extractors/, because the analysis (pipeline/analysis.py, topic_mapping.py,
search_tokens.py) reads them and may not import the extractors. Fields are named as the database columns
are; a record points to another by its `seq` (`measure_seq`, `section_seq`, `parent_seq`), which the loader
turns into ids. `line` and `*_line` are 1-based lines of a text (of a PDF, HTML, Word or Excel document only
the reader's reading order, which extract_all drops unless asked to keep it); `page` is a PDF's page;
`location` is the place in an HTML, Word or Excel file ("line 42", "paragraph 12", "施策一覧!C12").
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Callable, Iterator, Union


@dataclass(frozen=True, slots=True)
class Metadata:
    """The plan: municipality, prefecture, title, period as fiscal years, cover dates (one per document)."""
    municipality: str | None = None
    prefecture: str | None = None
    title: str | None = None
    title_line: int | None = None
    period_start_fy: int | None = None
    period_end_fy: int | None = None
    period_source: str | None = None  # "stated", "cover" or "schedule": where the period was read
    dated_events: list[str] = field(default_factory=list)  # 「令和5年3月策定」 … as printed on the cover
    is_draft: bool = False


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A line of the 目次, in order; `page` is the page it prints, `source_page` the PDF page it is on."""
    seq: int
    level: int
    label: str | None
    title: str
    subtitle: str | None
    page: int | None
    line: int | None
    source_page: int | None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the body, in the section tree by `parent_seq`."""
    seq: int
    parent_seq: int | None
    level: int
    label: str | None
    title: str
    line: int | None
    page: int | None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """A policy measure (施策, 重点取組事項 …) with its departments; `section_seq` None when it is no heading."""
    seq: int
    section_seq: int | None
    label: str | None
    title: str
    departments: list[str]
    line: int | None
    page: int | None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class ScheduleCell:
    """A non-empty fiscal-year cell of a schedule row: its text as printed and its status code."""
    fiscal_year: int
    text: str
    status: str
    drawn: int | None = None  # 1 where a PDF draws the year's 「→」 as a bar across the year columns


@dataclass(frozen=True, slots=True)
class ScheduleItem:
    """A row of a schedule table; `seq` counts within its measure, `goal` is its goal column's text."""
    measure_seq: int | None
    seq: int
    heading: str | None
    label: str | None
    title: str
    departments: list[str]
    line: int | None
    page: int | None
    cells: list[ScheduleCell]
    goal: str | None
    goal_line: int | None
    goal_page: int | None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """A 目標 / KPI: indicator, baseline, target and reported result, each value as printed and as a number."""
    seq: int
    measure_seq: int | None
    indicator: str | None
    baseline_fy: int | None
    baseline_value: float | None
    baseline_text: str | None
    baseline_low: float | None
    baseline_high: float | None
    baseline_unit: str | None
    target_fy: int | None
    target_value: float | None
    target_text: str | None
    target_low: float | None
    target_high: float | None
    actual_fy: int | None
    actual_value: float | None
    actual_text: str | None
    unit: str | None
    raw: str
    line: int | None
    page: int | None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """An item of a 現状 / 課題 / 対応方針 … block: `kind` as printed, `role` its vocabulary role."""
    seq: int
    measure_seq: int | None
    kind: str
    role: str
    text: str
    inferred: int  # 1 where the kind was decided from the wording, not read from a heading
    line: int | None
    page: int | None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph, list item, note or table row of a section's body as printed, with its block's role."""
    seq: int
    section_seq: int
    measure_seq: int | None
    kind: str
    text: str
    block: str | None
    line: int | None
    page: int | None
    location: str | None = None


Record = Union[Metadata, TocEntry, Section, Measure, ScheduleItem, Target, Statement, Passage]


@dataclass(frozen=True, slots=True)
class ExtractionWarning:
    """What an extractor saw but could not use (a schedule table outside any measure …), and where."""
    stage: str
    message: str
    line: int | None
    page: int | None
    location: str | None = None


@dataclass
class Records:
    """One document's records, each kind in the list named as its table, in the order they were found."""
    metadata: list[Metadata] = field(default_factory=list)
    toc_entries: list[TocEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    schedule_items: list[ScheduleItem] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)

    def tables(self) -> Iterator[tuple[str, list]]:
        """(table, records) of each kind with any records, in the order above."""
        for kind in dataclasses.fields(self):
            found = getattr(self, kind.name)
            if found:
                yield kind.name, found

    def extend(self, other: Records) -> None:
        for table, found in other.tables():
            getattr(self, table).extend(found)

    def replace_each(self, change: Callable[[Record], Record]) -> None:
        """Put change(record) in the place of every record."""
        for table, found in list(self.tables()):
            setattr(self, table, [change(record) for record in found])


# Fields a row leaves out while they are None, as the extractors always printed them: a text's records
# have no location, and a cell has `drawn` only where a bar was drawn.
LEFT_OUT_WHEN_NONE = frozenset({"location", "drawn"})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _plain(value):
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return row(value) if dataclasses.is_dataclass(value) else value


def row(record: Record | ScheduleCell | ExtractionWarning) -> dict:
    """A record as plain data (a database row before its ids, an entry of a golden file): its fields by
    name, a schedule item's cells as rows too. What dataclasses.asdict gives, in less than half the time."""
    return {name: _plain(value) for name in _field_names(type(record))
            if (value := getattr(record, name)) is not None or name not in LEFT_OUT_WHEN_NONE}


def rows(records: Records) -> dict[str, list[dict]]:
    """Every record of a document as plain data, by table (a table without records left out)."""
    return {table: [row(record) for record in found] for table, found in records.tables()}


@functools.cache
def line_fields(kind: type) -> tuple[str, ...]:
    """The fields of a record type that hold a line of the text: `line` and `*_line`."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.name == "line" or f.name.endswith("_line"))


def lines_of(record: Record) -> list[int | None]:
    """The lines a record was printed on (its `line` and `*_line` fields)."""
    return [getattr(record, name) for name in line_fields(type(record))]


__all__ = ["ExtractionWarning", "Measure", "Metadata", "Passage", "Record", "Records", "ScheduleCell", "ScheduleItem", "Section",
           "Statement", "Target", "TocEntry", "line_fields", "lines_of", "row", "rows"]
