"""accounting: where every printed line of a document went, so that nothing is dropped silently.

Each line is in one of four places:
- records: it starts a record (a measure, a schedule item, a target, a statement …) or its text is part
  of one (the wrapped rest of a statement), or it is a passage stored under a block word of its
  measure (施策内容, 取組内容: what the measure does);
- headings: the structure that frames records: section headings, 目次 lines, block words (現状, 担当課),
  bracketed headings, legends, captions, rules and the header rows of the tables that were read;
- background: anything else outside every measure (introductions, the page's own prose);
- not understood: anything else inside a measure's body, listed with a reason.

A table counts every line from its first row to its last (a row printed over several lines, the
「---|---」 rule under its header); lines the reader folds into a neighbour (a rule, a heading's title
printed under its label) count as headings, so that the places add up to the printed lines of a text.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from extractors.kpi_tables import kpi_header, year_row
from extractors.metadata import is_cover_field
from extractors.schedules import is_legend_line, schedule_header
from extractors.sections import Section, block_sections, measure_of
from extractors.targets import has_counted_amount, kpis_in_line
from pipeline.cleaning import fold
from pipeline.model import Block
from pipeline.numbering import parse_heading, parse_label
from pipeline.patterns import ARROW, LEADING_MARKS
from pipeline.records import Measure, Records, ScheduleItem, Statement, Target, lines_of
from pipeline.vocabulary import block_role, leading_block_role, vocabulary

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

PLACES = ("records", "headings", "background", "not_understood")
# Words and marks that make a figure outside every measure look like a target that was not read.
_GOAL_HINT = regex.compile(rf"{ARROW}|目標|現状値|現況|基準値|実績値")
# The fields of the records that say what a line meant whose text a printed line may be part of (each
# kind of record has some of them).
MEANING_TEXT_FIELDS = ("text", "raw", "title", "indicator", "goal")
# A figure alone on a line, with its unit, a bracketed year or note, and 以上 / 以下.
_BARE_FIGURE = regex.compile(r"^[約概]?\s?[0-9０-９][0-9０-９,，.．]*\s?[^\s0-9０-９()（）。、]{0,4}\s?(?:[(（][^()（）]{0,20}[)）])?\s?(?:以上|以下|未満)?$")
MAX_CELL = 60
# 「生き活き指標、介護予防のための…参加率」, 「成果指標① 刊行物の割合」: an indicator's name beside its label.
_NAMES_INDICATOR = regex.compile(r"指標.{0,3}[、,，:：|｜\s]\s*\S")
# A line that reads like a heading of its own: 【…】, ■…, ◆…, or a short label ending in a colon.
HEADING_LIKE = regex.compile(r"^(?:【[^】]{1,30}】?|[■□◆◇▼▽●◎][^。]{1,30}|[^。、]{1,20}[:：])$")


@dataclass
class LineAccount:
    """Lines per place, and each not-understood line as (line, page, reason, text)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PLACES, 0))
    not_understood: list[tuple[int | None, int | None, str, str]] = field(default_factory=list)
    block_words: int = 0  # lines that are a block word of a plan (現状, 目標, 担当課 …)
    kpi_lines: int = 0  # lines that state a change of an indicator (「汚水・衛生処理率=70.1%→72.3%」)
    plan_words: tuple[str, ...] = ()  # the [plan_signals] words the text uses
    other_genre_words: tuple[str, ...] = ()  # its [plan_signals] other_genres words

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def shares(self) -> dict[str, float]:
        total = self.total or 1
        return {place: self.counts[place] / total for place in PLACES}

    def summary(self) -> str:
        """「lines in records 71%, headings 9%, background 12%, not understood 8%」"""
        shares = self.shares()
        return (f"lines in records {shares['records']:.0%}, headings {shares['headings']:.0%}, "
                f"background {shares['background']:.0%}, not understood {shares['not_understood']:.0%}")


_LEADING = regex.compile(rf"^{LEADING_MARKS}+")


def _squeeze(text: str) -> str:
    return fold(_LEADING.sub("", text))


def _meaning_records(records: Records) -> list[Measure | ScheduleItem | Target | Statement]:
    """The records that say what a line meant; sections, the 目次, passages and metadata only frame or copy it."""
    return [*records.measures, *records.schedule_items, *records.targets, *records.statements]


def _record_lines_and_texts(records: Records) -> tuple[set[int], str]:
    lines: set[int] = {p.line for p in records.passages if p.block and p.line is not None}
    texts: list[str] = []
    for record in _meaning_records(records):
        lines.update(line for line in lines_of(record) if isinstance(line, int))
        texts.extend(_squeeze(str(getattr(record, name, None) or "")) for name in MEANING_TEXT_FIELDS)
        texts.extend(_squeeze(name) for name in getattr(record, "departments", None) or [])
    return lines, "\n".join(texts)


def _is_frame(block: Block, section_lines: set, toc_lines: set, whole_line: bool) -> bool:
    """A line that frames records rather than holding one (a piece of a split line: by its own kind)."""
    text = block.text.strip()
    framing_line = block.line in section_lines or block.line in toc_lines
    return (framing_line and (whole_line or block.kind == "heading") or block.kind == "rule"
            or block_role(text) is not None or is_legend_line(block) or is_cover_field(text)
            or any(text.startswith(c) for c in vocabulary().statements.caption_starts))


def _repeats_section(block: Block, sections: list[Section]) -> bool:
    """A running header or a continued page (1. 策定の目的 on every slide, 施策1-2 …②) repeats a section."""
    parsed = parse_heading(block.text.replace("\t", " "))
    if parsed is None:
        return False
    label, title = parsed
    return any(s.label.key == label.key and (fold(title).startswith(fold(s.base_title))
                                             or fold(s.base_title).startswith(fold(title))) for s in sections)


def _is_bare_figure(text: str) -> bool:
    """A line that is only a figure with its unit (「2,044 人(2014 年)」, 「81%」): a table's cell on a line of its own."""
    return bool(_BARE_FIGURE.match(text.strip())) and has_counted_amount(text)


def _reason(block: Block, in_measure: bool, no_measures: bool = False, beside_figures: bool = False,
            block_words: bool = False) -> str | None:
    """Why a line outside every record is not understood, or None when it is background. In a plan where
    no measure was found, a list item or a numbered paragraph is not background: it is what a plan lists (measures, goals, what
    is and what will be done), and none of it was read; nor is any paragraph when the plan prints the block
    words of a measure's body (`block_words`)."""
    text = block.text.strip()
    if no_measures and (block.kind == "list_item" or block.kind == "paragraph" and parse_label(text)):
        return "an item of a plan in which no measure was found (a measure, target or statement not read?)"
    if no_measures and block_words and block.kind == "paragraph":
        return "text of a plan that prints block words (現状, 目標, スケジュール …) but in which no measure was found"
    if block.kind == "heading" and block.label and parse_heading(text.replace("\t", " ")):
        return "a numbered heading that is no section"
    if HEADING_LIKE.match(text) and not leading_block_role(text):
        return "a heading-like line that opens no known block" if in_measure else None
    if not in_measure:
        return _reason_outside(text, beside_figures)
    if has_counted_amount(text):
        return "a number with a unit in a measure's body, in no record"
    return "text of a measure's body under no block word (kept in passages)"


def _reason_outside(text: str, beside_figures: bool) -> str | None:
    """Why a line outside every measure and record looks like a target not read, or None (background)."""
    if has_counted_amount(text) and _GOAL_HINT.search(text):
        return "a figure beside 目標 / 現状 / → outside every record (a target not read?)"
    cell = len(text) <= MAX_CELL and "。" not in text
    if cell and _NAMES_INDICATOR.search(text):
        return "a line naming an indicator outside every record (a target not read?)"
    if cell and beside_figures:
        return "a table's cell on a line of its own, beside figures (a target not read?)"
    return None


def account_lines(ctx: ExtractionContext) -> LineAccount:
    doc, records = ctx.doc, ctx.records
    account = LineAccount()
    seen = _Seen.of(ctx)
    body_roles = set(vocabulary().measures.body_roles)
    account.plan_words, account.other_genre_words = _genre_words("\n".join(b.text for b in doc.blocks))
    places: list[_Place] = []
    owner = block_sections(ctx.sections)
    measures = records.measures
    # A line the reader split into pieces (a page dumped on one line): each piece is in a record only by its text.
    pieces = Counter((b.page, b.line) for b in doc.blocks if b.line is not None)
    figures = {i for i, b in enumerate(doc.blocks) if b.kind != "table" and _is_bare_figure(b.text)}
    for index, block in enumerate(doc.blocks):
        in_measure = measure_of(owner.get(index), measures) is not None
        if block.kind == "table":
            places.extend(_table_places(block, ctx.era, seen.used_lines, seen.used_text, seen.toc_lines,
                                        (in_measure, not seen.measures)))
            account.kpi_lines += sum(1 for row in block.rows if any(kpis_in_line(cell) for cell in row.non_empty()))
            continue
        role = block_role(block.text.strip())
        leading = leading_block_role(block.text) if role is None else None
        if (role or (leading[0] if leading else None)) in body_roles:
            account.block_words += 1
        if block.kind in ("paragraph", "list_item") and kpis_in_line(block.text):
            account.kpi_lines += 1
        beside = len(set(range(index - 3, index + 4)) & figures) >= 2
        places.append(_line_place(block, role, leading, (in_measure, beside), pieces[(block.page, block.line)] <= 1, seen))
    for entry in _one_per_line(places):
        account.counts[entry.place] += entry.span
        if entry.place == "not_understood":
            account.not_understood.extend(entry.notes)
    # Lines the reader folded into a neighbour: a 「---|---」 rule, a heading's title printed under its label.
    account.counts["headings"] += max(0, doc.nonempty_lines - account.total)
    return account


@dataclass(frozen=True)
class _Seen:
    """What the records and the outline already account for: lines and texts in records, section and
    目次 lines, the sections."""
    used_lines: set
    used_text: str
    section_lines: set
    toc_lines: set
    sections: list[Section]
    measures: bool
    block_words: bool  # the text prints a block word of a measure's body
    block_passages: frozenset = frozenset()  # the texts of passages under a block word

    @classmethod
    def of(cls, ctx: ExtractionContext) -> "_Seen":
        used_lines, used_text = _record_lines_and_texts(ctx.records)
        body_roles = set(vocabulary().measures.body_roles)
        block_words = any(_block_word_role(b) in body_roles for b in ctx.doc.blocks if b.kind != "table")
        return cls(used_lines, used_text, {s.line for s in ctx.sections},
                   {e.line for e in ctx.records.toc_entries}, ctx.sections,
                   bool(ctx.records.measures), block_words,
                   frozenset(_squeeze(p.text) for p in ctx.records.passages if p.block))


def _block_word_role(block: Block) -> str | None:
    role = block_role(block.text.strip())
    leading = leading_block_role(block.text) if role is None else None
    return role or (leading[0] if leading else None)


def _line_place(block: Block, role: str | None, leading, where: tuple[bool, bool], whole_line: bool,
                seen: _Seen) -> _Place:
    """Where a line of text goes: a block word is a heading; a line in a record (by its line, or by its
    text when the reader split the line) a record; page furniture, a field outside a measure or a
    heading that repeats a section a heading; the rest background, or not understood with the reason.
    `where`: whether the line is in a measure's body, and whether it stands beside figures on lines of
    their own (a table dumped one cell per line)."""
    in_measure, beside_figures = where
    reason = None
    if role is not None:
        place = "headings"
    elif block.line in seen.used_lines and whole_line or _squeeze(block.text) and _squeeze(block.text) in seen.used_text \
            or not whole_line and _squeeze(block.text) in seen.block_passages:
        place = "records"  # a piece of a split line (boxes side by side, a dump) in a block's passage counts as its line
    elif _is_frame(block, seen.section_lines, seen.toc_lines, whole_line) or leading is not None and not in_measure \
            or block.kind == "heading" and _repeats_section(block, seen.sections):
        place = "headings"
    else:
        reason = _reason(block, in_measure, not seen.measures, beside_figures, seen.block_words)
        place = "not_understood" if reason else "headings" if block.kind == "heading" else "background"
    return _Place(block.line, block.page, place, 1, reason, block.text.strip())


@dataclass
class _Place:
    """Where one block (or table row) went, over `span` printed lines."""
    line: int | None
    page: int | None
    place: str
    span: int
    reason: str | None = None
    text: str = ""

    @property
    def notes(self) -> list[tuple[int | None, int | None, str, str]]:
        return [(self.line, self.page, self.reason, self.text)] if self.reason else []


def _one_per_line(places: list[_Place]) -> list["_Line"]:
    """A printed line that the reader split into pieces (a page dumped on one line) counts once: not
    understood when any piece is, else in records when any piece is, else where its first piece went."""
    merged: dict[object, _Line] = {}
    order: list[_Line] = []
    for k, entry in enumerate(places):
        key = (entry.page, entry.line) if entry.line is not None and entry.span <= 1 else ("block", k)
        line = merged.get(key)
        if line is None:
            line = merged[key] = _Line(entry.place, entry.span, entry.notes)
            order.append(line)
            continue
        line.notes.extend(entry.notes)
        line.span = max(line.span, entry.span)
        if "not_understood" in (line.place, entry.place):
            line.place = "not_understood"
        elif "records" in (line.place, entry.place):
            line.place = "records"
    return order


@dataclass
class _Line:
    place: str
    span: int
    notes: list = field(default_factory=list)


def _table_places(block: Block, era: str | None, used_lines: set, used_text: str, toc_lines: set,
                  where: tuple[bool, bool]) -> list[_Place]:
    """Where each row of a table goes: in a record (by its line or its text), a heading (the header
    rows, a row opened by a block word, a row that only dates the columns), background outside a
    measure (unless, in a plan where no measure was found, it holds figures with their units), or not
    understood. `where`: whether the table is in a measure's body, and whether the plan has no measure."""
    header = kpi_header(block)
    header_row = header.row if header else None
    if header_row is None:
        schedule = schedule_header(block, era)
        header_row = schedule.row if schedule else None
    flat_text = used_text.replace("\n", "")
    rows = list(block.rows)
    places = []
    for k, row in enumerate(rows):
        cells = row.non_empty()
        joined = "".join(_squeeze(c) for c in cells)
        if row.line in used_lines or row.line in toc_lines or joined and joined in flat_text:
            place, reason = "records", None
        elif header_row is not None and k <= header_row or cells and block_role(cells[0]) \
                or header is not None and year_row(row.cells, header):
            place, reason = "headings", None
        else:
            place, reason = _unread_row_place(cells, where)
        places.append(_Place(row.line, row.page, place, _row_span(rows, k), reason, " | ".join(cells)))
    return places


def _unread_row_place(cells: list[str], where: tuple[bool, bool]) -> tuple[str, str | None]:
    in_measure, no_measures = where
    if in_measure and cells:
        return "not_understood", "a table row in a measure's body, in no record"
    if cells and no_measures and any(has_counted_amount(c) for c in cells):
        return "not_understood", "a table row with figures in a plan in which no measure was found (a KPI not read?)"
    return "background", None


def _row_span(rows: list, k: int) -> int:
    """How many printed lines row k takes: up to the next row's line, or its own end line."""
    row = rows[k]
    following = rows[k + 1].line if k + 1 < len(rows) and rows[k + 1].line is not None else None
    if following is not None and row.line is not None:
        return following - row.line
    return (row.end_line or row.line or 0) - (row.line or 0) + 1


def _genre_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a plan's structure the text uses, and those of another genre (none in a long text: a plan's
    appendix has a 用語集 and its 策定経過 a 会議録; only a page short enough to be one of those is one)."""
    others = plan_signals(text, vocabulary().plan_signals.other_genres) if len(text) <= MAX_OTHER_GENRE_TEXT else ()
    return plan_signals(text), others


def plan_signals(text: str, words: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The words of [plan_signals] (or of `words`) that a text uses (an entry's alternatives count once)."""
    folded = fold(text)
    return tuple(entry for entry in (vocabulary().plan_signals.words if words is None else words)
                 if any(fold(word) in folded for word in entry.split("|")))


MAX_OTHER_GENRE_TEXT = 20_000  # characters: a meeting's record, a press release, a glossary, a notice

# Lines stating an indicator's change (「…=70.1%→72.3%」) that make a text a plan's page however few records it
# gives: one such figure may be news, a list of them is a plan's goals or their progress.
MIN_KPI_LINES = 3


def is_plan(records: Records, account: LineAccount) -> bool:
    """A plan, a plan's chapter, its 目次 or its progress report: it has measures, schedules, targets or
    statements, the block words of a plan, KPI lines, a 目次, a title naming a plan (a 計画名 field, or a cover
    line ending in 計画, 方針, 戦略 …), or enough words of a plan's structure. A press release, an agenda or a
    glossary has none of these, or uses the words of its own genre and gives no measure, target or schedule."""
    signals = vocabulary().plan_signals
    if len(account.other_genre_words) >= signals.other_minimum \
            and not (records.measures or records.targets or records.schedule_items or records.toc_entries):
        return False  # a meeting's record or a press release about a plan (開催日時, 出席者, 議事概要)
    titled = any(m.title for m in records.metadata)
    return bool(_meaning_records(records) or records.toc_entries) or titled or account.block_words > 0 \
        or account.kpi_lines >= MIN_KPI_LINES or len(account.plan_words) >= signals.minimum
