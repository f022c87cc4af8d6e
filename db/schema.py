"""The public schema (CONTRACT.md), created with sqlite-utils. Extra columns are allowed; renaming
or dropping a contract column is not."""
from __future__ import annotations

import sqlite_utils

from db.search import create_search_tables

# table -> (columns, pk, foreign keys, not null)
TABLES: dict[str, tuple[dict, object, list, set]] = {
    "municipalities": ({"id": int, "name": str, "prefecture": str}, "id", [], {"name"}),
    "plans": ({"id": int, "municipality_id": int, "title": str, "title_key": str,
               "period_start_fy": int, "period_end_fy": int},
              "id", [("municipality_id", "municipalities", "id")], {"title_key"}),
    "documents": ({"id": int, "plan_id": int, "source_file": str, "sha256": str, "source_format": str,
                   "revision": int, "is_current": int, "ingested_at": str, "title": str,
                   "period_source": str, "dated_events": str, "plan_date": str, "is_draft": int, "line_count": int,
                   "page_count": int,
                   # Where the printed lines went (extractors/accounting.py): shares of all lines in records,
                   # in headings, in background prose outside every measure, and not understood.
                   "share_records": float, "share_headings": float, "share_background": float,
                   "share_not_understood": float, "lines_not_understood": int},
                  "id", [("plan_id", "plans", "id")], {"sha256", "source_file"}),
    "toc_entries": ({"id": int, "document_id": int, "seq": int, "level": int, "label": str, "title": str,
                     "subtitle": str, "page": int, "line": int, "source_page": int},
                    "id", [("document_id", "documents", "id")], set()),
    "sections": ({"id": int, "document_id": int, "parent_id": int, "seq": int, "level": int, "label": str,
                  "title": str, "line": int, "page": int},
                 "id", [("document_id", "documents", "id"), ("parent_id", "sections", "id")], set()),
    "measures": ({"id": int, "document_id": int, "section_id": int, "seq": int, "label": str, "title": str,
                  "line": int, "page": int, "key": str},
                 "id", [("document_id", "documents", "id"), ("section_id", "sections", "id")], set()),
    # The body text of each section, one row per paragraph, list item, note or table row, as printed;
    # `block`: the role of the body block it belongs to (vocabulary.toml [blocks]: content, schedule …).
    "passages": ({"id": int, "document_id": int, "section_id": int, "measure_id": int, "seq": int, "kind": str,
                  "text": str, "block": str, "line": int, "page": int},
                 "id", [("document_id", "documents", "id"), ("section_id", "sections", "id"),
                        ("measure_id", "measures", "id")], set()),
    "departments": ({"id": int, "name": str}, "id", [], {"name"}),
    "measure_departments": ({"measure_id": int, "department_id": int}, ("measure_id", "department_id"),
                            [("measure_id", "measures", "id"), ("department_id", "departments", "id")], set()),
    "statuses": ({"code": str, "label_ja": str, "description": str}, "code", [], set()),
    "schedule_items": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "heading": str,
                        "label": str, "title": str, "line": int, "page": int, "key": str},
                       "id", [("document_id", "documents", "id"), ("measure_id", "measures", "id")], set()),
    "schedule_item_departments": ({"schedule_item_id": int, "department_id": int},
                                  ("schedule_item_id", "department_id"),
                                  [("schedule_item_id", "schedule_items", "id"),
                                   ("department_id", "departments", "id")], set()),
    "schedule_cells": ({"schedule_item_id": int, "fiscal_year": int, "text": str, "status": str},
                       ("schedule_item_id", "fiscal_year"),
                       [("schedule_item_id", "schedule_items", "id"), ("status", "statuses", "code")], set()),
    "statements": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "kind": str, "role": str,
                    "text": str, "inferred": int, "line": int, "page": int},
                   "id", [("document_id", "documents", "id"), ("measure_id", "measures", "id")], set()),
    "targets": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "indicator": str,
                 "baseline_fy": int, "baseline_value": float, "baseline_text": str, "target_fy": int,
                 "target_value": float, "target_text": str, "unit": str, "raw": str, "line": int, "page": int,
                 "baseline_low": float, "baseline_high": float, "baseline_unit": str,
                 "target_low": float, "target_high": float,
                 # A result reported later (実績, or 現状値 beside 策定時 in a progress report).
                 "actual_fy": int, "actual_value": float, "actual_text": str},
                "id", [("document_id", "documents", "id"), ("measure_id", "measures", "id")], set()),
    "plan_changes": ({"id": int, "plan_id": int, "from_document_id": int, "to_document_id": int, "entity": str,
                      "item_key": str, "fiscal_year": int, "change": str, "old_text": str, "new_text": str,
                      "measure": str},
                     "id", [("plan_id", "plans", "id"), ("from_document_id", "documents", "id"),
                            ("to_document_id", "documents", "id")], set()),
    "warnings": ({"id": int, "document_id": int, "stage": str, "message": str, "line": int, "page": int},
                 "id", [("document_id", "documents", "id")], {"message"}),
    # One row per attempt to ingest a file, failures included; `batch` groups one `keikaku ingest`
    # run, `file` is relative to the folder ingested, `counts` is JSON (records and warnings).
    "ingest_log": ({"id": int, "batch": int, "file": str, "sha256": str, "size": int, "started_at": str,
                    "finished_at": str, "outcome": str, "message": str, "counts": str, "document_id": int},
                   "id", [("document_id", "documents", "id")], {"batch", "file", "outcome"}),
    # One row per `keikaku ingest` run: its number is ingest_log.batch, taken in a write transaction so
    # that two runs at the same time never share one; the largest resident memory of its worker
    # processes (bytes, as polled by keikaku/worker.py).
    "ingest_batches": ({"id": int, "started_at": str, "finished_at": str, "pid": int, "peak_worker_memory": int},
                       "id", [], set()),
    # Topics (pipeline/topics.yaml) and the topics of each measure and schedule item (db/topics.py):
    # `score` and `terms` (JSON: the matched terms by the place they were found in) explain each.
    "topics": ({"id": str, "name": str, "description": str, "terms": str, "tool": int, "sort_order": int},
               "id", [], {"name"}),
    "measure_topics": ({"measure_id": int, "topic_id": str, "score": float, "terms": str},
                       ("measure_id", "topic_id"),
                       [("measure_id", "measures", "id"), ("topic_id", "topics", "id")], set()),
    "schedule_item_topics": ({"schedule_item_id": int, "topic_id": str, "score": float, "terms": str,
                              "inherited": int},
                             ("schedule_item_id", "topic_id"),
                             [("schedule_item_id", "schedule_items", "id"), ("topic_id", "topics", "id")], set()),
    # The fingerprint of the topics and settings the database was mapped with (one row).
    "topic_vocabulary": ({"sha256": str, "topics": int, "terms": int, "updated_at": str}, "sha256", [], set()),
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
    ("schedule_items", ["document_id"]), ("schedule_cells", ["fiscal_year"]),
    ("schedule_item_departments", ["department_id"]),
    ("statements", ["document_id"]), ("statements", ["measure_id"]), ("targets", ["document_id"]),
    ("targets", ["measure_id"]), ("plan_changes", ["plan_id"]),
    ("plan_changes", ["to_document_id"]), ("plan_changes", ["from_document_id"]), ("measures", ["key"]),
    ("schedule_items", ["key"]), ("warnings", ["document_id"]),
    ("passages", ["document_id"]), ("passages", ["section_id"]), ("passages", ["measure_id"]),
    ("ingest_log", ["batch"]), ("ingest_log", ["document_id"]),
    ("measure_topics", ["topic_id"]), ("schedule_item_topics", ["topic_id"]),
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
    ("marked", "実施(記号)", "a mark (○ ● ◎) for a year with activity, when no legend (凡例) names its step"),
    ("none", "なし(—)", "a dash: nothing planned that year"),
    ("unclassified", "未分類", "a cell whose words are not in the status vocabulary"),
]


# Flat views for Datasette: one row per thing a user facets on.
VIEWS = {
    # One row per schedule cell with everything needed to read it on its own. `departments` are the
    # item's own (a 実施主体 column) or else its measure's. `arrow_continues` is derived, and only for
    # a cell printed as an arrow: the text of the nearest earlier cell of the same item that is not one.
    "schedule": """
select
  mu.name as municipality, p.title as plan, d.id as document_id, d.source_file, d.revision, d.is_current,
  m.label as measure_label, m.title as measure_title,
  si.id as schedule_item_id, si.heading as item_heading, si.label as item_label, si.title as item_title,
  coalesce(
    (select group_concat(dep.name, '、') from schedule_item_departments sd
       join departments dep on dep.id = sd.department_id where sd.schedule_item_id = si.id),
    (select group_concat(dep.name, '、') from measure_departments md
       join departments dep on dep.id = md.department_id where md.measure_id = m.id)) as departments,
  c.fiscal_year, c.text, c.status, st.label_ja as status_label,
  case when c.status = 'continue_arrow' then
    (select c2.text from schedule_cells c2 where c2.schedule_item_id = si.id and c2.fiscal_year < c.fiscal_year
       and c2.status != 'continue_arrow' order by c2.fiscal_year desc limit 1) end as arrow_continues,
  si.line, si.page
from schedule_cells c
join schedule_items si on si.id = c.schedule_item_id
join documents d on d.id = si.document_id
join plans p on p.id = d.plan_id
left join municipalities mu on mu.id = p.municipality_id
left join measures m on m.id = si.measure_id
left join statuses st on st.code = c.status
""",
    # One row per target (KPI, goal sentence, goal cell) with its town, plan and measure.
    "kpis": """
select
  mu.name as municipality, p.title as plan, d.id as document_id, d.source_file, d.revision, d.is_current,
  t.measure_id, m.label as measure_label, m.title as measure_title, t.indicator,
  t.baseline_fy, t.baseline_value, t.baseline_text, t.target_fy, t.target_value, t.target_text, t.unit,
  t.baseline_low, t.baseline_high, t.target_low, t.target_high, t.actual_fy, t.actual_value, t.actual_text,
  t.raw, t.line, t.page
from targets t
join documents d on d.id = t.document_id
join plans p on p.id = d.plan_id
left join municipalities mu on mu.id = p.municipality_id
left join measures m on m.id = t.measure_id
""",
}


def create_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index, view, the statuses vocabulary and the search tables (idempotent)."""
    db.execute("PRAGMA foreign_keys = ON")
    for name, (columns, pk, foreign_keys, not_null) in TABLES.items():
        if not db[name].exists():
            db[name].create(columns, pk=pk, foreign_keys=foreign_keys, not_null=not_null)
        else:  # a database made by an earlier version: add the columns it lacks
            have = db[name].columns_dict
            for column, kind in columns.items():
                if column not in have:
                    db[name].add_column(column, kind)
    for table, columns in UNIQUE_INDEXES:
        db[table].create_index(columns, unique=True, if_not_exists=True)
    for table, columns in INDEXES:
        db[table].create_index(columns, if_not_exists=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
    db["statuses"].insert_all(
        [{"code": c, "label_ja": j, "description": d} for c, j, d in STATUSES], pk="code", replace=True)
    create_search_tables(db)


def open_database(path) -> sqlite_utils.Database:
    # No sqlite-utils plugins: looking them up scans every installed package (30 ms per command).
    db = sqlite_utils.Database(path, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL") if str(path) != ":memory:" else None
    create_schema(db)
    return db
