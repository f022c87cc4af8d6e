"""The public schema (CONTRACT.md), created with sqlite-utils. Extra columns are allowed; renaming
or dropping a contract column is not."""
from __future__ import annotations

import sqlite_utils

from db.search import create_search_tables

# table -> (columns, pk, foreign keys, not null)
TABLES: dict[str, tuple[dict, object, list, set]] = {
    "municipalities": ({"id": int, "name": str, "prefecture": str}, "id", [], {"name"}),
    # `label` (plans, documents): the town and plan as a reader names them, for Datasette to show beside
    # every row that points to one (refresh_labels; a plan without a title is "(無題: FILE)").
    "plans": ({"id": int, "municipality_id": int, "title": str, "title_key": str,
               "period_start_fy": int, "period_end_fy": int, "label": str},
              "id", [("municipality_id", "municipalities", "id")], {"title_key"}),
    "documents": ({"id": int, "plan_id": int, "source_file": str, "sha256": str, "source_format": str,
                   "revision": int, "is_current": int, "ingested_at": str, "title": str,
                   "period_source": str, "dated_events": str, "plan_date": str, "is_draft": int, "line_count": int,
                   "page_count": int,
                   # Where the printed lines went (extractors/accounting.py): shares of all lines in records,
                   # in headings, in background prose outside every measure, and not understood.
                   "share_records": float, "share_headings": float, "share_background": float,
                   "share_not_understood": float, "lines_not_understood": int, "label": str},
                  "id", [("plan_id", "plans", "id")], {"sha256", "source_file"}),
    "toc_entries": ({"id": int, "document_id": int, "seq": int, "level": int, "label": str, "title": str,
                     "subtitle": str, "page": int, "location": str, "line": int, "source_page": int},
                    "id", [("document_id", "documents", "id")], set()),
    "sections": ({"id": int, "document_id": int, "parent_id": int, "seq": int, "level": int, "label": str,
                  "title": str, "line": int, "page": int, "location": str},
                 "id", [("document_id", "documents", "id"), ("parent_id", "sections", "id")], set()),
    "measures": ({"id": int, "document_id": int, "section_id": int, "seq": int, "label": str, "title": str,
                  "line": int, "page": int, "location": str, "key": str},
                 "id", [("document_id", "documents", "id"), ("section_id", "sections", "id")], set()),
    # The body text of each section, one row per paragraph, list item, note or table row, as printed;
    # `block`: the role of the body block it belongs to (vocabulary.toml [blocks]: content, schedule …).
    "passages": ({"id": int, "document_id": int, "section_id": int, "measure_id": int, "seq": int, "kind": str,
                  "text": str, "block": str, "line": int, "page": int, "location": str},
                 "id", [("document_id", "documents", "id"), ("section_id", "sections", "id"),
                        ("measure_id", "measures", "id")], set()),
    "departments": ({"id": int, "name": str}, "id", [], {"name"}),
    "measure_departments": ({"measure_id": int, "department_id": int}, ("measure_id", "department_id"),
                            [("measure_id", "measures", "id"), ("department_id", "departments", "id")], set()),
    "statuses": ({"code": str, "label_ja": str, "description": str}, "code", [], set()),
    "schedule_items": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "heading": str,
                        "label": str, "title": str, "line": int, "page": int, "location": str, "key": str},
                       "id", [("document_id", "documents", "id"), ("measure_id", "measures", "id")], set()),
    "schedule_item_departments": ({"schedule_item_id": int, "department_id": int},
                                  ("schedule_item_id", "department_id"),
                                  [("schedule_item_id", "schedule_items", "id"),
                                   ("department_id", "departments", "id")], set()),
    # `drawn` = 1: the PDF draws this year's 「→」 as a bar or arrow across the year columns (no text).
    "schedule_cells": ({"schedule_item_id": int, "fiscal_year": int, "text": str, "status": str, "drawn": int},
                       ("schedule_item_id", "fiscal_year"),
                       [("schedule_item_id", "schedule_items", "id"), ("status", "statuses", "code")], set()),
    "statements": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "kind": str, "role": str,
                    "text": str, "inferred": int, "line": int, "page": int, "location": str},
                   "id", [("document_id", "documents", "id"), ("measure_id", "measures", "id")], set()),
    "targets": ({"id": int, "document_id": int, "measure_id": int, "seq": int, "indicator": str,
                 "baseline_fy": int, "baseline_value": float, "baseline_text": str, "target_fy": int,
                 "target_value": float, "target_text": str, "unit": str, "raw": str, "line": int, "page": int,
                 "location": str,
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
    # `code`: what kind of warning, stable across versions, and `message_ja` (db/warning_codes.py).
    "warnings": ({"id": int, "document_id": int, "stage": str, "code": str, "message": str, "message_ja": str,
                  "line": int, "page": int, "location": str},
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
    # `score`, `terms` (JSON: the matched terms by the place they were found in) and `evidence` (the texts
    # they were found in, those that count most first, joined by ／) explain each.
    "topics": ({"id": str, "name": str, "description": str, "terms": str, "tool": int, "scope": str, "covers": str,
                "channel": int, "sort_order": int},
               "id", [], {"name"}),
    "measure_topics": ({"measure_id": int, "topic_id": str, "score": float, "terms": str, "evidence": str},
                       ("measure_id", "topic_id"),
                       [("measure_id", "measures", "id"), ("topic_id", "topics", "id")], set()),
    "schedule_item_topics": ({"schedule_item_id": int, "topic_id": str, "score": float, "terms": str,
                              "evidence": str, "inherited": int},
                             ("schedule_item_id", "topic_id"),
                             [("schedule_item_id", "schedule_items", "id"), ("topic_id", "topics", "id")], set()),
    # The fingerprint of the topics and settings the database was mapped with (one row).
    "topic_vocabulary": ({"sha256": str, "topics": int, "terms": int, "updated_at": str}, "sha256", [], set()),
    # The digest of the code, data files and schema an ingest last set the database up with (db/setup.py).
    "ingest_setup": ({"sha256": str, "topics_sha256": str, "updated_at": str}, "sha256", [], set()),
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


# A plan's title as shown to a reader, in a query over plans `p` and one of its documents `d`: the title
# as printed, or "(無題: FILE)" for a plan whose cover gave none.
PLAN_TITLE = "coalesce(nullif(trim(p.title), ''), '(無題: ' || d.source_file || ')')"
# The plan and town of a row of documents `d` (replaces {PLAN_AND_TOWN} in the SQL below).
PLAN_AND_TOWN = """join plans p on p.id = d.plan_id
left join municipalities mu on mu.id = p.municipality_id"""
_TOWN_AND_PLAN = "\nfrom documents d\n" + PLAN_AND_TOWN

# Flat views for Datasette: one row per thing a user facets on. {PLAN_TITLE} and {PLAN_AND_TOWN} are
# replaced by the above (_with_parts).
VIEWS = {
    # One row per schedule cell with everything needed to read it on its own. `departments` are the
    # item's own (a 実施主体 column) or else its measure's. `arrow_continues` is derived, and only for
    # a cell printed as an arrow: the text of the nearest earlier cell of the same item that is not one.
    "schedule": """
select
  mu.name as municipality, {PLAN_TITLE} as plan, d.id as document_id, d.source_file, d.revision, d.is_current,
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
  si.line, si.page, si.location
from schedule_cells c
join schedule_items si on si.id = c.schedule_item_id
join documents d on d.id = si.document_id
{PLAN_AND_TOWN}
left join measures m on m.id = si.measure_id
left join statuses st on st.code = c.status
""",
    # One row per target (KPI, goal sentence, goal cell) with its town, plan and measure.
    "kpis": """
select
  mu.name as municipality, {PLAN_TITLE} as plan, d.id as document_id, d.source_file, d.revision, d.is_current,
  t.measure_id, m.label as measure_label, m.title as measure_title, t.indicator,
  t.baseline_fy, t.baseline_value, t.baseline_text, t.target_fy, t.target_value, t.target_text, t.unit,
  t.baseline_low, t.baseline_high, t.target_low, t.target_high, t.actual_fy, t.actual_value, t.actual_text,
  t.raw, t.line, t.page, t.location
from targets t
join documents d on d.id = t.document_id
{PLAN_AND_TOWN}
left join measures m on m.id = t.measure_id
""",
    # Views with Japanese column names for Datasette and Excel (ASCII view names: Datasette URLs stay readable):
    # the town and plan beside every record.
    # One row per plan with its current document and what was read from it.
    "plan_list": """
select
  p.id as 計画id, mu.name as 自治体, mu.prefecture as 都道府県, {PLAN_TITLE} as 計画, p.period_start_fy as 開始年度,
  p.period_end_fy as 終了年度, (select count(*) from documents x where x.plan_id = p.id) as 版の数,
  d.plan_date as 策定・改定, (select count(*) from measures x where x.document_id = d.id) as 施策数,
  (select count(*) from schedule_items x where x.document_id = d.id) as スケジュール項目数,
  (select count(*) from targets x where x.document_id = d.id) as 目標数,
  (select count(*) from statements x where x.document_id = d.id) as 記述数,
  d.id as 文書id, d.source_file as ファイル
from plans p
left join documents d on d.plan_id = p.id and d.is_current = 1
left join municipalities mu on mu.id = p.municipality_id
""",
    # One row per measure with its town, plan, departments, topics and how much was read under it.
    "measure_list": """
select
  mu.name as 自治体, {PLAN_TITLE} as 計画, m.label as 番号, m.title as 施策名,
  (select group_concat(dep.name, '、') from measure_departments md
     join departments dep on dep.id = md.department_id where md.measure_id = m.id) as 担当課,
  (select group_concat(name, '、') from (select t.name from measure_topics mt join topics t on t.id = mt.topic_id
     where mt.measure_id = m.id order by t.sort_order)) as トピック,
  (select count(*) from schedule_items x where x.measure_id = m.id) as スケジュール項目数,
  (select count(*) from targets x where x.measure_id = m.id) as 目標数,
  (select count(*) from statements x where x.measure_id = m.id) as 記述数,
  d.is_current as 最新版, m.id as 施策id, d.id as 文書id, d.source_file as ファイル, m.line as 行, m.page as ページ
from measures m
join documents d on d.id = m.document_id
{PLAN_AND_TOWN}
""",
    # One row per statement (現状, 課題 …) with its town, plan and measure.
    "statement_list": """
select
  mu.name as 自治体, {PLAN_TITLE} as 計画, trim(coalesce(m.label || ' ', '') || m.title) as 施策,
  s.kind as 種別, s.text as 記述, s.role as 区分, s.inferred as 推定,
  d.is_current as 最新版, s.id as 記述id, d.id as 文書id, d.source_file as ファイル, s.line as 行, s.page as ページ
from statements s
join documents d on d.id = s.document_id
{PLAN_AND_TOWN}
left join measures m on m.id = s.measure_id
""",
    # One row per warning with its town and plan.
    "warning_list": """
select
  mu.name as 自治体, {PLAN_TITLE} as 計画, w.code as 種別, w.message_ja as 内容, w.stage as 段階,
  w.line as 行, w.page as ページ, d.source_file as ファイル, d.is_current as 最新版, w.id as 警告id,
  d.id as 文書id, w.message as 内容（英語）
from warnings w
join documents d on d.id = w.document_id
{PLAN_AND_TOWN}
""",
}

# table -> (id, label as stored, label as it should be) for refresh_labels.
LABELS = {
    "plans": """
select p.id, p.label, coalesce(mu.name || ' ', '') || coalesce(nullif(trim(p.title), ''), '(無題: ' || coalesce(
  (select d.source_file from documents d where d.plan_id = p.id order by d.is_current desc, d.revision limit 1),
  '') || ')')
from plans p left join municipalities mu on mu.id = p.municipality_id""",
    "documents": """
select d.id, d.label, coalesce(mu.name || ' ', '') || {PLAN_TITLE}
  || case when (select count(*) from documents x where x.plan_id = d.plan_id) > 1
          then ' 第' || d.revision || '版' else '' end""" + _TOWN_AND_PLAN,
}


def _with_parts(sql: str) -> str:
    return sql.replace("{PLAN_TITLE}", PLAN_TITLE).replace("{PLAN_AND_TOWN}", PLAN_AND_TOWN)


def refresh_labels(db: sqlite_utils.Database) -> None:
    """Set plans.label and documents.label (「○○町 ○○町DX推進計画」, 「… 第2版」 when a plan has several
    documents) where they differ from what they should be; rows already right are not written."""
    for table, sql in LABELS.items():
        for row_id, stored, wanted in db.execute(_with_parts(sql)).fetchall():
            if stored != wanted:
                db.execute(f"update {table} set label = ? where id = ?", [wanted, row_id])


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
        db.create_view(name, _with_parts(sql.strip()), replace=True)
    db["statuses"].insert_all(
        [{"code": c, "label_ja": j, "description": d} for c, j, d in STATUSES], pk="code", replace=True)
    create_search_tables(db)
    refresh_labels(db)


def open_database(path) -> sqlite_utils.Database:
    # No sqlite-utils plugins: looking them up scans every installed package (30 ms per command).
    db = sqlite_utils.Database(path, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL") if str(path) != ":memory:" else None
    create_schema(db)
    return db
