"""The public schema (CONTRACT.md), created with sqlite-utils. Extra columns are allowed; renaming
or dropping a contract column is not."""
from __future__ import annotations

import sqlite_utils

# table -> (columns, pk, foreign keys, not null)
TABLES: dict[str, tuple[dict, object, list, set]] = {
    "municipalities": ({"id": int, "name": str, "prefecture": str}, "id", [], {"name"}),
    "plans": ({"id": int, "municipality_id": int, "title": str, "title_key": str,
               "period_start_fy": int, "period_end_fy": int},
              "id", [("municipality_id", "municipalities", "id")], {"title_key"}),
    "documents": ({"id": int, "plan_id": int, "source_file": str, "sha256": str, "source_format": str,
                   "revision": int, "is_current": int, "ingested_at": str, "title": str,
                   "period_source": str, "dated_events": str, "is_draft": int, "line_count": int},
                  "id", [("plan_id", "plans", "id")], {"sha256", "source_file"}),
    "toc_entries": ({"id": int, "document_id": int, "seq": int, "level": int, "label": str, "title": str,
                     "subtitle": str, "page": int, "line": int, "source_page": int},
                    "id", [("document_id", "documents", "id")], set()),
    "sections": ({"id": int, "document_id": int, "parent_id": int, "seq": int, "level": int, "label": str,
                  "title": str, "line": int, "page": int},
                 "id", [("document_id", "documents", "id"), ("parent_id", "sections", "id")], set()),
    "measures": ({"id": int, "document_id": int, "section_id": int, "seq": int, "label": str, "title": str,
                  "line": int, "page": int},
                 "id", [("document_id", "documents", "id"), ("section_id", "sections", "id")], set()),
    "departments": ({"id": int, "name": str}, "id", [], {"name"}),
    "measure_departments": ({"measure_id": int, "department_id": int}, ("measure_id", "department_id"),
                            [("measure_id", "measures", "id"), ("department_id", "departments", "id")], set()),
    "statuses": ({"code": str, "label_ja": str, "description": str}, "code", [], set()),
    "schedule_items": ({"id": int, "measure_id": int, "seq": int, "heading": str, "label": str, "title": str,
                        "line": int, "page": int},
                       "id", [("measure_id", "measures", "id")], set()),
    "schedule_cells": ({"schedule_item_id": int, "fiscal_year": int, "text": str, "status": str},
                       ("schedule_item_id", "fiscal_year"),
                       [("schedule_item_id", "schedule_items", "id"), ("status", "statuses", "code")], set()),
    "statements": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "kind": str, "text": str,
                    "inferred": int, "line": int, "page": int},
                   "id", [("document_id", "documents", "id"), ("measure_id", "measures", "id")], set()),
    "targets": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "indicator": str,
                 "baseline_fy": int, "baseline_value": float, "baseline_text": str, "target_fy": int,
                 "target_value": float, "target_text": str, "unit": str, "raw": str, "line": int, "page": int},
                "id", [("document_id", "documents", "id"), ("measure_id", "measures", "id")], set()),
    "plan_changes": ({"id": int, "plan_id": int, "from_document_id": int, "to_document_id": int, "entity": str,
                      "item_key": str, "fiscal_year": int, "change": str, "old_text": str, "new_text": str},
                     "id", [("plan_id", "plans", "id"), ("from_document_id", "documents", "id"),
                            ("to_document_id", "documents", "id")], set()),
    "warnings": ({"id": int, "document_id": int, "stage": str, "message": str, "line": int, "page": int},
                 "id", [("document_id", "documents", "id")], {"message"}),
}

UNIQUE_INDEXES = [
    ("municipalities", ["name"]),
    ("plans", ["municipality_id", "title_key"]),
    ("documents", ["sha256"]),
    ("departments", ["name"]),
]
INDEXES = [
    ("documents", ["plan_id"]), ("toc_entries", ["document_id"]), ("sections", ["document_id"]),
    ("sections", ["parent_id"]), ("measures", ["document_id"]), ("measures", ["section_id"]),
    ("measure_departments", ["department_id"]), ("schedule_items", ["measure_id"]),
    ("statements", ["document_id"]), ("statements", ["measure_id"]), ("targets", ["document_id"]),
    ("targets", ["measure_id"]), ("plan_changes", ["plan_id"]), ("warnings", ["document_id"]),
]

# The closed vocabulary of schedule_cells.status.
STATUSES = [
    ("study", "検討・調査", "検討, 調査, 方針検討, 調査研究"),
    ("prepare", "準備・構築", "準備, 構築, 設計, 整備, 規定整備"),
    ("introduce", "導入・移行", "導入, 移行, 設置, 公開, 開始"),
    ("implement", "実施", "実施, 試行"),
    ("operate", "運用・継続", "運用, 実施継続, 継続, 随時見直し"),
    ("expand", "拡大", "拡大, 拡充, 拡大検討"),
    ("continue_arrow", "継続(→)", "an arrow: what the cell before it says goes on"),
    ("none", "なし(—)", "a dash: nothing planned that year"),
    ("unclassified", "未分類", "a cell whose words are not in the status vocabulary"),
]


def create_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index and the statuses vocabulary (idempotent)."""
    db.execute("PRAGMA foreign_keys = ON")
    for name, (columns, pk, foreign_keys, not_null) in TABLES.items():
        if not db[name].exists():
            db[name].create(columns, pk=pk, foreign_keys=foreign_keys, not_null=not_null)
    for table, columns in UNIQUE_INDEXES:
        db[table].create_index(columns, unique=True, if_not_exists=True)
    for table, columns in INDEXES:
        db[table].create_index(columns, if_not_exists=True)
    db["statuses"].insert_all(
        [{"code": c, "label_ja": j, "description": d} for c, j, d in STATUSES], pk="code", replace=True)


def open_database(path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL") if str(path) != ":memory:" else None
    create_schema(db)
    return db
