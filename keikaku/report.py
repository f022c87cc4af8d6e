"""`keikaku report FILE`: what Keikaku understood of one document, and what it did not.

For one document: the records each extractor produced, the block words recognised (現状, 担当課 …)
and what each table was read as, per measure what was found under it, where every line went (records,
headings, background, not understood: extractors/accounting.py) and each line not understood, with the
reason.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from extractors import Extraction, extract_all
from extractors.kpi_tables import kpi_header
from extractors.year_kpis import year_kpis
from extractors.schedules import is_legend_line, is_period_chart, read_header, schedule_header
from pipeline import ReadError, read_document
from pipeline.cleaning import fold
from pipeline.model import Block, Document
from pipeline.records import ExtractionWarning, Metadata, Records, lines_of
from pipeline.records import row as plain_row
from pipeline.vocabulary import block_role, leading_block_role, vocabulary

NOT_UNDERSTANDING = ("passages",)
MAX_SHOWN = 60  # characters of a line shown in the report


class ReportError(Exception):
    """The file cannot be read as a plan; the message says why in one line."""


@dataclass
class Report:
    source: str
    extent: str
    plan: str
    counts: dict[str, int]
    warnings: list[dict]
    block_words: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # role -> (word, where)
    tables: list[tuple[str, str]] = field(default_factory=list)                # (where, read as)
    measures: list[str] = field(default_factory=list)
    not_understood: list[tuple[str, str, str]] = field(default_factory=list)   # (where, why, text)
    shares: str = ""  # where the lines went: 「lines in records 71%, headings 9%, …」


def _where(line: int | None, page: int | None, doc: Document) -> str:
    """A PDF's page; the place in the file of a web page, Word or Excel document; a text's line."""
    if doc.page_count:
        return f"page {page}"
    return doc.locations.get(line) or f"line {line}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _record_lines(records: Records) -> set[int]:
    lines = set()
    for table, found in records.tables():
        if table in NOT_UNDERSTANDING:
            continue
        for record in found:
            lines.update(line for line in lines_of(record) if isinstance(line, int))
    return lines


def build_report(doc: Document, extraction: Extraction | None = None) -> Report:
    """What was and was not understood in one document, from the records of an extraction of it (run here
    when not given)."""
    extraction = extraction or extract_all(doc, keep_reading_lines=True)
    records = extraction.records
    counts = {table: len(found) for table, found in records.tables() if table != "metadata"}
    counts["schedule_cells"] = sum(len(i.cells) for i in records.schedule_items)
    extent = f"{doc.page_count} pages" if doc.page_count else f"{doc.line_count} lines"
    warnings = [{**plain_row(w), "place": _warning_place(w, doc)} for w in extraction.warnings]
    report = Report(doc.source, f"{doc.source_format}, {extent}", _plan_line(records), counts, warnings)
    report.block_words = _block_words(doc, extraction, report.tables)
    account = extraction.accounting
    report.shares = account.summary()
    report.not_understood = [(_where(line, page, doc), why, _short(text))
                             for line, page, why, text in account.not_understood]
    report.measures = _measure_lines(records, doc)
    return report


def _plan_line(records: Records) -> str:
    meta = (records.metadata or [Metadata()])[0]
    period = (f", FY{meta.period_start_fy}–{meta.period_end_fy}"
              if meta.period_start_fy and meta.period_end_fy else "")
    return f"{meta.title or '(no title found)'} ({meta.prefecture or '?'} " \
           f"{meta.municipality or '?'}){period}"


def _block_words(doc: Document, extraction: Extraction, tables: list) -> dict[str, list[tuple[str, str]]]:
    """Block words, legend lines and captions by role, each with where it is; each table's reading is
    appended to `tables`."""
    records, context = extraction.records, extraction.context
    used_lines = _record_lines(records)
    toc_lines = {e.line for e in records.toc_entries}
    caption_starts = vocabulary().statements.caption_starts
    measure_titles = [fold(m.title) for m in records.measures]
    block_words: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for block in doc.blocks:
        where = _where(block.line, block.page, doc)
        if block.kind == "table":
            tables.append((where, _table_reading(block, context.era, used_lines, toc_lines, measure_titles,
                                                 block_words, doc)))
            continue
        role = block_role(block.text)
        leading = leading_block_role(block.text) if role is None else None
        if role or leading:
            word = block.text if role else block.text[: len(block.text) - len(leading[1])].rstrip(" :：\u3000")
            block_words[role or leading[0]].append((_short(word), where))
        elif context.legend and is_legend_line(block):
            block_words["legend"].append((_short(block.text), where))
        elif any(block.text.startswith(c) for c in caption_starts) and block.line not in used_lines:
            block_words["caption"].append((_short(block.text), where))
    return dict(block_words)


def _measure_lines(records: Records, doc: Document) -> list[str]:
    lines = []
    for m in records.measures:
        items = [i for i in records.schedule_items if i.measure_seq == m.seq]
        targets = sum(1 for t in records.targets if t.measure_seq == m.seq)
        statements = sum(1 for s in records.statements if s.measure_seq == m.seq)
        departments = "、".join(m.departments) or "no department"
        lines.append(
            f"{_where(m.line, m.page, doc)}  {m.label or ''} {m.title}: {len(items)} schedule items, "
            f"{sum(len(i.cells) for i in items)} cells, {targets} targets, {statements} statements; {departments}")
    return lines


def _kpi_reading(block: Block, rows: str, used_lines: set) -> str | None:
    """What a KPI table gave: by its column names, or by years with 目標 / 実績 rows."""
    header = kpi_header(block)
    if header is not None:
        found = sum(1 for r in block.rows[header.row + 1:] if r.line in used_lines)
        return f"KPI table ({rows}): {found} targets"
    by_year = year_kpis(block)
    years = sorted({kpi.target[0] for kpi in by_year if kpi.target[0]})
    if not by_year:
        return None
    span = f" FY{years[0]}–{years[-1]}" if years else ""
    return f"KPI table by year{span} ({rows}): {len(by_year)} targets"


def _table_reading(block: Block, era, used_lines: set, toc_lines: set, measure_titles: list[str],
                   block_words: dict, doc: Document) -> str:
    rows = f"{len(block.rows)} rows"
    kpis = _kpi_reading(block, rows, used_lines)
    if kpis:
        return kpis
    header = schedule_header(block, era)
    if header is not None:
        found = sum(1 for r in block.rows[header.row + 1:] if r.line in used_lines)
        years = sorted(header.years.values())
        return f"schedule table FY{years[0]}–{years[-1]} ({rows}): {found} rows start schedule items"
    dated = read_header(block, era)
    if dated is not None:
        kind = "a chart of plan periods" if is_period_chart(block, dated) else "figures by year (statistics)"
        return f"{kind} ({rows}): not a schedule"
    if any(r.line in toc_lines for r in block.rows):
        return f"目次 ({rows})"
    roles = _row_block_words(block, block_words, doc)
    if roles:
        return f"block table ({rows}): {', '.join(dict.fromkeys(roles))}"
    if any(r.line in used_lines for r in block.rows):
        return f"table ({rows}): used by the extractors"
    titled = sum(1 for r in block.rows if any(t and t in fold(c) for c in r.cells for t in measure_titles))
    if titled >= 2:
        return f"overview ({rows}): repeats {titled} measure titles"
    return f"not understood ({rows})"


def _row_block_words(block: Block, block_words: dict, doc: Document) -> list[str]:
    """The roles of a table's rows opened by a block word (「担当課 | 総務課」), each word noted with its place."""
    roles = []
    for row in block.rows:
        cells = row.non_empty()
        role = block_role(cells[0]) if cells else None
        if role:
            roles.append(role)
            block_words[role].append((_short(cells[0]), _where(row.line, row.page, doc)))
    return roles


def _warning_place(warning: ExtractionWarning, doc: Document) -> str:
    if warning.line is None and warning.page is None:
        return "document"
    return _where(warning.line, warning.page, doc)


def format_report(report: Report) -> list[str]:
    lines = [f"{report.source}: {report.extent}", f"  plan: {report.plan}",
             "  records: " + ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in report.counts.items())
             + f"; {len(report.warnings)} warnings"]
    lines.append("  block words recognised:")
    for role, found in sorted(report.block_words.items()):
        printed = "、".join(dict.fromkeys(w for w, _ in found))
        lines.append(f"    {role} ×{len(found)} ({printed}): {', '.join(w for _, w in found[:8])}"
                     + (" …" if len(found) > 8 else ""))
    if not report.block_words:
        lines.append("    none")
    lines.append(f"  tables ({len(report.tables)}):")
    lines.extend(f"    {where}: {reading}" for where, reading in report.tables)
    lines.append(f"  measures ({len(report.measures)}):")
    lines.extend(f"    {m}" for m in report.measures)
    lines.append(f"  {report.shares}")
    lines.append(f"  not understood ({len(report.not_understood)}):")
    lines.extend(f"    {where}: {why}: {text}" for where, why, text in report.not_understood)
    if report.warnings:
        lines.append(f"  warnings ({len(report.warnings)}):")
        lines.extend(f"    {w['place']}: {w['stage']}: {w['message']}"
                     for w in report.warnings)
    return lines


def report_lines(path: str) -> list[str]:
    """The report of one file, as printed lines. Raises ReportError with a one-line reason."""
    try:
        doc = read_document(path)
    except ReadError as e:
        raise ReportError(str(e)) from None
    except OSError as e:
        raise ReportError(e.strerror or str(e)) from None
    report = build_report(doc)
    report.source = str(path)
    return format_report(report)
