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
(pipeline.departments.department_name_words). A topic found only in the body is not given when the
title names a topic whose work it is (Topic.scope, Topic.covers: the shops' キャッシュレス in a measure about
local industry, a school's 無線LAN in one about education).
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

import re

from pipeline.errors import TopicsError
from pipeline.japanese import chunks, normalized, text_word_forms, word_forms
from pipeline.settings import resolve_settings

# The vocabulary, department names and the regex module are imported where they are used: an ingest
# whose files are all loaded already reads TOPICS_FILE's place (db/setup.py) and nothing more.
TOPICS_FILE = Path(__file__).with_name("topics.yaml")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Where a measure's words are found: its title, its own records, the actions its 施策内容 text lists
# as items and those it plans in sentences, its other body text (weights below).
PLACES = ("title", "schedule_items", "targets", "statements", "action_items", "content", "passages")
DEFAULT_WEIGHTS = {"title": 3.0, "schedule_items": 2.0, "targets": 2.0, "statements": 2.0, "action_items": 2.0,
                   "content": 1.5, "passages": 0.5}
DEFAULT_THRESHOLD = 2.0


SCOPES = ("office", "sector")


@dataclass(frozen=True)
class Topic:
    """A topic of topics.yaml. `tool`: the topic is about using what its terms name (a channel of 広報,
    AI), so an action done by means of one (「町公式LINEによる防災情報配信」) is about the topic too.
    `scope`: whose work the topic is about: "office" (the town office's own: 公金 payments, staff
    telework, its work processes), "sector" (a field of the community's life: schools, businesses,
    farms, care). `covers`: topics whose terms, in a measure whose title names this topic, are this
    topic's own means (a school's 無線LAN is education, not a separate infrastructure measure).
    `channel`: the topic's terms are channels of communication (広報, ウェブサイト); in a measure whose title
    promotes something (普及促進, 利用促進), they are how it is promoted, not a topic of the measure."""

    id: str
    name: str
    description: str
    terms: tuple[str, ...]
    tool: bool = False
    scope: str | None = None
    covers: tuple[str, ...] = ()
    channel: bool = False


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
    """A topic of one record: its score, the matched terms by place (score = the sum over places
    of the place's weight times the number of terms listed for it), and the evidence: the texts
    (title, item, sentence) its terms were found in, those that count most first."""

    topic_id: str
    score: float
    terms: dict[str, list[str]]
    evidence: tuple[str, ...] = ()


# How many texts a match keeps as its evidence.
EVIDENCE_TEXTS = 3


def load_topics(path: Path | None = None) -> list[Topic]:
    """The topics of a topics.yaml file (TOPICS_FILE unless given), in its order. Raises TopicsError
    on a malformed entry."""
    import yaml

    path = path or TOPICS_FILE
    # libyaml's parser when PyYAML has it: the same safe loading, 20 times faster than pure Python
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader) or {}
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TopicsError(f"{path}: no list `topics:`")
    topics: list[Topic] = []
    for entry in entries:
        topic = _topic(entry, path)
        if any(t.id == topic.id for t in topics):
            raise TopicsError(f"{path}: topic id {topic.id!r} appears twice")
        topics.append(topic)
    unknown_covered = {c for t in topics for c in t.covers} - {t.id for t in topics}
    if unknown_covered:
        raise TopicsError(f"{path}: covers names topic(s) that do not exist: {sorted(unknown_covered)}")
    return topics


_KEYS = {"id", "name", "description", "terms", "tool", "scope", "covers", "channel"}


def _topic(entry, path: Path) -> Topic:
    """One entry of topics.yaml as a Topic; TopicsError names the topic and the bad value."""
    topic_id = entry.get("id") if isinstance(entry, dict) else None
    if not isinstance(topic_id, str) or not _ID.match(topic_id):
        raise TopicsError(f"{path}: topic id must be lower-case letters, digits and _: {topic_id!r}")

    def refuse(message: str):
        raise TopicsError(f"{path}: topic {topic_id!r}: {message}")

    if set(entry) - _KEYS:
        refuse(f"unknown key(s) {sorted(set(entry) - _KEYS)}")
    terms = entry.get("terms") or []
    if not isinstance(terms, list) or not all(isinstance(t, str) and term_key(t) for t in terms):
        refuse(f"terms must be a list of words: {terms!r}")
    if not entry.get("name"):
        raise TopicsError(f"{path}: topic {topic_id!r} has no name")
    for flag in ("tool", "channel"):
        if not isinstance(entry.get(flag, False), bool):
            refuse(f"{flag} must be true or false: {entry[flag]!r}")
    if entry.get("scope") not in (None, *SCOPES):
        refuse(f"scope must be one of {list(SCOPES)}: {entry['scope']!r}")
    covers = entry.get("covers") or []
    if not isinstance(covers, list) or not all(isinstance(c, str) for c in covers):
        refuse(f"covers must be a list of topic ids: {covers!r}")
    return Topic(topic_id, str(entry["name"]), str(entry.get("description") or ""), tuple(str(t) for t in terms),
                 entry.get("tool", False), entry.get("scope"), tuple(covers), entry.get("channel", False))


# The modules whose rules map a measure to its topics: a database mapped by an older version of them
# is mapped again. The loader adds its own module (`fingerprint(extra_modules=…)`).
MAPPING_MODULES = ("pipeline.topics", "pipeline.topic_mapping", "pipeline.sentences", "pipeline.departments")


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
    from pipeline.vocabulary import vocabulary

    data = {"topics": [asdict(t) for t in topics], "settings": asdict(settings),
            "sentences": asdict(vocabulary().sentences), "departments": asdict(vocabulary().departments),
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


@functools.lru_cache(maxsize=1)
def _katakana():
    import regex

    return regex.compile(r"[\p{Katakana}ー]+")


def _department_name_words(text: str) -> set[int]:
    from pipeline.departments import department_name_words

    return department_name_words(text)


# How many texts each lexicon remembers what it found in, and how many words' keys.
FIND_CACHE_SIZE = 16384
WORD_CACHE_SIZE = 65536


class Lexicon:
    """Every term of a list of topics, ready for finding in texts (`find`: the keys of the terms found
    in a text)."""

    def __init__(self, topics: list[Topic]):
        self.topics = topics
        self.by_key: dict[str, list[tuple[str, str]]] = {}  # term key -> [(topic id, term as written)]
        for topic in topics:
            for term in topic.terms:
                self.by_key.setdefault(term_key(term), []).append((topic.id, term))
        self.prefixes = {key[:n] for key in self.by_key for n in range(1, len(key) + 1)}
        self._katakana = _katakana()
        self.katakana_terms = {key for key in self.by_key if self._katakana.fullmatch(key)}
        self.tools = {topic.id for topic in topics if topic.tool}
        self.scopes = {topic.id: topic.scope for topic in topics}
        self.covers = {topic.id: set(topic.covers) for topic in topics}
        self.channels = {topic.id for topic in topics if topic.channel}
        # A text is looked up again and again (a measure's texts, its items', the same sentence in a
        # revised plan): each lexicon keeps what it found in the texts it saw last.
        self.find = functools.lru_cache(maxsize=FIND_CACHE_SIZE)(self._find)
        self._word_keys = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._keys_of_word)

    def _find(self, text: str | None) -> frozenset[str]:
        """Keys of the terms found in `text`."""
        if not text or not self.by_key:
            return frozenset()
        found = set()
        for chunk in chunks(text):
            whole, parts = [], []
            departments = _department_name_words(chunk)
            for i, (_surface, norm, shortest) in enumerate(word_forms(chunk)):
                if i in departments:  # who does the work (子育て支援課), not what it is about
                    found |= self._longest_runs(whole) | self._longest_runs(parts)
                    whole, parts = [], []
                    continue
                key, part_keys = self._word_keys(norm, shortest)
                if key is not None:  # a run of words goes on over ・ and other marks: デジタル・ディバイド
                    whole.append(key)
                    parts.extend(part_keys)
            found |= self._longest_runs(whole) | self._longest_runs(parts)
        return frozenset(found)

    def _keys_of_word(self, norm: str, shortest: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
        """What a word adds to the runs of forms: the key of its normalized form and those of its
        shortest parts; (None, ()) for a mark (・, 、) that is no word."""
        if not _is_word(norm):
            return None, ()
        return _key(norm), tuple(part for p in shortest if _is_word(p) for part in self._katakana_head(_key(p)))

    def _katakana_head(self, form: str) -> list[str]:
        """A katakana word that SudachiPy keeps whole (オレンジバス, コミュニティバス), split before the
        longest katakana term that ends it: such compounds name their kind last (a bus), whatever
        the name before it."""
        if self._katakana.fullmatch(form):
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
                if run not in self.prefixes:  # no term begins so: no longer run is one either
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
    found = _Found.of(texts, lex)
    titled = {topic_id for (topic_id, _term), places in found.places.items() if "title" in places}
    promoting = any(_promotes(title) for title in texts.get("title", []))
    matches = []
    for topic in lex.topics:
        if topic.id not in found.sources:  # a topic with no term found cannot reach the threshold
            continue
        terms = found.terms_of(topic)
        score = sum(settings.weights[p] * len(ts) for p, ts in terms.items())
        own = {t for p, ts in terms.items() if p != "passages" for t in ts}
        if score >= settings.threshold and len(own) >= settings.min_record_terms \
                and (topic.id in titled or not _belongs_to_titled(topic.id, titled, promoting, lex)):
            evidence = tuple(sorted(found.sources[topic.id], key=lambda text: -_weight_of(text, texts, settings)))
            matches.append(TopicMatch(topic.id, score, terms, evidence[:EVIDENCE_TEXTS]))
    return sorted(matches, key=lambda m: -m.score)


@dataclass
class _Found:
    """The terms found in a record's texts: the places each (topic, term) was found in, and the texts
    each topic's terms were found in, in the order of PLACES."""

    places: dict[tuple[str, str], set[str]]
    sources: dict[str, list[str]]

    @classmethod
    def of(cls, texts: dict[str, list[str]], lex: Lexicon) -> "_Found":
        found = cls({}, {})
        for place in PLACES:
            for text in texts.get(place, []):
                for key in lex.find(text):
                    for topic_id, term in lex.by_key[key]:
                        found.places.setdefault((topic_id, term), set()).add(place)
                        if text not in found.sources.setdefault(topic_id, []):
                            found.sources[topic_id].append(text)
        return found

    def terms_of(self, topic: Topic) -> dict[str, list[str]]:
        """A topic's terms by the places they were found in (places with none left out)."""
        terms = {p: [t for t in topic.terms if p in self.places.get((topic.id, t), ())] for p in PLACES}
        return {p: ts for p, ts in terms.items() if ts}


def _weight_of(text: str, texts: dict[str, list[str]], settings: TopicSettings) -> float:
    return max(settings.weights[place] for place in PLACES if text in texts.get(place, ()))


def _promotes(title: str) -> bool:
    """Whether a title promotes the use of something (普及促進, 利用促進: [sentences] promotion_words)."""
    forms = normalized(title)
    return any(word in forms for word in _promotion_words())


@functools.lru_cache(maxsize=1)
def _promotion_words() -> tuple[str, ...]:
    from pipeline.vocabulary import vocabulary

    return tuple(normalized(w) for w in vocabulary().sentences.promotion_words)


def _belongs_to_titled(topic_id: str, titled: set[str], promoting: bool, lex: Lexicon) -> bool:
    """Whether a topic found only in a record's body is the work of what its title names rather than a
    topic of its own: the office's kind of work (cashless, telework) done in a field of the community
    the title names (「地域産業のスマート化」: the shops' キャッシュレス, the businesses' テレワーク), the
    means of a titled topic that covers it (a school's 無線LAN), or the channel (広報) by which a
    measure promotes what its title names (「マイナンバーカードの普及促進」)."""
    if lex.scopes.get(topic_id) == "office" and any(lex.scopes.get(t) == "sector" for t in titled):
        return True
    if promoting and topic_id in lex.channels:
        return True
    return any(topic_id in lex.covers.get(t, ()) for t in titled)


__all__ = ["PLACES", "TOPICS_FILE", "Lexicon", "Topic", "TopicMatch", "TopicSettings", "TopicsError",
           "fingerprint", "lexicon", "load_topics", "match_topics", "term_key"]
