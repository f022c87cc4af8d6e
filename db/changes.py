"""plan_changes: what changed between two consecutive revisions of a plan.

Measures and schedule items are matched by their stable `key` (renumbering keeps it). A measure that
vanished and one that appeared with the same label at the same place (seq) is one measure renamed; a
schedule item that vanished and one that appeared at the same place in the same measure is one item
renamed. Year cells are compared per fiscal year, targets by indicator, statements by their text.
What an added or removed measure contains is not listed again.
"""
from __future__ import annotations

import json
from collections import Counter

import sqlite_utils

from db.revisions import KEY_SEPARATOR, chronology, fill_document_keys, plan_date, set_current
from pipeline.cleaning import fold

ENTITY_ORDER = {"measure": 0, "schedule_item": 1, "schedule_cell": 2, "target": 3, "statement": 4}


def update_plan(db: sqlite_utils.Database, plan_id: int) -> None:
    """After a document of the plan was loaded (inside its transaction): mark the current document and
    bring plan_changes up to date with the chronological order of the plan's documents."""
    documents = chronology(db, plan_id)
    set_current(db, plan_id, documents)
    wanted = set(zip(documents, documents[1:]))
    have = {(r["from_document_id"], r["to_document_id"]) for r in db.query(
        "select distinct from_document_id, to_document_id from plan_changes where plan_id = ?", [plan_id])}
    for old, new in have - wanted:  # a revision ingested later now sits between them
        db.execute("delete from plan_changes where from_document_id = ? and to_document_id = ?", [old, new])
    for old, new in sorted(wanted - have, key=lambda pair: documents.index(pair[1])):
        rows = compare(db, old, new)
        db["plan_changes"].insert_all(
            ({"plan_id": plan_id, "from_document_id": old, "to_document_id": new, **row} for row in rows),
            pk="id")


def fill_missing(db: sqlite_utils.Database) -> None:
    """Keys, plan dates, the current revision and plan_changes of documents loaded by a version of
    Keikaku before these existed (a few quick queries when there is nothing to do)."""
    keyless = {r[0] for r in db.execute(
        "select document_id from measures where key is null union "
        "select document_id from schedule_items where key is null")}
    undated = list(db.query("select id, dated_events from documents where plan_date is null "
                            "and dated_events like '[\"%'"))
    undated = [r for r in undated if plan_date(json.loads(r["dated_events"]))]
    if not keyless and not undated:
        return
    with db.atomic():
        for document_id in keyless:
            fill_document_keys(db, document_id)
        for row in undated:
            db.execute("update documents set plan_date = ? where id = ?",
                       [plan_date(json.loads(row["dated_events"])), row["id"]])
        touched = keyless | {r["id"] for r in undated}
        for (plan_id,) in db.execute("select distinct plan_id from documents where id in ({})".format(
                ",".join("?" * len(touched))), list(touched)).fetchall():
            update_plan(db, plan_id)


def _snapshot(db: sqlite_utils.Database, document_id: int) -> dict:
    measures = {r["id"]: r for r in db.query(
        "select id, seq, label, title, key from measures where document_id = ? order by seq", [document_id])}
    items = list(db.query("select id, measure_id, seq, title, key from schedule_items where document_id = ? "
                          "order by id", [document_id]))
    cells: dict[int, dict[int, str]] = {}
    for cell in db.query("select c.schedule_item_id, c.fiscal_year, c.text from schedule_cells c join "
                         "schedule_items si on si.id = c.schedule_item_id where si.document_id = ?", [document_id]):
        cells.setdefault(cell["schedule_item_id"], {})[cell["fiscal_year"]] = cell["text"]
    targets = list(db.query("select * from targets where document_id = ? order by seq", [document_id]))
    statements = list(db.query("select measure_id, text from statements where document_id = ? order by seq",
                               [document_id]))
    return {"measures": measures, "items": items, "cells": cells, "targets": targets, "statements": statements}


def _shown(measure: dict | None) -> str | None:
    """A measure as a reader finds it: its label and title."""
    if measure is None:
        return None
    return f"{measure['label']} {measure['title']}" if measure["label"] else measure["title"]


def _target_text(target: dict) -> str:
    """A target in short: baseline and goal with their years, or the line as printed."""
    parts = []
    for side, word in (("baseline", "現状"), ("target", "目標")):
        if target[f"{side}_text"]:
            year = f"{target[f'{side}_fy']}年度 " if target[f"{side}_fy"] else ""
            parts.append(f"{word} {year}{target[f'{side}_text']}")
    return " → ".join(parts) if parts else target["raw"]


def _pair_unmatched(removed: list, added: list, place_old, place_new=None) -> list[tuple]:
    """(old, new) pairs among the unmatched that share a place (None never matches), where exactly one
    of each is at that place."""
    place_new = place_new or place_old
    by_place_old = Counter(place_old(x) for x in removed)
    by_place_new = Counter(place_new(x) for x in added)
    pairs = []
    for old in removed:
        p = place_old(old)
        if p is None or by_place_old[p] != 1 or by_place_new[p] != 1:
            continue
        pairs.append((old, next(new for new in added if place_new(new) == p)))
    return pairs


def compare(db: sqlite_utils.Database, old_id: int, new_id: int) -> list[dict]:
    """The rows of plan_changes (without plan and documents) from document old_id to document new_id."""
    comparison = _Comparison(_snapshot(db, old_id), _snapshot(db, new_id))
    comparison.measures()
    matched = comparison.schedule_items()
    comparison.schedule_cells(matched)
    comparison.targets()
    comparison.statements()
    return [row for _, row in sorted(comparison.rows, key=lambda r: (r[0][1:2], r[0][:1], r[0][2:]))]


def _own(item: dict) -> str:
    """A schedule item's key without its measure's part."""
    return item["key"].split(KEY_SEPARATOR, 1)[-1]


def _target_name(target: dict) -> str:
    return target["indicator"] or target["raw"] or ""


def _where(measure: dict | None) -> tuple:
    return (measure["seq"] if measure else 0,)


class _Comparison:
    """Two snapshots of a plan and the change rows found so far: measures first, then what sits in them
    (matched within the new revision's measure an old one became)."""

    def __init__(self, old: dict, new: dict):
        self.old, self.new = old, new
        self.rows: list[tuple[tuple, dict]] = []
        self.measure_of: dict = {}  # old measure id -> the new revision's measure
        self.added_ids: set = set()
        self.removed_ids: set = set()

    def add(self, entity, item_key, change, old_text=None, new_text=None, measure=None, fiscal_year=None, order=()):
        self.rows.append(((ENTITY_ORDER[entity],) + order, {
            "entity": entity, "item_key": item_key, "fiscal_year": fiscal_year, "change": change,
            "old_text": old_text, "new_text": new_text, "measure": _shown(measure)}))

    def new_measure(self, old_measure_id):
        """The new revision's measure for an old row, or None."""
        return self.measure_of.get(old_measure_id)

    def mapped(self, old_measure_id):
        """An old measure as the new revision's measure id (or as itself)."""
        if old_measure_id is None:
            return None
        measure = self.new_measure(old_measure_id)
        return measure["id"] if measure else ("old", old_measure_id)

    def measures(self) -> None:
        """Matched by key; renamed when an unmatched pair shares label and place."""
        old_m = {m["key"]: m for m in self.old["measures"].values()}
        new_m = {m["key"]: m for m in self.new["measures"].values()}
        gone = [m for k, m in old_m.items() if k not in new_m]
        came = [m for k, m in new_m.items() if k not in old_m]
        renamed = _pair_unmatched(gone, came, lambda m: (m["seq"], m["label"]))
        self.measure_of = {m["id"]: new_m[k] for k, m in old_m.items() if k in new_m}
        for o, n in renamed:
            self.measure_of[o["id"]] = n
            self.add("measure", n["title"], "changed", o["title"], n["title"], n, order=(n["seq"],))
        for m in gone:
            if m["id"] not in self.measure_of:
                self.add("measure", m["title"], "removed", old_text=m["title"], measure=m, order=(m["seq"],))
        renamed_to = {n["id"] for _, n in renamed}
        self.added_ids = {m["id"] for m in came if m["id"] not in renamed_to}
        self.removed_ids = {m["id"] for m in gone if m["id"] not in self.measure_of}
        for m in came:
            if m["id"] in self.added_ids:
                self.add("measure", m["title"], "added", new_text=m["title"], measure=m, order=(m["seq"],))

    def schedule_items(self) -> list[tuple[dict, dict]]:
        """Matched by (measure in the new revision, own key); the pairs whose cells are compared."""
        old_items = {(self.mapped(i["measure_id"]), _own(i)): i for i in self.old["items"]}
        new_items = {(i["measure_id"], _own(i)): i for i in self.new["items"]}
        matched = [(old_items[k], new_items[k]) for k in new_items if k in old_items]
        gone = [i for k, i in old_items.items() if k not in new_items]
        came = [i for k, i in new_items.items() if k not in old_items]
        renamed = _pair_unmatched(gone, came, lambda i: (self.mapped(i["measure_id"]), i["seq"]),
                                  lambda i: (i["measure_id"], i["seq"]))
        renamed_old, renamed_new = {o["id"] for o, _ in renamed}, {n["id"] for _, n in renamed}
        for o, n in renamed:
            m = self.new["measures"].get(n["measure_id"])
            self.add("schedule_item", n["title"], "changed", o["title"], n["title"], m, order=_where(m) + (n["seq"],))
        for i in gone:
            if i["id"] not in renamed_old and i["measure_id"] not in self.removed_ids:
                m = self.old["measures"].get(i["measure_id"])
                self.add("schedule_item", i["title"], "removed", old_text=i["title"], measure=m,
                         order=_where(self.new_measure(i["measure_id"]) or m) + (i["seq"],))
        for i in came:
            if i["id"] not in renamed_new and i["measure_id"] not in self.added_ids:
                m = self.new["measures"].get(i["measure_id"])
                self.add("schedule_item", i["title"], "added", new_text=i["title"], measure=m,
                         order=_where(m) + (i["seq"],))
        return matched + renamed

    def schedule_cells(self, pairs: list[tuple[dict, dict]]) -> None:
        for o, n in pairs:
            before, after = self.old["cells"].get(o["id"], {}), self.new["cells"].get(n["id"], {})
            m = self.new["measures"].get(n["measure_id"])
            for year in sorted(set(before) | set(after)):
                a, b = before.get(year), after.get(year)
                if a is not None and b is not None and fold(a) == fold(b):
                    continue
                change = "added" if a is None else "removed" if b is None else "changed"
                self.add("schedule_cell", n["title"], change, a, b, m, year, order=_where(m) + (n["seq"], year))

    def _keyed(self, rows: list[dict], side: str, text_of) -> dict:
        """Targets and statements matched within their measure (as mapped), by indicator or by text."""
        seen: Counter = Counter()
        result = {}
        for row in rows:
            place = self.mapped(row["measure_id"]) if side == "old" else row["measure_id"]
            key = (place, fold(text_of(row)))
            seen[key] += 1
            result[key + (seen[key],)] = row
        return result

    def targets(self) -> None:
        old_t = self._keyed(self.old["targets"], "old", _target_name)
        new_t = self._keyed(self.new["targets"], "new", _target_name)
        for key in list(old_t) + [k for k in new_t if k not in old_t]:
            o, n = old_t.get(key), new_t.get(key)
            if o and n and fold(_target_text(o)) == fold(_target_text(n)):
                continue
            if (o and o["measure_id"] in self.removed_ids) or (n and n["measure_id"] in self.added_ids):
                continue
            m = self.new["measures"].get(n["measure_id"]) if n else self.old["measures"].get(o["measure_id"])
            change = "added" if o is None else "removed" if n is None else "changed"
            self.add("target", _target_name(n or o), change, o and _target_text(o), n and _target_text(n), m,
                     order=_where(self.new_measure(o["measure_id"]) if o and not n else m) + ((n or o)["seq"],))

    def statements(self) -> None:
        old_s = self._keyed(self.old["statements"], "old", lambda s: s["text"])
        new_s = self._keyed(self.new["statements"], "new", lambda s: s["text"])
        for key, s in old_s.items():
            if key not in new_s and s["measure_id"] not in self.removed_ids:
                m = self.old["measures"].get(s["measure_id"])
                self.add("statement", s["text"], "removed", old_text=s["text"], measure=m,
                         order=_where(self.new_measure(s["measure_id"]) or m) + (0,))
        for key, s in new_s.items():
            if key not in old_s and s["measure_id"] not in self.added_ids:
                m = self.new["measures"].get(s["measure_id"])
                self.add("statement", s["text"], "added", new_text=s["text"], measure=m, order=_where(m) + (1,))
