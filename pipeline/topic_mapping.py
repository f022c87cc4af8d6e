"""The topics of one document's measures and schedule items, from rows shaped as its records are.

A measure is mapped from its title and its body: its schedule items, targets, statements and body
passages. A schedule item is mapped from its own title (with its table's 取組 heading); an item whose
title names no topic takes its measure's topics, marked `inherited` (「出張申請受付の実施」 under
マイナンバーカードの普及促進 is about the card, though its title does not say so).

The same function maps a document before it is loaded (its extraction's records, in the worker that
read it: keikaku/ingest.py) and after (the rows read back from the database when topics.yaml changed:
db/topics.py), so the two can never disagree. Each row names its measure by a key of the caller's
choosing (a record's seq, a row's id) under "measure".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.sentences import (action_and_means, action_and_scene, continues, names_an_action, plans_an_action,
                                sentences)
from pipeline.topics import PLACES, Lexicon, TopicMatch, TopicSettings, match_topics
from pipeline.vocabulary import ACTION_ROLES, BACKGROUND_ROLES, Role, block_role, leading_block_role

if TYPE_CHECKING:
    from pipeline.records import Records

# Statements that say what the town will do; the others (現状, 課題, 目指す姿, 効果) are background, and
# their words are not evidence, neither as statements nor as the body passages of their blocks; nor are
# the department names of a 担当課 block (健康福祉課 is not a welfare measure).
NOT_EVIDENCE_BLOCKS = tuple(role.value for role in BACKGROUND_ROLES + (Role.DEPARTMENT,))
# Body text where a sentence that plans is a planned action (`content`, or `action_items` when it names
# the action as an item): a 施策内容 / 取組内容 block, and body text outside any block (a slide's or a
# table cell's description of the measure). A note (※…, a glossary line) explains a word; it plans nothing.
PLANNING_BLOCKS = ("content", None)
NOT_PLANNING_KINDS = ("note",)


@dataclass
class DocumentRows:
    """One document's rows as the mapping reads them, each with its measure's key under "measure":
    measures (key, title), statements (role, text), schedule items (key, heading, title), targets
    (indicator, line), passages in their order (block, kind, line, text)."""

    measures: list[tuple[object, str]]
    statements: list[dict]
    schedule_items: list[dict]
    targets: list[dict]
    passages: list[dict]


@dataclass
class DocumentTopics:
    """The topics of a document's measures and schedule items, by the keys of DocumentRows; an item's
    matches carry whether they were inherited from its measure."""

    measures: dict[object, list[TopicMatch]]
    schedule_items: dict[object, list[tuple[TopicMatch, bool]]]


def map_rows(rows: DocumentRows, lex: Lexicon, settings: TopicSettings | dict | None = None) -> DocumentTopics:
    """The topics of a document's measures and of its schedule items (an item whose own words name no
    topic inherits its measure's)."""
    of_measure = {key: match_topics(texts, lex, settings) for key, texts in measure_texts(rows, lex).items()}
    of_item = {}
    for item in rows.schedule_items:
        own = match_topics(_item_texts(item["heading"], item["title"], lex), lex, settings)
        of_item[item["key"]] = [(m, False) for m in own] if own else \
            [(m, True) for m in of_measure.get(item["measure"], [])]
    return DocumentTopics(of_measure, of_item)


def measure_texts(rows: DocumentRows, lex: Lexicon) -> dict[object, dict[str, list[str]]]:
    """Each measure's texts by place (pipeline.topics.PLACES): its title, its schedule items (title and
    取組 heading), its targets' indicators, its statements that say what the town will do (ACTION_ROLES),
    the actions planned by its 施策内容 / 取組内容 blocks and its body text outside any block
    (PLANNING_BLOCKS, pipeline.sentences): items that name one (`action_items`) and sentences that tell
    one (`content`), and the rest as sentences (`passages`: what the town did, notes, the scene, setting
    or means of an action; see _add_action). Blocks in NOT_EVIDENCE_BLOCKS are left out; a passage on
    the line of a schedule item or a target is that record's and counts once; a sentence wrapped over
    lines is read whole (_unwrapped)."""
    texts = {key: {"title": [title], **{place: [] for place in PLACES[1:]}} for key, title in rows.measures}
    own_texts = [("statements", r, (r["text"],)) for r in rows.statements if r["role"] in ACTION_ROLES] \
        + [("schedule_items", r, (r["heading"], r["title"])) for r in rows.schedule_items] \
        + [("targets", r, (r["indicator"],)) for r in rows.targets]
    for place, row, values in own_texts:
        if row["measure"] in texts:
            for text in (v for v in values if v):
                _add_action(texts[row["measure"]], place, text, lex)
    for passage in _unwrapped(_body_passages(rows)):
        if passage["measure"] in texts:
            _add_passage(texts[passage["measure"]], passage, lex)
    return texts


def _body_passages(rows: DocumentRows) -> list[dict]:
    """The passages whose words may say what a measure is about: not in a background or department
    block, and not the printed row of a schedule item or a target (that record counts them once)."""
    record_lines = {r["line"] for r in rows.schedule_items + rows.targets if r.get("line") is not None}
    return [p for p in rows.passages if (p["block"] or "") not in NOT_EVIDENCE_BLOCKS
            and (p["line"] is None or p["line"] not in record_lines)]


def _add_passage(texts: dict[str, list[str]], passage: dict, lex: Lexicon) -> None:
    """A body passage's sentences: in a planning block, one that plans an action is an action item (it
    names one) or content (it tells one); the others are plain passages."""
    planning = passage["block"] in PLANNING_BLOCKS and passage["kind"] not in NOT_PLANNING_KINDS
    for sentence in sentences(passage["text"]):
        if planning and plans_an_action(sentence):
            _add_action(texts, "action_items" if names_an_action(sentence) else "content", sentence, lex)
        else:
            texts["passages"].append(sentence)


def _unwrapped(passages: list[dict]) -> list[dict]:
    """Body passages, a sentence that a hard-wrapped text file broke over lines joined again (the PDF
    reader joins a paragraph's lines itself): a plain line right after a line of the same block
    continues it when pipeline.sentences.continues says so (「…クレジットカード等によるオンライン」
    「決済を可能とします。」), unless either is a block word."""
    out: list[dict] = []
    last_line = None  # the line number and text of the last printed line of out[-1]
    for r in passages:
        before = out[-1] if out else None
        if before is not None and r["kind"] == "paragraph" and before["kind"] in ("paragraph", "list_item") \
                and (r["measure"], r["block"]) == (before["measure"], before["block"]) \
                and r["line"] is not None and last_line[0] is not None and r["line"] == last_line[0] + 1 \
                and block_role(last_line[1]) is None and block_role(r["text"]) is None \
                and leading_block_role(r["text"]) is None and continues(last_line[1], r["text"]):
            before["text"] += r["text"].strip()
        else:
            out.append(dict(r))
        last_line = (r["line"], r["text"])
    return out


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


def record_rows(records: Records) -> DocumentRows:
    """The rows of a document's extraction records, measures keyed by their seq, schedule items by their
    position in the records (an item's seq counts within its measure)."""
    return DocumentRows(
        measures=[(m.seq, m.title) for m in records.measures],
        statements=[{"measure": s.measure_seq, "role": s.role, "text": s.text} for s in records.statements],
        schedule_items=[{"measure": i.measure_seq, "heading": i.heading, "title": i.title, "line": i.line,
                         "key": position} for position, i in enumerate(records.schedule_items)],
        targets=[{"measure": t.measure_seq, "indicator": t.indicator, "line": t.line} for t in records.targets],
        passages=[{"measure": p.measure_seq, "block": p.block, "kind": p.kind, "line": p.line, "text": p.text}
                  for p in records.passages])


__all__ = ["DocumentRows", "DocumentTopics", "map_rows", "measure_texts", "record_rows"]
