"""Revisions of one plan: stable keys for measures and schedule items, the plan's own date, which
document is current, and the order in which revisions follow each other."""
from __future__ import annotations

from collections import Counter
from typing import Callable

import sqlite_utils

from pipeline.analysis import title_key
from pipeline.eras import ERA_YEAR, GREGORIAN_YEAR, era_to_gregorian, kanji_number

# Parts of a schedule item's key: its measure's key and its own (a key part never has white space).
KEY_SEPARATOR = " / "


def unique_keys(keys: list[str]) -> list[str]:
    """Keys made unique within one document by their order: the second 'x' becomes 'x#2'."""
    seen: Counter = Counter()
    result = []
    for key in keys:
        seen[key] += 1
        result.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return result


def measure_keys(measures: list[dict], key_of: Callable[[str | None], str] = title_key) -> list[str]:
    """The key of each measure of one document, in order; `key_of` gives a title's key (made before
    loading: pipeline.analysis)."""
    return unique_keys([key_of(m["title"]) for m in measures])


def item_keys(items: list[dict], measure_key_of: dict, key_of: Callable[[str | None], str] = title_key) -> list[str]:
    """The key of each schedule item of one document: its measure's key and its own title (with the
    取組 heading when the table has one). `measure_key_of` maps an item's measure to that measure's key."""
    keys = []
    for item in items:
        own = key_of(item["title"])
        if item.get("heading"):
            own = key_of(item["heading"]) + "/" + own
        keys.append(measure_key_of.get(item["measure"], "") + KEY_SEPARATOR + own)
    return unique_keys(keys)


def plan_date(dated_events: list[str]) -> str | None:
    """The latest 策定 / 改定 date printed on the cover as 'YYYY-MM' ('YYYY' without a month), or None."""
    dates = []
    for event in dated_events:
        m = ERA_YEAR.search(event)
        if m:
            year = era_to_gregorian(m.group("era"), kanji_number(m.group("year")))
            month = m.group("month") or m.group("month2")
        else:
            m = GREGORIAN_YEAR.search(event)
            if not m:
                continue
            year, month = int(m.group("greg")), m.group("month")
        dates.append(f"{year:04d}-{int(month):02d}" if month else f"{year:04d}")
    return max(dates) if dates else None


def chronology(db: sqlite_utils.Database, plan_id: int) -> list[int]:
    """The plan's documents, oldest first: by the plan's own date; a document without one is taken to
    be as new as the document ingested before it; ties in ingestion order (revision)."""
    rows = list(db.query("select id, revision, plan_date from documents where plan_id = ? order by revision",
                         [plan_id]))
    ordered, carried = [], ""
    for row in rows:
        carried = row["plan_date"] or carried
        ordered.append((carried, row["revision"], row["id"]))
    return [document_id for _, _, document_id in sorted(ordered)]


def set_current(db: sqlite_utils.Database, plan_id: int, documents: list[int]) -> None:
    """is_current = 1 on the newest of `documents` (in chronological order), 0 on the others."""
    db.execute("update documents set is_current = (id = ?) where plan_id = ?", [documents[-1], plan_id])


def fill_document_keys(db: sqlite_utils.Database, document_id: int) -> None:
    measures = list(db.query("select id, title from measures where document_id = ? order by seq", [document_id]))
    keys = dict(zip((m["id"] for m in measures), measure_keys(measures)))
    for measure_id, key in keys.items():
        db.execute("update measures set key = ? where id = ?", [key, measure_id])
    items = list(db.query("select id, measure_id as measure, heading, title from schedule_items "
                          "where document_id = ? order by id", [document_id]))
    for item, key in zip(items, item_keys(items, keys)):
        db.execute("update schedule_items set key = ? where id = ?", [key, item["id"]])
