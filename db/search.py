"""Japanese search: the tokenised search index, and trigram tables for Datasette's search box.

SQLite's own FTS tokenizers cannot search Japanese words: unicode61 reads a run of Japanese as one
token, trigram cannot match a two-character word (防災, 窓口). So `search_index` holds one row per
statement, measure, schedule item, target, section heading and body passage of a document, with its
text as printed and, in `tokens`, its SudachiPy words separated by spaces: each word's surface, its
normalized form (取組 and 取り組み meet) and the normalized forms of its shortest parts (マイナンバー
finds マイナンバーカード). `search_index_fts` (FTS5, unicode61) indexes `tokens`; a query goes
through `match_expression`, the same analysis, and is read with `search_index_fts match ...`.

Separately, `statements`, `measures` and `passages` get a trigram FTS table on their printed text,
which Datasette's search box (`?_search=`) finds by itself: substrings of three or more characters.
The words themselves come from pipeline/search_tokens.py, made before the document is loaded.
All these tables are kept in step by triggers and by `index_document`, which the loader calls in the
same transaction as the document's records.
"""
from __future__ import annotations

import regex
import sqlite_utils

from pipeline.search_tokens import index_texts, index_tokens, match_expression

INDEX = "search_index"
INDEX_FTS = "search_index_fts"
COLUMNS = {"id": int, "document_id": int, "measure_id": int, "entity": str, "record_id": int, "kind": str,
           "text": str, "tokens": str, "line": int, "page": int}
# Printed-text columns with a trigram FTS table for Datasette's search box.
TRIGRAM_COLUMNS = {"statements": ["text"], "measures": ["title"], "passages": ["text"]}
# `kind` of each indexed record (a statement's kind is the one printed in its heading).
KINDS = {"measure": "施策", "schedule_item": "スケジュール", "target": "目標", "section": "見出し", "passage": "本文"}
# Records whose text may have been joined from several printed lines.
WRAPPED = ("statement", "target")
_SPACE = regex.compile(r"\s+")


def create_search_tables(db: sqlite_utils.Database) -> None:
    """Create the search index and the trigram tables with their triggers (idempotent)."""
    if not db[INDEX].exists():
        db[INDEX].create(COLUMNS, pk="id", not_null={"document_id", "entity", "record_id", "text", "tokens"},
                         foreign_keys=[("document_id", "documents", "id"), ("measure_id", "measures", "id")])
    db[INDEX].create_index(["document_id"], if_not_exists=True)
    if not db[INDEX_FTS].exists():
        db[INDEX].enable_fts(["tokens"], tokenize="unicode61", create_triggers=True)
    for table, columns in TRIGRAM_COLUMNS.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, tokenize="trigram", create_triggers=True)


def remove_document(db: sqlite_utils.Database, document_id: int) -> None:
    """Delete a document's rows from the search index (before the document itself is deleted)."""
    db.execute(f"delete from {INDEX} where document_id = ?", [document_id])


def index_document(db: sqlite_utils.Database, document_id: int, tokens: dict[str, str] | None = None) -> int:
    """(Re)build a document's rows of the search index from its records; returns how many.

    A body passage printed where a record indexed on its own is (a statement, a target …: the same
    line or a line its text was wrapped onto, or in a PDF the same text on the same page) is left out,
    so a search finds it once.
    """
    remove_document(db, document_id)
    tokens = tokens or {}
    rows = [{**row, "document_id": document_id,
             "tokens": tokens[row["text"]] if row["text"] in tokens else index_tokens(row["text"])}
            for row in _records(db, document_id)]
    rows = [row for row in rows if row["tokens"]]
    db[INDEX].insert_all(rows, pk="id")
    return len(rows)


def index_missing(db: sqlite_utils.Database) -> int:
    """Index every document that has no rows in the search index (a database made before it existed)."""
    missing = [r[0] for r in db.execute(
        f"select id from documents where id not in (select document_id from {INDEX}) order by id").fetchall()]
    with db.atomic():
        for document_id in missing:
            index_document(db, document_id)
    return len(missing)


def _records(db: sqlite_utils.Database, document_id: int) -> list[dict]:
    def query(sql):
        return list(db.query(sql, {"document": document_id}))

    measures = query("select id, section_id, title, line, page from measures where document_id = :document")
    sections = query("select id, parent_id, title, line, page from sections where document_id = :document")
    parents = {s["id"]: s["parent_id"] for s in sections}
    measure_by_section = {m["section_id"]: m["id"] for m in measures if m["section_id"] is not None}

    def measure_of_section(section_id):
        while section_id is not None and section_id not in measure_by_section:
            section_id = parents.get(section_id)
        return measure_by_section.get(section_id)

    records = [_row("measure", m["id"], m["id"], KINDS["measure"], m["title"], m) for m in measures]
    records += [_row("section", s["id"], measure_of_section(s["id"]), KINDS["section"], s["title"], s)
                for s in sections if s["id"] not in measure_by_section]
    records += [_row("schedule_item", r["id"], r["measure_id"], KINDS["schedule_item"], r["title"], r)
                for r in query("select id, measure_id, title, line, page from schedule_items "
                               "where document_id = :document")]
    records += [_row("target", r["id"], r["measure_id"], KINDS["target"], r["raw"] or r["indicator"], r)
                for r in query("select id, measure_id, indicator, raw, line, page from targets "
                               "where document_id = :document")]
    records += [_row("statement", r["id"], r["measure_id"], r["kind"], r["text"], r)
                for r in query("select id, measure_id, kind, text, line, page from statements "
                               "where document_id = :document")]
    passages = query("select id, measure_id, text, line, page from passages where document_id = :document")
    taken = _places_of(records, passages)
    records += [_row("passage", r["id"], r["measure_id"], KINDS["passage"], r["text"], r)
                for r in passages if _place(r) not in taken]
    return [r for r in records if r["text"]]


def _place(record: dict) -> tuple:
    """Where a record is printed: its line in a text source; its page and text in a PDF (no lines)."""
    if record["line"] is not None:
        return ("line", record["line"])
    return ("page", record["page"], record["text"])


def _places_of(records: list[dict], passages: list[dict]) -> set:
    """Where the records are printed, with the lines a statement's or target's text was wrapped onto:
    the passages on the following lines, without a blank line between, whose text is part of it."""
    by_line = {p["line"]: p for p in passages if p["line"] is not None}
    places = set()
    for r in records:
        places.add(_place(r))
        if r["entity"] not in WRAPPED:
            continue
        line, text = r["line"], _SPACE.sub("", r["text"] or "")
        while line is not None and line + 1 in by_line and _SPACE.sub("", by_line[line + 1]["text"]) in text:
            line += 1
            places.add(("line", line))
    return places


def _row(entity: str, record_id: int, measure_id, kind: str, text: str | None, where: dict) -> dict:
    return {"entity": entity, "record_id": record_id, "measure_id": measure_id, "kind": kind, "text": text,
            "line": where["line"], "page": where["page"]}


__all__ = ["INDEX", "INDEX_FTS", "create_search_tables", "index_document", "index_missing", "index_texts",
           "index_tokens", "match_expression", "remove_document"]
