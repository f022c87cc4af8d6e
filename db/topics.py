"""The topics tables: `topics` from pipeline/topics.yaml, and the topics of every measure and schedule
item (`measure_topics`, `schedule_item_topics`).

What a measure's and a schedule item's topics are is pipeline/topic_mapping.py's to say: the worker
that read a document maps its records before loading (keikaku/ingest.py), and the loader stores the
matches (`store_topics`) in the document's transaction. `sync_topics` (run by every ingest) notices when
topics.yaml, the settings or the mapping code (pipeline.topics.MAPPING_MODULES and this module) changed since the
database was mapped, by a fingerprint kept in `topic_vocabulary`, and then maps every document
again, so that an edited term or rule reaches documents that are not ingested again.
"""
from __future__ import annotations

import datetime
import json

import sqlite_utils

from pipeline.topic_mapping import DocumentRows, DocumentTopics, map_rows
from pipeline.topic_mapping import measure_texts as texts_of_rows
from pipeline.topics import Lexicon, Topic, TopicSettings, fingerprint, lexicon, load_topics

COVERAGE_VIEW = "topic_coverage"
# Between the texts of a match's evidence (pipeline.topics.TopicMatch.evidence).
EVIDENCE_SEPARATOR = " ／ "


def stored_topics(db: sqlite_utils.Database) -> list[Topic]:
    """The topics the database was mapped with, in their order."""
    return [Topic(r["id"], r["name"], r["description"], tuple(json.loads(r["terms"])), bool(r.get("tool")),
                  r.get("scope"), tuple(json.loads(r.get("covers") or "[]")), bool(r.get("channel")))
            for r in db.query("select * from topics order by sort_order")]


def _lexicon_of(db: sqlite_utils.Database, topics: list[Topic] | Lexicon | None) -> Lexicon:
    if isinstance(topics, Lexicon):
        return topics
    return lexicon(topics if topics is not None else stored_topics(db))


def document_rows(db: sqlite_utils.Database, document_id: int) -> DocumentRows:
    """A loaded document's rows as pipeline.topic_mapping reads them, measures and items keyed by id."""
    def rows(sql: str) -> list[dict]:
        return list(db.query(sql, [document_id]))

    return DocumentRows(
        measures=[(r["id"], r["title"]) for r in rows("select id, title from measures where document_id = ? order by id")],
        statements=rows("select measure_id as measure, role, text from statements where document_id = ? order by id"),
        schedule_items=rows("select id as key, measure_id as measure, heading, title, line from schedule_items "
                            "where document_id = ? order by id"),
        targets=rows("select measure_id as measure, indicator, line from targets where document_id = ? order by id"),
        passages=rows("select measure_id as measure, block, kind, line, text from passages where document_id = ? "
                      "order by seq"))


def measure_texts(db: sqlite_utils.Database, document_id: int,
                  topics: list[Topic] | Lexicon | None = None) -> dict[int, dict[str, list[str]]]:
    """Each measure's texts by place, keyed by measure id (pipeline.topic_mapping.measure_texts).
    `topics`: those stored in the database unless given."""
    return texts_of_rows(document_rows(db, document_id), _lexicon_of(db, topics))


def map_document(db: sqlite_utils.Database, document_id: int, topics: list[Topic] | Lexicon | None = None,
                 settings: TopicSettings | dict | None = None) -> tuple[int, int]:
    """Map a loaded document again from its rows (after topics.yaml or the rules changed); returns how
    many rows of measure_topics and schedule_item_topics. `topics`: those stored in the database unless
    given."""
    found = map_rows(document_rows(db, document_id), _lexicon_of(db, topics), settings)
    return store_topics(db, document_id, found)


def store_topics(db: sqlite_utils.Database, document_id: int, found: DocumentTopics,
                 measure_ids: dict | None = None, item_ids: dict | None = None) -> tuple[int, int]:
    """(Re)write the topics of one document's measures and schedule items: `found` keyed by row id, or
    by the keys that `measure_ids` and `item_ids` turn into ids (a record's seq)."""
    db.execute("delete from measure_topics where measure_id in (select id from measures where document_id = ?)",
               [document_id])
    db.execute("delete from schedule_item_topics where schedule_item_id in "
               "(select id from schedule_items where document_id = ?)", [document_id])
    measure_rows = [_row("measure_id", measure_ids[key] if measure_ids else key, m)
                    for key, matches in found.measures.items() for m in matches]
    item_rows = [{**_row("schedule_item_id", item_ids[key] if item_ids else key, m), "inherited": int(inherited)}
                 for key, matches in found.schedule_items.items() for m, inherited in matches]
    db["measure_topics"].insert_all(measure_rows, pk=("measure_id", "topic_id"))
    db["schedule_item_topics"].insert_all(item_rows, pk=("schedule_item_id", "topic_id"))
    return len(measure_rows), len(item_rows)


def _row(key: str, record_id: int, match) -> dict:
    return {key: record_id, "topic_id": match.topic_id, "score": match.score,
            "terms": json.dumps(match.terms, ensure_ascii=False), "evidence": EVIDENCE_SEPARATOR.join(match.evidence)}


def sync_topics(db: sqlite_utils.Database, topics: list[Topic] | None = None,
                settings: TopicSettings | dict | None = None) -> bool:
    """Bring the topics tables in line with topics.yaml (or `topics`) and the settings: when either
    changed since the database was last mapped, replace the topics and map every document again, in
    one transaction. Returns True when it did."""
    topics = load_topics() if topics is None else topics
    settings = TopicSettings.resolve(settings)
    wanted = fingerprint(topics, settings, extra_modules=(__name__,))
    have = db.execute("select sha256 from topic_vocabulary").fetchone()
    if have and have[0] == wanted:
        return False
    with db.atomic():
        db.execute("delete from measure_topics")
        db.execute("delete from schedule_item_topics")
        db.execute("delete from topics")
        db["topics"].insert_all(({"id": t.id, "name": t.name, "description": t.description,
                                  "terms": json.dumps(list(t.terms), ensure_ascii=False), "tool": int(t.tool),
                                  "scope": t.scope, "covers": json.dumps(list(t.covers)),
                                  "channel": int(t.channel), "sort_order": n}
                                 for n, t in enumerate(topics, 1)), pk="id")
        lex = lexicon(topics)
        for (document_id,) in db.execute("select id from documents order by id").fetchall():
            map_document(db, document_id, lex, settings)
        db.execute("delete from topic_vocabulary")
        db["topic_vocabulary"].insert({
            "sha256": wanted, "topics": len(topics), "terms": sum(len(t.terms) for t in topics),
            "updated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}, pk="sha256")
        db.create_view(COVERAGE_VIEW, coverage_sql([t.id for t in topics]), replace=True)
    return True


def coverage_sql(topic_ids: list[str]) -> str:
    """One row per municipality (current documents): its measures, and how many of them have each topic
    (one column per topic id), and how many have none."""
    columns = "".join(f",\n  count(distinct case when mt.topic_id = '{t}' then m.id end) as \"{t}\"" for t in topic_ids)
    return f"""select
  mu.name as municipality, count(distinct d.plan_id) as plans, count(distinct m.id) as measures,
  count(distinct case when mt.topic_id is null then m.id end) as no_topic{columns}
from measures m
join documents d on d.id = m.document_id and d.is_current = 1
join plans p on p.id = d.plan_id
left join municipalities mu on mu.id = p.municipality_id
left join measure_topics mt on mt.measure_id = m.id
group by mu.id
order by mu.name"""


__all__ = ["COVERAGE_VIEW", "coverage_sql", "document_rows", "map_document", "measure_texts", "store_topics",
           "stored_topics", "sync_topics"]
