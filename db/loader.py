"""Loads one document's records into the database: one transaction per document."""
from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Callable

import sqlite_utils

from db.changes import update_plan
from db.ingest_log import LoadResult, document_counts, existing_result, find_document
from db.revisions import item_keys, measure_keys, plan_date
from db.schema import refresh_labels
from db.search import index_document
from db.topics import map_document, store_topics
from db.warning_codes import describe
from pipeline.analysis import Analysis, title_key
from pipeline.records import Measure, Metadata, Record, Records, ScheduleItem, row

if TYPE_CHECKING:
    from extractors import Extraction

# Record fields that point to another record by its seq -> (the column that holds that record's id, its table).
LINKS = {"parent_seq": ("parent_id", "sections"), "section_seq": ("section_id", "sections"),
         "measure_seq": ("measure_id", "measures")}
# Record fields stored in tables of their own (departments, cells) or not at all (a schedule item's goal
# is also a target).
NOT_COLUMNS = frozenset({"departments", "cells", "goal", "goal_line", "goal_page"})


def _key_of(analysis: Analysis | None) -> Callable[[str | None], str]:
    """A title's key, as the analysis made it before loading (else made here: a caller without one)."""
    keys = analysis.title_keys if analysis is not None else {}
    return lambda title: keys[title] if title in keys else title_key(title)


def _plan_key(title: str | None, source_file: str, key_of: Callable[[str | None], str]) -> str:
    """Identity of a plan within its municipality: the title's key (or, untitled, its file)."""
    if not title:
        return "file:" + source_file
    return key_of(title)


def _accounting_columns(extraction: Extraction) -> dict:
    account = extraction.accounting
    if account is None:
        return {}
    shares = account.shares()
    return {"share_records": round(shares["records"], 4), "share_headings": round(shares["headings"], 4),
            "share_background": round(shares["background"], 4),
            "share_not_understood": round(shares["not_understood"], 4),
            "lines_not_understood": account.counts["not_understood"]}


def load_document(db: sqlite_utils.Database, source_file: str, sha256: str, source_format: str,
                  extraction: Extraction, line_count: int = 0, page_count: int = 0,
                  analysis: Analysis | None = None) -> LoadResult:
    """Insert everything extracted from one file and its rows of the search index, all or nothing.
    `analysis` is its records' analysis made beforehand (pipeline.analysis: search tokens, title keys,
    topics); without it, they are made here.

    One transaction (a savepoint when the caller has one open): sqlite-utils commits every write
    made outside a transaction, so `with db.conn:` would not do.
    """
    existing = find_document(db, sha256)
    if existing:
        return existing_result(db, existing)
    meta = (extraction.records.metadata or [Metadata()])[0]
    key_of = _key_of(analysis)
    with db.atomic():
        plan_id = _plan(db, meta, _plan_key(meta.title, source_file, key_of))
        revision = db.execute("select coalesce(max(revision), 0) + 1 from documents where plan_id = ?",
                              [plan_id]).fetchone()[0]
        document_id = db["documents"].insert({
            "plan_id": plan_id, "source_file": source_file, "sha256": sha256, "source_format": source_format,
            "revision": revision, "is_current": 0,  # set by update_plan
            "ingested_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "title": meta.title, "period_source": meta.period_source,
            "dated_events": json.dumps(meta.dated_events, ensure_ascii=False),
            "plan_date": plan_date(meta.dated_events),
            "is_draft": int(bool(meta.is_draft)),
            # a PDF has pages; its line numbers are only the reader's reading order
            "line_count": None if page_count else line_count, "page_count": page_count or None,
            **_accounting_columns(extraction),
        }).last_pk
        measure_ids, item_ids = _insert_records(db, document_id, extraction, key_of)
        index_document(db, document_id, analysis.tokens if analysis is not None else None)
        if analysis is not None:  # mapped where the document was read
            store_topics(db, document_id, analysis.topics, measure_ids, item_ids)
        else:
            map_document(db, document_id)
        update_plan(db, plan_id)
        refresh_labels(db)
    warnings = len(extraction.warnings)
    return LoadResult(document_id, revision, document_counts(db, document_id), warnings)


def _plan(db: sqlite_utils.Database, meta: Metadata, key: str) -> int:
    """The id of the plan a document is a revision of (the same town and title key), made when it is
    the first; its municipality made or given its prefecture, its period set from this revision."""
    municipality_id = None
    if meta.municipality:
        municipality_id = db["municipalities"].lookup({"name": meta.municipality})
        if meta.prefecture:
            db["municipalities"].update(municipality_id, {"prefecture": meta.prefecture})
    plan_rows = list(db.query("select id from plans where municipality_id is ? and title_key = ?",
                              [municipality_id, key]))
    if plan_rows:
        plan_id = plan_rows[0]["id"]
    else:
        plan_id = db["plans"].insert({"municipality_id": municipality_id, "title": meta.title,
                                      "title_key": key}).last_pk
    db["plans"].update(plan_id, {"period_start_fy": meta.period_start_fy,
                                 "period_end_fy": meta.period_end_fy})
    return plan_id


def _next_ids(db: sqlite_utils.Database, table: str, records: list) -> list[int]:
    """Ids for new rows of `table`, given here so that rows can point to each other before insertion."""
    start = db.execute(f"select coalesce(max(id), 0) + 1 from {table}").fetchone()[0]
    return list(range(start, start + len(records)))


def _insert_records(db: sqlite_utils.Database, document_id: int, extraction: Extraction,
                    key_of: Callable[[str | None], str]) -> tuple[dict, dict]:
    """All records of one document, table by table in batches (a row at a time costs sqlite-utils
    several queries per row); the ids given to its measures by their seq and to its schedule items by
    their position in the records (an item's seq counts within its measure)."""
    records = extraction.records
    department = _Departments(db)
    ids = {"sections": _insert_outline(db, document_id, records)}
    ids["measures"], keys = _insert_measures(db, document_id, records.measures, ids, department, key_of)
    item_ids = _insert_schedule(db, document_id, records.schedule_items, ids, keys, department, key_of)
    for table, found in (("passages", records.passages), ("statements", records.statements),
                         ("targets", records.targets)):
        db[table].insert_all(_row(record, document_id, ids) for record in found)
    db["warnings"].insert_all(({"document_id": document_id, **row(w),
                                **dict(zip(("code", "message_ja"), describe(w.message)))}
                               for w in extraction.warnings))
    return ids["measures"], dict(enumerate(item_ids))


def _row(record: Record, document_id: int, ids: dict[str, dict[int, int]], **columns) -> dict:
    """A record as a row of its table: its fields (pipeline.records.row) with the seq of each record it
    points to replaced by that record's id (`ids`: table -> seq -> id), the document's id and `columns`."""
    found = {"document_id": document_id}
    for name, value in row(record).items():
        if name in LINKS:
            column, table = LINKS[name]
            found[column] = ids[table].get(value)
        elif name not in NOT_COLUMNS:
            found[name] = value
    return {**found, **columns}


class _Departments:
    """The id of a department by its name, looked up (or added) once per document."""

    def __init__(self, db: sqlite_utils.Database):
        self.db, self.ids = db, {}

    def __call__(self, name: str) -> int:
        if name not in self.ids:
            self.ids[name] = self.db["departments"].lookup({"name": name})
        return self.ids[name]


def _insert_outline(db: sqlite_utils.Database, document_id: int, records: Records) -> dict:
    """The 目次 and the section tree; the ids given to the sections, by their seq."""
    db["toc_entries"].insert_all(_row(e, document_id, {}) for e in records.toc_entries)
    sections = records.sections
    section_ids = dict(zip((s.seq for s in sections), _next_ids(db, "sections", sections)))
    db["sections"].insert_all((_row(s, document_id, {"sections": section_ids}, id=section_ids[s.seq])
                               for s in sections), pk="id")
    return section_ids


def _insert_measures(db: sqlite_utils.Database, document_id: int, measures: list[Measure], ids: dict,
                     department: _Departments, key_of: Callable[[str | None], str]) -> tuple[dict, dict]:
    """The measures and their departments; their ids and keys across revisions, by their seq."""
    measure_ids = dict(zip((m.seq for m in measures), _next_ids(db, "measures", measures)))
    keys = dict(zip((m.seq for m in measures), measure_keys([{"title": m.title} for m in measures], key_of)))
    db["measures"].insert_all((_row(m, document_id, ids, id=measure_ids[m.seq], key=keys[m.seq]) for m in measures),
                              pk="id")
    db["measure_departments"].insert_all(
        ({"measure_id": measure_ids[m.seq], "department_id": department(name)}
         for m in measures for name in m.departments), pk=("measure_id", "department_id"), ignore=True)
    return measure_ids, keys


def _insert_schedule(db: sqlite_utils.Database, document_id: int, items: list[ScheduleItem], ids: dict,
                     keys: dict, department: _Departments, key_of: Callable[[str | None], str]) -> list[int]:
    """The schedule items with their year cells and departments; their ids, in the records' order."""
    item_ids = _next_ids(db, "schedule_items", items)
    own_keys = item_keys([{"measure": i.measure_seq, "heading": i.heading, "title": i.title} for i in items],
                         keys, key_of)
    db["schedule_items"].insert_all((_row(item, document_id, ids, id=item_id, key=key)
                                     for item_id, item, key in zip(item_ids, items, own_keys)), pk="id")
    db["schedule_cells"].insert_all(({"schedule_item_id": item_id, "drawn": 0, **row(cell)}
                                     for item_id, item in zip(item_ids, items) for cell in item.cells),
                                    pk=("schedule_item_id", "fiscal_year"))
    db["schedule_item_departments"].insert_all(
        ({"schedule_item_id": item_id, "department_id": department(name)}
         for item_id, item in zip(item_ids, items) for name in item.departments),
        pk=("schedule_item_id", "department_id"), ignore=True)
    return item_ids


__all__ = ["LoadResult", "document_counts", "existing_result", "find_document", "load_document"]
