"""`keikaku diff`: the changes between consecutive revisions of a plan, as readable Japanese lines."""
from __future__ import annotations

import sqlite_utils

from db.revisions import chronology
from pipeline.cleaning import fold

CHANGE_JA = {"added": "追加", "removed": "削除", "changed": "変更"}
ENTITY_JA = {"schedule_item": "項目", "target": "目標", "statement": "記述"}
LONG = 80  # characters of a quoted text shown before it is cut with …


class NoSuchPlan(Exception):
    """No plan or document matches what was asked for."""


def find_pairs(db: sqlite_utils.Database, query: str) -> list[dict]:
    """The consecutive revisions (from, to) asked for, oldest first: a plan id, a document's source_file
    (the revisions that lead to it) or part of a plan's title (all its revisions)."""
    return [_pair(db, document_id) for document_id in _asked_documents(db, query.strip())]


def _asked_documents(db: sqlite_utils.Database, query: str) -> list[int]:
    """The documents whose changes are asked for: a document by its source_file, or every revision of the
    plans a plan id, a title or a municipality names after the first (or the only one), in the plan's
    chronological order."""
    plan_ids: list[int] = []
    documents: list[int] = []
    if query.isdigit() and db.execute("select 1 from plans where id = ?", [int(query)]).fetchone():
        plan_ids = [int(query)]
    else:
        documents = [r["id"] for r in db.query("select id, source_file from documents order by id")
                     if r["source_file"] == query or r["source_file"].endswith("/" + query)]
    if not plan_ids and not documents:
        wanted = fold(query)  # every plan whose title or municipality holds the words (a town's name: all its plans)
        plan_ids = [r["id"] for r in db.query(
            "select p.id, p.title, m.name from plans p left join municipalities m on m.id = p.municipality_id "
            "order by p.id") if wanted and any(wanted in fold(x or "") for x in (r["title"], r["name"]))]
    if not plan_ids and not documents:
        raise NoSuchPlan(f"no plan or document matches {query!r} (give a plan id, part of a plan title or "
                         "municipality name, or a document's source_file)")
    if plan_ids:
        chains = [chronology(db, plan_id) for plan_id in plan_ids]
        documents = [d for chain in chains for d in (chain[1:] or chain)]
    return documents


def _pair(db: sqlite_utils.Database, document_id: int) -> dict:
    """A document, the revision before it in its plan's chronology, and the changes between them."""
    doc = _document(db, document_id)
    order = chronology(db, doc["plan_id"])
    position = order.index(document_id)
    if position == 0:
        return {"to": doc, "from": None, "changes": []}
    before = _document(db, order[position - 1])
    rows = list(db.query("select * from plan_changes where from_document_id = ? and to_document_id = ? "
                         "order by id", [before["id"], document_id]))
    return {"to": doc, "from": before, "changes": rows}


def _document(db: sqlite_utils.Database, document_id: int) -> dict:
    return next(db.query(
        "select d.id, d.plan_id, d.revision, d.source_file, d.is_current, p.title, m.name as municipality "
        "from documents d join plans p on p.id = d.plan_id left join municipalities m on m.id = p.municipality_id "
        "where d.id = ?", [document_id]))


def _quoted(text: str | None) -> str:
    text = " ".join((text or "").split())
    return f"「{text[:LONG]}…」" if len(text) > LONG else f"「{text}」"


def change_line(row: dict) -> str:
    """One change as a reader says it: where (施策, 項目), which year, 追加 / 削除 / 変更, the texts."""
    where = f"施策 {row['measure']}" if row["measure"] else "計画全体"
    if row["entity"] != "measure":
        name = "" if row["entity"] == "statement" else f" {row['item_key']}"
        where += f" / {ENTITY_JA.get(row['entity'], ENTITY_JA['schedule_item'])}{name}"
    year = f"{row['fiscal_year']}年度 " if row["fiscal_year"] else ""
    change = CHANGE_JA[row["change"]]
    if row["change"] == "changed":
        texts = f" {_quoted(row['old_text'])}→{_quoted(row['new_text'])}"
    elif row["entity"] in ("measure", "schedule_item"):
        texts = ""
    else:
        texts = " " + _quoted(row["new_text"] if row["change"] == "added" else row["old_text"])
    return f"{where}: {year}{change}{texts}"


def diff_lines(db: sqlite_utils.Database, query: str) -> list[str]:
    """What `keikaku diff QUERY` prints: a heading per pair of revisions, then one line per change."""
    lines = []
    for pair in find_pairs(db, query):
        doc = pair["to"]
        plan = " ".join(x for x in (doc["municipality"], (doc["title"] or "").strip() or f"(無題: {doc['source_file']})")
                        if x)
        current = "（現行）" if doc["is_current"] else ""
        if pair["from"] is None:
            lines.append(f"{plan}: 第{doc['revision']}版 {doc['source_file']}{current} は最初の版です（比べる前の版がありません）")
            continue
        old, count = pair["from"], len(pair["changes"])
        lines.append(f"{plan}: 第{old['revision']}版 {old['source_file']} → 第{doc['revision']}版 "
                     f"{doc['source_file']}{current}: " + (f"{count}件の変更" if count else "変更なし"))
        lines.extend("  " + change_line(row) for row in pair["changes"])
    return lines
