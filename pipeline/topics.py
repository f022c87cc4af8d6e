"""Topics (topics.yaml) and the mapping of a measure or schedule item to them.

A term matches where a run of whole words of the text, in their SudachiPy normalized forms, spells it:
the words of split mode C (as printed: 窓口, オンライン申請) or the shortest parts of split mode A
(オンライン申請 -> オンライン, 申請), so a term matches inside a compound only at a word boundary
(工業 does not match 加工業); a katakana word SudachiPy keeps whole also ends in the katakana term
that ends it (オレンジバス is a バス). At each word the longest term wins (マイナンバーカード, not マイナンバー).

A record's score for a topic adds, for each distinct term of the topic, the weight of each place the
term was found in. With the defaults (DEFAULT_WEIGHTS, threshold 2) one term assigns the topic when it
is in the measure's title or in one thing the measure says the town will do: a schedule item, a target,
a 対応方針 / 今後の取組 statement, an item of its 施策内容 / 取組内容 text that names an action
(`action_items`: 「情報セキュリティ研修の実施」; pipeline.sentences.names_an_action). A sentence of that
text that tells an action (`content`: 「…を進めていきます」) weighs 1.5 a term, so it needs a second word of
the topic; other body text (what the town did, the scene of an action, passages outside a block, notes)
weighs 0.5 and alone assigns nothing. A department's name (子育て支援課) is not a topic's word
(pipeline.departments.department_name_words).
The weights were set against two hand readings (tests/golden/topics/); tests/test_topics.py prints
the precision and recall they reach.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex

from pipeline.departments import department_name_words
from pipeline.japanese import chunks, text_word_forms, word_forms
from pipeline.settings import resolve_settings
from pipeline.vocabulary import vocabulary

TOPICS_FILE = Path(__file__).with_name("topics.yaml")
_ID = regex.compile(r"^[a-z][a-z0-9_]*$")
_KATAKANA = regex.compile(r"[\p{Katakana}ー]+")
# Where a measure's words are found: its title, its own records, the actions its 施策内容 text lists
# as items and those it plans in sentences, its other body text (weights below).
PLACES = ("title", "schedule_items", "targets", "statements", "action_items", "content", "passages")
DEFAULT_WEIGHTS = {"title": 3.0, "schedule_items": 2.0, "targets": 2.0, "statements": 2.0, "action_items": 2.0,
                   "content": 1.5, "passages": 0.5}
DEFAULT_THRESHOLD = 2.0


class TopicsError(Exception):
    """topics.yaml cannot be used; the message names the topic and the bad value."""


@dataclass(frozen=True)
class Topic:
    """A topic of topics.yaml. `tool`: the topic is about using what its terms name (a channel of 広報,
    AI), so an action done by means of one (「町公式LINEによる防災情報配信」) is about the topic too."""

    id: str
    name: str
    description: str
    terms: tuple[str, ...]
    tool: bool = False


@dataclass(frozen=True)
class TopicSettings:
    """Weight of a term by the place it was found in (PLACES), the score that assigns a topic, and how
    many of its terms must be found outside the plain body passages (in the title, the measure's own
    schedule items, targets or statements, or an action its 施策内容 text plans): body text alone (many
    words of a topic in what the town did) does not assign a topic."""

    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    threshold: float = DEFAULT_THRESHOLD
    min_record_terms: int = 1

    def __post_init__(self):
        unknown = set(self.weights) - set(PLACES)
        if unknown:
            raise ValueError(f"TopicSettings: unknown place(s) {sorted(unknown)}; places are {list(PLACES)}")
        object.__setattr__(self, "weights", {**DEFAULT_WEIGHTS, **self.weights})
        if any(w < 0 for w in self.weights.values()) or self.threshold <= 0 or self.min_record_terms < 0:
            raise ValueError(f"TopicSettings: weights must be >= 0 and threshold > 0: {self}")

    @classmethod
    def resolve(cls, settings: "TopicSettings | dict | None") -> "TopicSettings":
        return resolve_settings(cls, settings)


@dataclass(frozen=True)
class TopicMatch:
    """A topic of one record: its score and the matched terms by place (score = the sum over places
    of the place's weight times the number of terms listed for it)."""

    topic_id: str
    score: float
    terms: dict[str, list[str]]


def load_topics(path: Path | None = None) -> list[Topic]:
    """The topics of a topics.yaml file (TOPICS_FILE unless given), in its order. Raises TopicsError
    on a malformed entry."""
    import yaml

    path = path or TOPICS_FILE
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TopicsError(f"{path}: no list `topics:`")
    topics, seen = [], set()
    for entry in entries:
        topic_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(topic_id, str) or not _ID.match(topic_id):
            raise TopicsError(f"{path}: topic id must be lower-case letters, digits and _: {topic_id!r}")
        if topic_id in seen:
            raise TopicsError(f"{path}: topic id {topic_id!r} appears twice")
        seen.add(topic_id)
        unknown = set(entry) - {"id", "name", "description", "terms", "tool"}
        if unknown:
            raise TopicsError(f"{path}: topic {topic_id!r}: unknown key(s) {sorted(unknown)}")
        terms = entry.get("terms") or []
        if not isinstance(terms, list) or not all(isinstance(t, str) and term_key(t) for t in terms):
            raise TopicsError(f"{path}: topic {topic_id!r}: terms must be a list of words: {terms!r}")
        if not entry.get("name"):
            raise TopicsError(f"{path}: topic {topic_id!r} has no name")
        if not isinstance(entry.get("tool", False), bool):
            raise TopicsError(f"{path}: topic {topic_id!r}: tool must be true or false: {entry['tool']!r}")
        topics.append(Topic(topic_id, str(entry["name"]), str(entry.get("description") or ""),
                            tuple(str(t) for t in terms), entry.get("tool", False)))
    return topics


# The modules whose rules map a measure to its topics: a database mapped by an older version of them
# is mapped again. The loader adds its own module (`fingerprint(extra_modules=…)`).
MAPPING_MODULES = ("pipeline.topics", "pipeline.sentences", "pipeline.departments")


def _code_digest(modules: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in modules:
        digest.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    return digest.hexdigest()


def fingerprint(topics: list[Topic], settings: TopicSettings | None = None, extra_modules: tuple[str, ...] = ()) -> str:
    """Changes whenever the mapping could: any topic, term, weight, the threshold, the words that
    tell a planned action from a description ([sentences] in vocabulary.toml) or a department's name
    ([departments]), or the code of MAPPING_MODULES and extra_modules."""
    settings = TopicSettings.resolve(settings)
    data = {"topics": [asdict(t) for t in topics], "settings": asdict(settings),
            "sentences": vocabulary().get("sentences", {}), "departments": vocabulary().get("departments", {}),
            "code": _code_digest(MAPPING_MODULES + extra_modules)}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _is_word(form: str) -> bool:
    return any(ch.isalnum() for ch in form)


def _key(form: str) -> str:
    return "".join(form.split()).casefold()


@functools.lru_cache(maxsize=4096)
def term_key(term: str) -> str:
    """How a term is compared: its words' normalized forms run together, without spaces, case-folded."""
    return "".join(_key(norm) for _surface, norm, _parts in text_word_forms(term) if _is_word(norm))


class Lexicon:
    """Every term of a list of topics, ready for finding in texts."""

    def __init__(self, topics: list[Topic]):
        self.topics = topics
        self.by_key: dict[str, list[tuple[str, str]]] = {}  # term key -> [(topic id, term as written)]
        for topic in topics:
            for term in topic.terms:
                self.by_key.setdefault(term_key(term), []).append((topic.id, term))
        self.longest = max((len(k) for k in self.by_key), default=0)
        self.katakana_terms = {key for key in self.by_key if _KATAKANA.fullmatch(key)}
        self.tools = {topic.id for topic in topics if topic.tool}

    def find(self, text: str | None) -> set[str]:
        """Keys of the terms found in `text`."""
        if not text or not self.by_key:
            return set()
        found = set()
        for chunk in chunks(text):
            whole, parts = [], []
            departments = department_name_words(chunk)
            for i, (_surface, norm, shortest) in enumerate(word_forms(chunk)):
                if i in departments:  # who does the work (子育て支援課), not what it is about
                    found |= self._longest_runs(whole) | self._longest_runs(parts)
                    whole, parts = [], []
                elif _is_word(norm):  # a run of words goes on over ・ and other marks: デジタル・ディバイド
                    whole.append(_key(norm))
                    parts.extend(part for p in shortest if _is_word(p) for part in self._katakana_head(_key(p)))
            found |= self._longest_runs(whole) | self._longest_runs(parts)
        return found

    def _katakana_head(self, form: str) -> list[str]:
        """A katakana word that SudachiPy keeps whole (オレンジバス, コミュニティバス), split before the
        longest katakana term that ends it: such compounds name their kind last (a bus), whatever
        the name before it."""
        if _KATAKANA.fullmatch(form):
            for i in range(2, len(form) - 1):
                if form[i:] in self.katakana_terms:
                    return [form[:i], form[i:]]
        return [form]

    def topics_in(self, text: str | None) -> set[str]:
        """Ids of the topics whose terms are found in `text`."""
        return {topic_id for key in self.find(text) for topic_id, _term in self.by_key[key]}

    def _longest_runs(self, forms: list[str]) -> set[str]:
        found, i = set(), 0
        while i < len(forms):
            run, best = "", None
            for j in range(i, len(forms)):
                run += forms[j]
                if len(run) > self.longest:
                    break
                if run in self.by_key:
                    best = (j, run)
            if best:
                found.add(best[1])
                i = best[0] + 1
            else:
                i += 1
        return found


@functools.lru_cache(maxsize=8)
def _lexicon(topics: tuple[Topic, ...]) -> Lexicon:
    return Lexicon(list(topics))


def lexicon(topics: list[Topic]) -> Lexicon:
    return _lexicon(tuple(topics))


def match_topics(texts: dict[str, list[str]], topics: list[Topic] | Lexicon,
                 settings: TopicSettings | dict | None = None) -> list[TopicMatch]:
    """The topics of one record whose score reaches the threshold, best first.

    `texts` holds the record's texts by place (PLACES: "title", "schedule_items", ...).
    """
    settings = TopicSettings.resolve(settings)
    lex = topics if isinstance(topics, Lexicon) else lexicon(topics)
    unknown = set(texts) - set(PLACES)
    if unknown:
        raise ValueError(f"unknown place(s) {sorted(unknown)}; places are {list(PLACES)}")
    found: dict[tuple[str, str], set[str]] = {}  # (topic id, term) -> places found in
    for place in PLACES:
        for text in texts.get(place, []):
            for key in lex.find(text):
                for topic_id, term in lex.by_key[key]:
                    found.setdefault((topic_id, term), set()).add(place)
    matches = []
    present = {topic_id for topic_id, _term in found}  # a topic with no term found cannot reach the threshold
    for topic in lex.topics:
        if topic.id not in present:
            continue
        terms = {p: [t for t in topic.terms if p in found.get((topic.id, t), ())] for p in PLACES}
        terms = {p: ts for p, ts in terms.items() if ts}
        score = sum(settings.weights[p] * len(ts) for p, ts in terms.items())
        own = {t for p, ts in terms.items() if p != "passages" for t in ts}
        if score >= settings.threshold and len(own) >= settings.min_record_terms:
            matches.append(TopicMatch(topic.id, score, terms))
    return sorted(matches, key=lambda m: -m.score)


__all__ = ["PLACES", "TOPICS_FILE", "Lexicon", "Topic", "TopicMatch", "TopicSettings", "TopicsError",
           "fingerprint", "lexicon", "load_topics", "match_topics", "term_key"]
