"""What an ingest writes and reads about its files without loading one: the batch number, a row of
ingest_log per attempt, and what is loaded already for a file's sha256.

Each function takes a plain sqlite3 connection or a sqlite_utils.Database (both have `execute`), so
that an ingest whose files are all loaded already runs without sqlite-utils (db/connection.py).
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from db.connection import Connection

COUNTED = ("toc_entries", "sections", "measures", "schedule_items", "schedule_cells", "targets", "statements")
LOG_COLUMNS = ("batch", "file", "sha256", "size", "started_at", "finished_at", "outcome", "message", "counts",
               "document_id")


@dataclass(frozen=True)
class LoadResult:
    document_id: int
    revision: int
    counts: dict
    warnings: int
    unchanged: bool = False


def find_document(db: Connection, sha256: str) -> dict | None:
    """The documents row of a file with these bytes, or None."""
    cursor = db.execute("select * from documents where sha256 = ?", [sha256])
    row = cursor.fetchone()
    return dict(zip((c[0] for c in cursor.description), row)) if row else None


def document_counts(db: Connection, document_id: int) -> dict:
    """Records per table, and the lines not understood (None for a document loaded before they were counted)."""
    counts = {}
    for table in ("toc_entries", "sections", "measures", "statements", "targets"):
        counts[table] = db.execute(f"select count(*) from {table} where document_id = ?", [document_id]).fetchone()[0]
    counts["schedule_items"] = db.execute(
        "select count(*) from schedule_items where document_id = ?", [document_id]).fetchone()[0]
    counts["schedule_cells"] = db.execute(
        "select count(*) from schedule_cells where schedule_item_id in "
        "(select id from schedule_items where document_id = ?)", [document_id]).fetchone()[0]
    counts["lines_not_understood"] = db.execute(
        "select lines_not_understood from documents where id = ?", [document_id]).fetchone()[0]
    return counts


def existing_result(db: Connection, document: dict) -> LoadResult:
    """What is already loaded for a document row: nothing is written."""
    warnings = db.execute("select count(*) from warnings where document_id = ?", [document["id"]]).fetchone()[0]
    return LoadResult(document["id"], document["revision"], document_counts(db, document["id"]), warnings, True)


def next_batch(db: Connection) -> int:
    """The number of a new `ingest` run in ingest_log, reserved in table ingest_batches (call it inside
    a write transaction: two runs at once then get two numbers)."""
    number = db.execute("select max(coalesce((select max(id) from ingest_batches), 0), "
                        "coalesce((select max(batch) from ingest_log), 0)) + 1").fetchone()[0]
    db.execute("insert into ingest_batches (id, started_at, pid) values (?, ?, ?)",
               [number, datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), os.getpid()])
    return number


def finish_batch(db: Connection, batch: int, finished_at: str, peak_worker_memory: int) -> None:
    db.execute("update ingest_batches set finished_at = ?, peak_worker_memory = ? where id = ?",
               [finished_at, peak_worker_memory, batch])


def log_attempt(db: Connection, row: dict) -> None:
    """One row of ingest_log (the keys of LOG_COLUMNS); inside the caller's transaction when one is open."""
    db.execute(f"insert into ingest_log ({', '.join(LOG_COLUMNS)}) values ({', '.join('?' * len(LOG_COLUMNS))})",
               [row[c] for c in LOG_COLUMNS])


__all__ = ["COUNTED", "LoadResult", "document_counts", "existing_result", "find_document", "finish_batch",
           "log_attempt", "next_batch"]
