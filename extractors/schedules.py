"""schedules: every row of a measure's schedule table, with its fiscal-year cells as printed.

Three table shapes are read the same way: one item per row with its title in a leading column
(「事業	令和8年度…」); numbered sub-items (①②③) whose titles span the year columns and whose year
texts are on the row below, grouped under a 取組 heading and a 実施主体 column; and either of these
with rendering damage (leading merged cells dropped, a second bar on a continuation line, a value
that fits no column). The unlabelled column after the last year holds goals: it goes to the
targets extractor through the item's `goal`, not into the cells.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import regex

from extractors.dated_steps import Step, step_runs
from extractors.kpi_tables import is_value_column, kpi_header
from extractors.result import Extraction
from extractors.sections import Section, block_sections, measure_of, row_measures
from pipeline.cleaning import fold
from pipeline.departments import split_departments
from pipeline.eras import bare_year_columns, parse_year_label
from pipeline.model import Block, Document, Row
from pipeline.numbering import CIRCLED, parse_label
from pipeline.records import ScheduleCell, ScheduleItem
from pipeline.settings import resolve_settings
from pipeline.statuses import is_arrow, is_dash, is_status_text, parse_legend, run_together, status_of
from pipeline.vocabulary import STATEMENT_ROLES, block_role, is_name_field, vocabulary

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

DEFAULT_HEADER_ROWS = 3
DEFAULT_MAX_HEADER_CELL = 24
DEFAULT_STATISTICS_SHARE = 0.5

_NUMBER_CELL = regex.compile(r"[約概ね]*[0-9,.]+\s*\S{0,3}")


@dataclass(frozen=True)
class ScheduleSettings:
    header_rows: int = DEFAULT_HEADER_ROWS              # rows searched for the fiscal-year header
    max_header_cell: int = DEFAULT_MAX_HEADER_CELL      # a longer cell is not a year header
    statistics_share: float = DEFAULT_STATISTICS_SHARE  # this share of numeric cells: statistics

    def __post_init__(self):
        if self.header_rows < 1 or self.max_header_cell < 1:
            raise ValueError(f"ScheduleSettings: header_rows and max_header_cell must be positive: {self}")
        if not 0 < self.statistics_share <= 1:
            raise ValueError(f"ScheduleSettings: statistics_share must be in (0, 1]: {self.statistics_share}")

    @classmethod
    def resolve(cls, value: "ScheduleSettings | dict | None") -> "ScheduleSettings":
        return resolve_settings(cls, value)


@dataclass(frozen=True)
class Header:
    row: int                    # index of the header row in the table
    years: dict[int, int]       # column -> fiscal year
    department: int | None      # the 実施主体 / 担当課 column
    text_columns: tuple[int, ...]  # leading columns that are not departments (heading, title)
    goal: int | None            # the column after the last year that holds goals
    title: int | None = None    # the column the header names as the items' names (取組名, 事業名)
    number: int | None = None   # the column of the items' numbers (No., 番号)
    others: frozenset[int] = frozenset()  # columns another reader takes (a 実施計画 sheet's KPI columns)

    @property
    def first_year(self) -> int:
        return min(self.years)


@dataclass
class Item:
    heading: str | None
    label: str | None
    title: str
    row: Row
    departments: list[str]
    cells: dict[int, str] = field(default_factory=dict)   # fiscal year -> text as printed
    cell_rows: dict[int, Row] = field(default_factory=dict)  # fiscal year -> row it was printed on
    drawn: set[int] = field(default_factory=set)  # fiscal years whose 「→」 is a bar drawn across them
    goal: str | None = None
    goal_row: Row | None = None
    has_values: bool = False

    @property
    def name(self) -> str:
        return f"{self.label or ''}{self.title}"


def read_header(table: Block, era: str | None, settings: ScheduleSettings | None = None) -> Header | None:
    """The fiscal-year header of a table, or None when no row names two or more fiscal years."""
    settings = ScheduleSettings.resolve(settings)
    for index, row in enumerate(table.rows[: settings.header_rows]):
        years = {}
        for column, cell in enumerate(row.cells):
            if cell and len(cell) <= settings.max_header_cell:
                year = parse_year_label(cell, era)
                if year is not None:
                    years[column] = year
        years = years if len(years) >= 2 else bare_year_columns(row.cells, era)
        if len(years) < 2:
            continue
        first, last = min(years), max(years)
        department = next((c for c in [*range(first), *range(last + 1, len(row.cells))]
                           if block_role(row.cells[c]) == "department"), None)
        # A 現状(計画策定時) column before the years holds the state the plan starts from, not titles.
        text_columns = tuple(c for c in range(first) if c != department and not is_value_column(row.cells[c]))
        goal = None
        if last + 1 < len(row.cells) and department != last + 1:
            label = row.cells[last + 1].strip()
            if not label or block_role(label) == "target":
                goal = last + 1
        return Header(index, years, department, text_columns, goal, *_named_columns(row, text_columns))
    return None


def _named_columns(row: Row, text_columns: tuple[int, ...]) -> tuple[int | None, int | None]:
    """The columns a header names as the items' names (取組名) and numbers (No.), or None."""
    title = next((c for c in text_columns if is_name_field(row.cells[c])), None)
    number = next((c for c in text_columns if _NUMBER_HEADER.fullmatch(row.cells[c].strip())), None)
    return title, number


# The header of a column of item numbers: No., NO, 番号, №.
_NUMBER_HEADER = regex.compile(r"(?:No|NO|no|Ｎｏ)[.．]?|番号|№")


def is_period_chart(table: Block, header: Header | None = None) -> bool:
    """A chart of plan periods (its bars name plans: …計画, …戦略), not a schedule of measures."""
    plan_words = vocabulary().metadata.plan_words
    start = header.row + 1 if header else 1
    cells = [c for row in table.rows[start:] for c in row.cells[1:] if c.strip()]
    named = sum(1 for c in cells if any(w in c for w in plan_words))
    return bool(cells) and named / len(cells) >= 0.5


def is_statistics(table: Block, header: Header, settings: ScheduleSettings | None = None) -> bool:
    """A table of figures by year (population, counts), not a schedule."""
    settings = ScheduleSettings.resolve(settings)
    cells = [row.cells[c] for row in table.rows[header.row + 1:] for c in header.years
             if c < len(row.cells) and row.cells[c].strip()]
    numeric = sum(1 for c in cells if _NUMBER_CELL.fullmatch(fold(c)))
    return bool(cells) and numeric / len(cells) >= settings.statistics_share


def schedule_header(table: Block, era: str | None, settings: ScheduleSettings | None = None) -> Header | None:
    """The header of a schedule table, or None for any other table (plan periods, statistics)."""
    if table.kind != "table":
        return None
    kpi = kpi_header(table)
    header = read_header(table, era, settings)
    if header is None or is_period_chart(table, header) or is_statistics(table, header, settings):
        return None
    if kpi is None:
        return header
    if set(header.years) & _kpi_columns(kpi) or header.row != kpi.row:
        return None  # a KPI table by year; a 実施計画 sheet's step columns beside its KPI columns are a schedule,
    others = frozenset(kpi.columns.values()) | {c for c, _ in kpi.target_years}  # its goals the KPIs
    return replace(header, goal=None if header.goal in others else header.goal, others=others)


def _kpi_columns(kpi) -> set[int]:
    """The columns a KPI header reads values from."""
    return {column for role, column in kpi.columns.items() if role != "indicator"} | {c for c, _ in kpi.target_years}


# A row's number printed against its title, as a table's text without breaks prints it: 「2中学校の統廃合の推進」;
# not a count (「3か年」, 「1日」, 「5人」).
_GLUED_NUMBER = regex.compile(r"^(?P<label>[0-9０-９]{1,2})(?=[\p{Han}\p{Katakana}])(?![年月日時件人回円個歳箇ヶカヵ校])")


def _label_and_title(text: str) -> tuple[str | None, str]:
    """"①自治体…" -> ("①", "自治体…"); "①②事務手続き…" keeps both numbers as printed."""
    parsed = parse_label(text)
    glued = _GLUED_NUMBER.match(text.strip()) if parsed is None else None
    if glued:
        return glued.group("label"), text.strip()[glued.end():]  # 「1小学校の統廃合の推進」: the row's number
    if parsed is None or not parsed[1]:
        return None, text.strip()
    label, rest = parsed[0].text, parsed[1]
    if label[-1] in CIRCLED:
        extra = regex.match(rf"[{CIRCLED}]+", rest)
        if extra:
            label, rest = label + extra.group(0), rest[extra.end():].strip()
    return label, rest


def _cell(row: Row, column: int | None) -> str:
    if column is None or column >= len(row.cells):
        return ""
    return row.cells[column].strip()


def _is_title_row(row: Row, header: Header) -> bool:
    """A sub-item title spanning the year columns: one numbered text in the first year column."""
    later = [c for c in row.cells[header.first_year + 1:] if c.strip()]
    text = _cell(row, header.first_year)
    return bool(text) and not later and _label_and_title(text)[0] is not None


def _values(row: Row, header: Header) -> dict[int, str]:
    """Non-empty cells from the first year column on, by column. A row whose leading merged cells
    were dropped starts at the first year column: its leading cells hold year values."""
    cells = list(row.cells)
    leading = [c for c in cells[: header.first_year] if c.strip()]
    if leading and all(is_status_text(c) for c in leading):
        while cells and not cells[0].strip():
            cells.pop(0)
        return {header.first_year + i: c.strip() for i, c in enumerate(cells)
                if c.strip() and header.first_year + i != header.department}
    return {i: c.strip() for i, c in enumerate(cells)
            if i >= header.first_year and c.strip() and i != header.department}


def _place(item: Item, row: Row, values: dict[int, str], header: Header, result: Extraction) -> None:
    """Put a row's values into the item's year cells (a second bar joins the text after a line
    break) and its goal; a value outside every column is reported, not stored."""
    for column, text in sorted(values.items()):
        if column in header.years:
            year = header.years[column]
            if column in row.drawn and year not in item.cells:
                item.drawn.add(year)
            item.cells[year] = f"{item.cells[year]}\n{text}" if year in item.cells else text
            item.cell_rows.setdefault(year, row)
            item.has_values = True
        elif column == header.goal:
            if not (is_arrow(text) or is_dash(text)):
                item.goal = f"{item.goal}\n{text}" if item.goal else text
                item.goal_row = row
        elif column not in header.others:
            result.warn("schedules", f"schedule row {item.name}: 「{text}」 lies outside the table's columns "
                        "(more values than columns) and was not stored", row.line, row.page)


def _departments(row: Row, header: Header) -> list[str] | None:
    text = _cell(row, header.department)
    return split_departments(text)[0] if text else None


def read_items(table: Block, header: Header, result: Extraction) -> list[Item]:
    """The items of one schedule table, in order."""
    rows = table.rows[header.row + 1:]
    sub_items = any(_is_title_row(r, header) for r in rows)
    heading, departments = None, []
    items: list[Item] = []
    pending: Item | None = None  # a sub-item whose year texts are on the next row
    for row in rows:
        if not row.non_empty() or len(row.cells) <= header.first_year:
            continue  # a line among the rows that prints no year column (「企画課」 continuing a cell above)
        if sub_items and _is_title_row(row, header):
            pending = _sub_item(row, header, heading, departments)
            heading, departments = pending.heading, list(pending.departments)
            items.append(pending)
            continue
        leading = [_cell(row, c) for c in range(header.first_year) if _cell(row, c)]
        if not items and not header.text_columns and not sub_items:
            # 「R5 | R6 | R7 | R8」 over 「検討 | 導入 | 運用 | →」 under a measure's スケジュール: the measure's own steps
            items.append(_row_item(row, header, result))
            pending = None
        elif sub_items or not leading or all(is_status_text(t) for t in leading):
            _continue_item(pending or (items[-1] if items else None), row, header, result)
            pending = None
        elif block_role(leading[0]) not in STATEMENT_ROLES:  # 「実績 | …」: statements read such a row
            items.append(_row_item(row, header, result))
            pending = None
    return items


def _sub_item(row, header: Header, heading: str | None, departments: list[str]) -> Item:
    """A sub-item's title row (its years on the next row): its title in the first year column, under the
    取組 heading and departments its row gives, or those of the sub-item before it."""
    leading = [_cell(row, c) for c in header.text_columns if _cell(row, c)]
    if leading and not all(is_status_text(t) for t in leading):
        heading = leading[0]
    label, title = _label_and_title(_cell(row, header.first_year))
    return Item(heading, label, title, row, list(_departments(row, header) or departments))


def _continue_item(target: Item | None, row, header: Header, result: Extraction) -> None:
    """A row of year texts only: the cells of the item above it (a sub-item's, or the last item's)."""
    if target is None:
        result.warn("schedules", f"schedule row 「{row.non_empty()[0]}」 belongs to no item", row.line, row.page)
        return
    _place(target, row, _values(row, header), header, result)


def _row_item(row, header: Header, result: Extraction) -> Item:
    """An item printed on one row: its 取組 heading and title in the text columns, then its years."""
    if header.title is not None and _cell(row, header.title):
        # 「No. | 取組名 | 取組内容 | 担当課 | 令和6年度 …」: the named column holds the title, the numbered its label
        row_heading, label, title = None, _cell(row, header.number) or None, _cell(row, header.title)
    else:
        texts = [_cell(row, c) for c in header.text_columns]
        title_text = next((t for t in reversed(texts) if t), "")
        row_heading = next((t for t in texts if t and t != title_text), None)
        label, title = _label_and_title(title_text)
    item = Item(row_heading, label, title, row, _departments(row, header) or [])
    _place(item, row, _values(row, header), header, result)
    return item


def _warn_artefacts(item: Item, legend: dict[str, str], result: Extraction) -> None:
    where = (item.row.line, item.row.page)
    if item.label and sum(ch in CIRCLED for ch in item.label) > 1:
        result.warn("schedules", f"schedule row {item.name}: numbers 「{item.label}」 printed together, as a revised "
                    "plan prints a struck-out number beside the new one", *where)
    if any(w in item.title for w in vocabulary().schedules.revision_notes):
        result.warn("schedules", f"schedule row {item.name}: the title carries a revision note", *where)
    if not item.has_values:
        result.warn("schedules", f"schedule row {item.name}: no text in any year column", *where)
    for year, text in sorted(item.cells.items()):
        where = (item.cell_rows[year].line, item.cell_rows[year].page)
        runs = run_together(text)
        if runs:
            result.warn("schedules", f"schedule cell {item.name} {year}年度 「{text}」: steps printed without a "
                        f"separator ({'、'.join(runs)}), as a revised plan prints struck-out text beside its "
                        "replacement", *where)
        elif status_of(text, legend) == "unclassified":
            result.warn("schedules", f"schedule cell {item.name} {year}年度 「{text}」: no word in the status "
                        "vocabulary (status unclassified)", *where)


def is_legend_line(block: Block) -> bool:
    """A line explaining a schedule's marks: 「凡例：●新規実施　○継続実施 …」, 【凡例】 …"""
    return block.kind != "table" and any(block.text.lstrip("【［[(（ ").startswith(w)
                                         for w in vocabulary().schedules.legend_words)


def document_legend(doc: Document) -> dict[str, str]:
    """The marks the plan's legend lines (凡例：●新規実施　○継続実施 …) explain, first definition first."""
    legend: dict[str, str] = {}
    for block in doc.blocks:
        if is_legend_line(block):
            for mark, code in parse_legend(block.text).items():
                legend.setdefault(mark, code)
    return legend


def extract_schedules(ctx: ExtractionContext) -> Extraction:
    result = Extraction()
    owner = block_sections(ctx.sections)
    legend = ctx.legend
    seqs: dict[int | None, int] = {}
    by_row = row_measures(ctx.doc, ctx.measures)  # a 実施計画 sheet's rows: each its own measure's
    titles = {m.seq: m.title for m in ctx.measures}
    for index, block in enumerate(ctx.doc.blocks):
        header = schedule_header(block, ctx.era, ctx.settings.schedules)
        if header is None:
            continue
        table_measure = measure_of(owner.get(index), ctx.measures)
        if table_measure is None and not any((row.line, row.page) in by_row for row in block.rows):
            result.warn("schedules", "schedule table outside any measure", block.line, block.page)
        for item in read_items(block, header, result):
            measure_seq = table_measure if table_measure is not None else by_row.get((item.row.line, item.row.page))
            if not item.title:  # a table of years alone: the steps of its measure, in no measure no item
                if measure_seq not in titles:
                    result.warn("schedules", "schedule row without a title outside any measure", item.row.line, item.row.page)
                    continue
                item = replace(item, title=titles[measure_seq])
            _warn_artefacts(item, legend, result)
            seqs[measure_seq] = seqs.get(measure_seq, 0) + 1
            result.records.schedule_items.append(ScheduleItem(
                measure_seq=measure_seq, seq=seqs[measure_seq], heading=item.heading,
                label=item.label, title=item.title, departments=item.departments,
                line=item.row.line, page=item.row.page,
                cells=[ScheduleCell(fiscal_year=year, text=text, status=status_of(text, legend),
                                    drawn=1 if year in item.drawn else None)
                       for year, text in sorted(item.cells.items())],
                goal=item.goal,
                goal_line=item.goal_row.line if item.goal_row else None,
                goal_page=item.goal_row.page if item.goal_row else None,
            ))
    for section in ctx.sections:
        measure_seq = measure_of(section, ctx.measures)
        for run in step_runs(section.body(ctx.doc.blocks)):
            seqs[measure_seq] = seqs.get(measure_seq, 0) + 1
            result.records.schedule_items.append(_dated_item(run, section, measure_seq, seqs[measure_seq], ctx))
    return _in_printed_order(result)


def _in_printed_order(result: Extraction) -> Extraction:
    """Table rows and runs of dated lines in the order they were printed, numbered within each measure."""
    items = sorted(result.records.schedule_items, key=lambda i: (i.page or 0, i.line or 0))
    seqs: dict[int | None, int] = {}
    for index, item in enumerate(items):
        seqs[item.measure_seq] = seqs.get(item.measure_seq, 0) + 1
        items[index] = replace(item, seq=seqs[item.measure_seq])
    result.records.schedule_items[:] = items
    return result


def _dated_item(run: list[Step], section: Section, measure_seq: int | None, seq: int,
                ctx: ExtractionContext) -> ScheduleItem:
    """A run of 「H25:設計」 lines as the schedule item of the measure (or section) it stands in."""
    title = next((m.title for m in ctx.measures if m.seq == measure_seq), section.base_title)
    first = run[0].block
    return ScheduleItem(measure_seq=measure_seq, seq=seq, heading=None, label=None, title=title, departments=[],
                        line=first.line, page=first.page,
                        cells=[ScheduleCell(fiscal_year=s.fiscal_year, text=s.text, status=status_of(s.text, ctx.legend))
                               for s in sorted(run, key=lambda s: s.fiscal_year)],
                        goal=None, goal_line=None, goal_page=None)
