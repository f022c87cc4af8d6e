"""The topics tables: `topics` from pipeline/topics.yaml, and the topics of every measure and schedule
item (`measure_topics`, `schedule_item_topics`).

A measure is mapped from its title and its body: its schedule items, targets, statements and body
passages. A schedule item is mapped from its own title (with its table's 取組 heading); an item whose
title names no topic takes its measure's topics, marked `inherited` (「出張申請受付の実施」 under
マイナンバーカードの普及促進 is about the card, though its title does not say so).

The loader maps each document in its transaction. `sync_topics` (run by every ingest) notices when
topics.yaml, the settings or the mapping code (pipeline.topics.MAPPING_MODULES and this module) changed since the
database was mapped, by a fingerprint kept in `topic_vocabulary`, and then maps every document
again, so that an edited term or rule reaches documents that are not ingested again.
"""
from __future__ import annotations

import datetime
import json

import sqlite_utils

from pipeline.sentences import (action_and_means, action_and_scene, continues, names_an_action, plans_an_action,
                                sentences)
from pipeline.topics import (PLACES, Lexicon, Topic, TopicSettings, fingerprint, lexicon, load_topics,
                             match_topics)
from pipeline.vocabulary import ACTION_ROLES, BACKGROUND_ROLES, Role, block_role, leading_block_role

COVERAGE_VIEW = "topic_coverage"
# Between the texts of a match's evidence (pipeline.topics.TopicMatch.evidence).
EVIDENCE_SEPARATOR = " ／ "
# Statements that say what the town will do; the others (現状, 課題, 目指す姿, 効果) are background, and
# their words are not evidence, neither as statements nor as the body passages of their blocks; nor are
# the department names of a 担当課 block (健康福祉課 is not a welfare measure).
NOT_EVIDENCE_BLOCKS = tuple(role.value for role in BACKGROUND_ROLES + (Role.DEPARTMENT,))
# Body text where a sentence that plans is a planned action (`content`, or `action_items` when it names
# the action as an item): a 施策内容 / 取組内容 block, and body text outside any block (a slide's or a
# table cell's description of the measure). A note (※…, a glossary line) explains a word; it plans nothing.
PLANNING_BLOCKS = ("content", None)
NOT_PLANNING_KINDS = ("note",)
# A passage that is the printed row of a schedule item or a target is that record's; it counts once.
# Passages on no line of a schedule item or a target of the document (two parameters: the document id
# twice). Uncorrelated subqueries, each made into one lookup table: a correlated one would scan the
# document's items for every passage, quadratic in a long table.
_NOT_A_RECORD = ("(p.line is null or p.line not in ("
                 "select line from schedule_items where document_id = ? and line is not null union all "
                 "select line from targets where document_id = ? and line is not null))")


def stored_topics(db: sqlite_utils.Database) -> list[Topic]:
    """The topics the database was mapped with, in their order."""
    return [Topic(r["id"], r["name"], r["description"], tuple(json.loads(r["terms"])), bool(r.get("tool")),
                  r.get("scope"), tuple(json.loads(r.get("covers") or "[]")), bool(r.get("channel")))
            for r in db.query("select * from topics order by sort_order")]


def _lexicon_of(db: sqlite_utils.Database, topics: list[Topic] | Lexicon | None) -> Lexicon:
    if isinstance(topics, Lexicon):
        return topics
    return lexicon(topics if topics is not None else stored_topics(db))


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def measure_texts(db: sqlite_utils.Database, document_id: int,
                  topics: list[Topic] | Lexicon | None = None) -> dict[int, dict[str, list[str]]]:
    """Each measure's texts by place (pipeline.topics.PLACES), keyed by measure id: its title, its
    schedule items (title and 取組 heading), its targets' indicators, its statements that say what the
    town will do (ACTION_ROLES), the actions planned by its 施策内容 / 取組内容 blocks and its body text
    outside any block (PLANNING_BLOCKS, pipeline.sentences): items that name one (`action_items`) and
    sentences that tell one (`content`), and the rest as sentences (`passages`: what the town did,
    notes, the scene, setting or means of an action; see _add_action). Blocks in NOT_EVIDENCE_BLOCKS
    are left out; a sentence wrapped over lines is read whole (_unwrapped). `topics`: those stored in
    the database unless given."""
    lex = _lexicon_of(db, topics)
    texts: dict[int, dict[str, list[str]]] = {}
    for r in db.query("select id, title from measures where document_id = ?", [document_id]):
        texts[r["id"]] = {"title": [r["title"]], **{place: [] for place in PLACES[1:]}}
    sources = [  # (place, query, its parameters after the document id)
        ("statements", f"select measure_id, text from statements where document_id = ? and role in ({_marks(ACTION_ROLES)})",
         ACTION_ROLES),
        ("schedule_items", "select measure_id, heading, title from schedule_items where document_id = ?", ()),
        ("targets", "select measure_id, indicator from targets where document_id = ?", ()),
    ]
    for place, sql, params in sources:
        for r in db.query(sql, [document_id, *params]):
            if r["measure_id"] not in texts:
                continue
            for text in (v for k, v in r.items() if k != "measure_id" and v):
                _add_action(texts[r["measure_id"]], place, text, lex)
    body = (f"select measure_id, block, kind, line, text from passages p where document_id = ? and coalesce(block, '') "
            f"not in ({_marks(NOT_EVIDENCE_BLOCKS)}) and {_NOT_A_RECORD} order by seq")
    for r in _unwrapped(db.query(body, [document_id, *NOT_EVIDENCE_BLOCKS, document_id, document_id])):
        if r["measure_id"] not in texts:
            continue
        planning = r["block"] in PLANNING_BLOCKS and r["kind"] not in NOT_PLANNING_KINDS
        for sentence in sentences(r["text"]):
            if planning and plans_an_action(sentence):
                place = "action_items" if names_an_action(sentence) else "content"
                _add_action(texts[r["measure_id"]], place, sentence, lex)
            else:
                texts[r["measure_id"]]["passages"].append(sentence)
    return texts


def _unwrapped(passages) -> list[dict]:
    """Body passages, a sentence that a hard-wrapped text file broke over lines joined again (the PDF
    reader joins a paragraph's lines itself): a plain line right after a line of the same block
    continues it when pipeline.sentences.continues says so (「…クレジットカード等によるオンライン」
    「決済を可能とします。」), unless either is a block word."""
    out: list[dict] = []
    last_line = None  # the line number and text of the last printed line of out[-1]
    for r in passages:
        before = out[-1] if out else None
        if before is not None and r["kind"] == "paragraph" and before["kind"] in ("paragraph", "list_item") \
                and (r["measure_id"], r["block"]) == (before["measure_id"], before["block"]) \
                and r["line"] is not None and last_line[0] is not None and r["line"] == last_line[0] + 1 \
                and block_role(last_line[1]) is None and block_role(r["text"]) is None \
                and leading_block_role(r["text"]) is None and continues(last_line[1], r["text"]):
            before["text"] += r["text"].strip()
        else:
            out.append(dict(r))
        last_line = (r["line"], r["text"])
    return out


def map_document(db: sqlite_utils.Database, document_id: int, topics: list[Topic] | Lexicon | None = None,
                 settings: TopicSettings | dict | None = None) -> tuple[int, int]:
    """(Re)write the topics of one document's measures and schedule items; returns how many rows of
    measure_topics and schedule_item_topics. `topics`: those stored in the database unless given."""
    lex = _lexicon_of(db, topics)
    db.execute("delete from measure_topics where measure_id in (select id from measures where document_id = ?)",
               [document_id])
    db.execute("delete from schedule_item_topics where schedule_item_id in "
               "(select id from schedule_items where document_id = ?)", [document_id])
    of_measure: dict[int, list] = {}
    measure_rows = []
    for measure_id, texts in measure_texts(db, document_id, lex).items():
        of_measure[measure_id] = match_topics(texts, lex, settings)
        measure_rows += [_row("measure_id", measure_id, m) for m in of_measure[measure_id]]
    item_rows = []
    for r in db.query("select id, measure_id, heading, title from schedule_items where document_id = ?",
                      [document_id]):
        own = match_topics(_item_texts(r["heading"], r["title"], lex), lex, settings)
        if own:
            item_rows += [{**_row("schedule_item_id", r["id"], m), "inherited": 0} for m in own]
        else:
            item_rows += [{**_row("schedule_item_id", r["id"], m), "inherited": 1}
                          for m in of_measure.get(r["measure_id"], [])]
    db["measure_topics"].insert_all(measure_rows, pk=("measure_id", "topic_id"))
    db["schedule_item_topics"].insert_all(item_rows, pk=("schedule_item_id", "topic_id"))
    return len(measure_rows), len(item_rows)


def _add_action(texts: dict[str, list[str]], place: str, text: str, lex: Lexicon) -> None:
    """Add a text that states an action to `place`; its scene and setting (action_and_scene) are only
    passages: 「観光防災拠点などへの公衆無線LAN整備」 is about Wi-Fi, not tourism. So is its means
    (action_and_means) when the rest of the action names a topic and the means names topics none of
    which is a tool (pipeline.topics.Topic): 「マイナンバーカードを用いたオンライン手続」 is about online
    procedures, not the card, but 「町公式LINEによる防災情報配信」 is 広報 as well as 防災."""
    action, scene = action_and_scene(text)
    rest, means = action_and_means(action)
    means_topics = lex.topics_in(means)
    if means_topics and not means_topics & lex.tools and lex.topics_in(rest):
        action = rest
        scene = f"{scene} {means}".strip()
    texts[place].append(action)
    if scene:
        texts["passages"].append(scene)


def _item_texts(heading: str | None, title: str | None, lex: Lexicon) -> dict[str, list[str]]:
    """A schedule item's texts by place: its 取組 heading and its title are its own ("title")."""
    texts = {"title": [], "passages": []}
    for text in (t for t in (heading, title) if t):
        _add_action(texts, "title", text, lex)
    return texts


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


__all__ = ["COVERAGE_VIEW", "coverage_sql", "map_document", "measure_texts", "stored_topics", "sync_topics"]
