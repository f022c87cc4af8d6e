"""Loads vocabulary.toml into one frozen Vocabulary and matches printed words against it through SudachiPy
normalized forms."""
from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import regex

from pipeline.cleaning import fold
from pipeline.data_files import VOCABULARY_FILE
from pipeline.errors import VocabularyError
from pipeline.japanese import normalized
from pipeline.patterns import DATED_YEAR, LEADING_NUMBER, TOC_LEADERS, YEAR

_DECORATION = regex.compile(r"[\s【】\[\]［］■□●○◆◇★☆◎▼▽▶►▷<>＜＞〈〉《》〔〕≪≫「」『』]+")


class Role(StrEnum):
    """The role of a block of a measure's body: the keys of [blocks] in vocabulary.toml. A Role equals
    its string (Role.POLICY == "policy"), as stored in statements.role and passages.block."""

    CURRENT_STATE = "current_state"        # 現状
    ISSUES = "issues"                      # 課題
    STATE_AND_ISSUES = "state_and_issues"  # 現状と課題
    POLICY = "policy"                      # 対応方針, 取組の方向
    VISION = "vision"                      # 目指す姿
    FUTURE = "future"                      # 今後の取組や課題
    EFFECT = "effect"                      # 効果
    PROGRESS = "progress"                  # 実績
    EVALUATION = "evaluation"              # 進捗, 評価
    CONTENT = "content"                    # 施策内容, 取組概要
    SCHEDULE = "schedule"                  # スケジュール
    TARGET = "target"                      # 目標, KPI
    DEPARTMENT = "department"              # 担当課


# The role groups every stage reads, so that no two stages disagree on what a block is.
# What is: the present and its problems (a chapter titled so gives its paragraphs that role).
WHAT_IS_ROLES = (Role.CURRENT_STATE, Role.ISSUES, Role.STATE_AND_ISSUES)
# Background to what the town will do: what is, what it hopes for, what it expects. Their words say
# nothing of a measure's topic.
BACKGROUND_ROLES = WHAT_IS_ROLES + (Role.VISION, Role.EFFECT)
# Blocks that describe rather than set goals: a 「58% → 72%」 there is a change seen, not a KPI.
DESCRIBING_ROLES = BACKGROUND_ROLES + (Role.PROGRESS,)
# What the town says it will do: 対応方針 and 今後の取組.
ACTION_ROLES = (Role.POLICY, Role.FUTURE)
# What a measure will do: its policy and intentions, and what its 取組内容 / 取組概要 lists.
DOING_ROLES = ACTION_ROLES + (Role.CONTENT,)
# Blocks whose items are statements: what a plan says about the present and what it intends.
STATEMENT_ROLES = WHAT_IS_ROLES + (Role.POLICY, Role.VISION, Role.FUTURE, Role.EFFECT, Role.PROGRESS)


Words = tuple[str, ...]


@dataclass(frozen=True)
class PlanSignals:
    """[plan_signals]: `words` (alternatives of one word separated by |) and how many of them make a plan;
    `other_genres`, words of the pages about plans that are none (a meeting's record, a press release, a
    glossary, a call for comments), and how many of them make a page without measures, targets or
    schedules one of those."""
    words: Words
    minimum: int
    other_genres: Words
    other_minimum: int


@dataclass(frozen=True)
class Numbering:
    label_words: Words


@dataclass(frozen=True)
class Measures:
    body_roles: tuple[Role, ...]
    overview_words: Words
    running_words: Words
    indicator_endings: Words
    list_words: Words
    counted_words: Words
    name_fields: Words
    code_fields: Words


@dataclass(frozen=True)
class Departments:
    suffixes: Words
    connectors: Words
    separators: Words
    name_words: Words
    name_word_endings: Words


@dataclass(frozen=True)
class Toc:
    headings: Words


@dataclass(frozen=True)
class Metadata:
    plan_words: Words
    title_fields: Words
    body_fields: Words
    own_period_words: Words
    period_headings: Words


@dataclass(frozen=True)
class Statuses:
    """[statuses]: `steps`, each status code with its words in the file's order (the first code to name a
    word keeps it), and the marks, arrows, dashes and bars of schedule cells."""
    steps: Mapping[str, Words]
    compound_heads: Words
    arrows: Words
    dashes: Words
    bars: Words
    marks: Words


@dataclass(frozen=True)
class Schedules:
    legend_words: Words
    revision_notes: Words


@dataclass(frozen=True)
class Targets:
    units: Words
    approximate: Words
    explanation_fields: Words
    directions: Words
    report_words: Words


@dataclass(frozen=True)
class KpiTables:
    indicator: Words
    item: Words
    baseline: Words
    current: Words
    actual: Words
    target: Words
    baseline_year: Words
    target_year: Words
    unit: Words

    def by_role(self) -> tuple[tuple[str, Words], ...]:
        """(column role, its words) of every column, indicator first."""
        return tuple((f.name, getattr(self, f.name)) for f in dataclasses.fields(self))


@dataclass(frozen=True)
class Forms:
    date_labels: Words
    planned_rows: Words
    spanned_years: Words
    spanned_values: Words


@dataclass(frozen=True)
class Pages:
    furniture: Words
    furniture_lines: Words


@dataclass(frozen=True)
class Statements:
    task_words: Words
    intention_verbs: Words
    caption_starts: Words
    plan_parts: Words


@dataclass(frozen=True)
class Sentences:
    state_verbs: Words
    state_nouns: Words
    describing_auxiliaries: Words
    scene_endings: Words
    setting_markers: Words
    promotion_words: Words
    means_markers: Words


@dataclass(frozen=True)
class Vocabulary:
    """The words extraction recognises, one attribute per section of vocabulary.toml. `blocks` and
    `block_suffixes` map a Role to its words, in the file's order (the first role to name a word keeps it)."""
    blocks: Mapping[Role, Words]
    block_suffixes: Mapping[Role, Words]
    plan_signals: PlanSignals
    numbering: Numbering
    measures: Measures
    departments: Departments
    toc: Toc
    metadata: Metadata
    statuses: Statuses
    schedules: Schedules
    targets: Targets
    kpi_tables: KpiTables
    forms: Forms
    pages: Pages
    statements: Statements
    sentences: Sentences


def _error(message: str) -> VocabularyError:
    return VocabularyError(f"{VOCABULARY_FILE}: {message}")


def _words(where: str, value) -> Words:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise _error(f"{where} is not a list of words: {value!r}")
    return tuple(value)


def _roles(where: str, names) -> tuple[Role, ...]:
    unknown = set(names) - {role.value for role in Role}
    if unknown:
        raise _error(f"{where} has role(s) no stage reads: {sorted(unknown)}; roles are {[role.value for role in Role]}")
    return tuple(Role(name) for name in names)


def _table(name: str, found: dict) -> dict:
    table = found[name]
    if not isinstance(table, dict):
        raise _error(f"[{name}] is not a table")
    return table


def _by_role(name: str, found: dict) -> Mapping[Role, Words]:
    table = _table(name, found)
    roles = _roles(f"[{name}]", list(table))
    return MappingProxyType({role: _words(f"[{name}] {role}", table[role]) for role in roles})


def _section(cls: type, name: str, table: dict, **given):
    """A section's table as `cls`, each key a field of it; `given` holds fields built by the caller."""
    keys = [f.name for f in dataclasses.fields(cls)]
    unknown, missing = set(table) - set(keys) - set(given), set(keys) - set(table) - set(given)
    if unknown:
        raise _error(f"[{name}] has key(s) no stage reads: {sorted(unknown)}; keys are {keys}")
    if missing:
        raise _error(f"[{name}] lacks key(s): {sorted(missing)}")
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in given:
            values[f.name] = given[f.name]
        elif f.type == "int":
            if not isinstance(table[f.name], int) or isinstance(table[f.name], bool):
                raise _error(f"[{name}] {f.name} is not a whole number: {table[f.name]!r}")
            values[f.name] = table[f.name]
        else:
            values[f.name] = _words(f"[{name}] {f.name}", table[f.name])
    return cls(**values)


def _statuses(found: dict) -> Statuses:
    table = _table("statuses", found)
    others = {f.name for f in dataclasses.fields(Statuses)} - {"steps"}
    steps = {code: _words(f"[statuses] {code}", words) for code, words in table.items() if code not in others}
    return _section(Statuses, "statuses", {key: table[key] for key in table if key in others},
                    steps=MappingProxyType(steps))


# The sections read as they are; [blocks], [block_suffixes], [measures] and [statuses] are built by _build.
_SECTIONS = {"plan_signals": PlanSignals, "numbering": Numbering, "departments": Departments, "toc": Toc,
             "metadata": Metadata, "schedules": Schedules, "targets": Targets, "kpi_tables": KpiTables, "forms": Forms, "pages": Pages,
             "statements": Statements, "sentences": Sentences}


def _build(found: dict) -> Vocabulary:
    names = [f.name for f in dataclasses.fields(Vocabulary)]
    unknown, missing = set(found) - set(names), set(names) - set(found)
    if unknown:
        raise _error(f"section(s) no stage reads: {sorted(unknown)}; sections are {names}")
    if missing:
        raise _error(f"section(s) missing: {sorted(missing)}")
    blocks, block_suffixes = _by_role("blocks", found), _by_role("block_suffixes", found)
    measures = _section(Measures, "measures", _table("measures", found))
    measures = dataclasses.replace(measures, body_roles=_roles("[measures] body_roles", measures.body_roles))
    return Vocabulary(blocks=blocks, block_suffixes=block_suffixes, measures=measures, statuses=_statuses(found),
                      **{name: _section(cls, name, _table(name, found)) for name, cls in _SECTIONS.items()})


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary file (KEIKAKU_VOCABULARY or pipeline/vocabulary.toml), read and checked once."""
    with open(VOCABULARY_FILE, "rb") as f:
        try:
            found = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise _error(f"not TOML: {e}") from None
    return _build(found)


@functools.lru_cache(maxsize=4096)
def match_key(text: str) -> str:
    """Key for comparing a printed word with a vocabulary entry."""
    return normalized(fold(_DECORATION.sub("", text)))


@functools.lru_cache(maxsize=8)
def qualified_field_pattern(fields: Words, code: str) -> regex.Pattern:
    """A field of `fields` with up to three kanji before it (基本事業名), perhaps glued to a code matching
    `code` (「基本事業名52304 ITを活用した…」), then its value: groups field, code and value."""
    words = "|".join(map(regex.escape, sorted(fields, key=len, reverse=True)))
    return regex.compile(rf"^(?P<field>\p{{Han}}{{0,3}}(?:{words}))(?P<code>{code})?\s+(?P<value>\S.*)$")


@functools.lru_cache(maxsize=64)
def match_keys(words: Words) -> frozenset[str]:
    """The match keys of a vocabulary word list (vocabulary().measures.name_fields …), made once."""
    return frozenset(match_key(w) for w in words)


@functools.lru_cache(maxsize=1)
def _block_roles() -> dict[str, str]:
    roles = {}
    for role, words in vocabulary().blocks.items():
        for word in words:
            roles.setdefault(match_key(word), role)
    return roles


@functools.lru_cache(maxsize=16384)
def block_role(text: str) -> str | None:
    """The role of a block heading such as 現状, 【スケジュール】, 担当課, 解決すべき課題, or None (every
    stage asks of the same lines: the answer is kept)."""
    if not text:
        return None
    in_round = _IN_ROUND_BRACKETS.fullmatch(text.strip())  # 「(具体的な成果目標)」: the heading inside
    text = glossed_word(text) or (in_round.group("inside") if in_round else _TRAILING_NOTE.sub("", text.strip())) \
        or text.strip()
    dated = _DATED_OPENING.match(text)
    if dated:  # 「【平成25年度の取組(計画)】」: the block word after the year
        rest = dated.group("rest").strip(_FRAME)
        text = glossed_word(rest) or _TRAILING_NOTE.sub("", rest).strip() or rest
    else:
        text = without_number(text) or text  # 「1.現状と課題」: the block word
    if len(text) > MAX_NAMED_BLOCK_HEADING:
        return None
    if len(text) > 20:
        return _named_in_brackets(text)
    return _block_roles().get(match_key(text)) or _suffix_role(text.strip(_FRAME)) or _named_in_brackets(text)


MAX_NAMED_BLOCK_HEADING = 32


# 「細施策達成の基本的な考え方(あるべき姿)」: a heading that names its block in brackets after its own words.
_NAMED_BLOCK = regex.compile(r"[(（](?P<word>[^()（）]{2,10})[)）]\s*$")


def _named_in_brackets(text: str) -> str | None:
    m = _NAMED_BLOCK.search(text.strip(_FRAME))
    return _block_roles().get(match_key(m.group("word"))) if m and m.start() > 0 else None


def is_block_word(text: str) -> bool:
    """A block word exactly as vocabulary.toml lists it (現状と課題, 効果; not 解決すべき課題), also glossed in brackets
    (「成果指標(アウトカム)」) or glossing a word in brackets (「重要業績評価指標(KPI)」)."""
    if len(text) > 20:
        return False
    glossed = _GLOSS_AFTER.match(text)
    return match_key(text) in _block_roles() \
        or bool(glossed) and any(match_key(glossed.group(part)) in _block_roles() for part in ("word", "gloss"))


_GLOSS_AFTER = regex.compile(r"^(?P<word>[^と及び並]{2,10}?)\s?[(（](?P<gloss>[^()（）]{1,12})[)）]$")  # one term, glossed


# 「【令和4年度(1Q)の取組実績】」: the year a block is about, before the block word.
_DATED_OPENING = regex.compile(rf"^[【\[［■●]?\s?{DATED_YEAR}\s?(?:[(（][^()（）]{{1,8}}[)）])?\s?の\s?(?P<rest>.+)$")
# Brackets and marks around a heading: 【今後の取組の方向性】.
_FRAME = "【】[]［］〈〉《》〔〕≪≫「」『』<>＜＞■□●○◆◇★☆◎▼▽▶►▷ \u3000"
# 「Vision(目指す姿)」, 「Mission(目的・使命)」: a heading in English, glossed in Japanese in brackets.
_GLOSSED = regex.compile(r"^[A-Za-z][A-Za-z ]{1,19}\s?[(（](?P<word>[^()（）]{1,20})[)）]$")


def without_number(text: str) -> str:
    """A heading without the number printed before it (「1.現状と課題」 -> 現状と課題)."""
    return _NUMBERED.sub("", text)


def glossed_word(text: str) -> str | None:
    """The Japanese gloss of a heading printed in English with it in brackets (「Vision(目指す姿)」 -> 目指す姿)."""
    glossed = _GLOSSED.match(text.strip())
    return glossed.group("word") if glossed else None


_NUMBERED = regex.compile(LEADING_NUMBER)
_IN_ROUND_BRACKETS = regex.compile(r"[(（](?P<inside>[^()（）]+)[)）]")
# 「所属で設定する長期目標(設定がある場合のみ)」: a note in brackets after the block word says when it applies.
_TRAILING_NOTE = regex.compile(r"\s*[(（][^()（）]*[)）]$")
# 「解決すべき課題」, 「設定する長期目標」: a modifier ending in kana, then a block word (長期目標) or a word
# ending in a block suffix (課題).
_MODIFIED = regex.compile(r"^[^\s。、:：]{1,15}[\p{Hiragana}](?P<word>[\p{Han}]{1,4})$")
MAX_MODIFIED_BLOCK_WORD = 20


def _suffix_role(text: str) -> str | None:
    m = _MODIFIED.match(text) if len(text) <= MAX_MODIFIED_BLOCK_WORD else None
    if m is None:
        return None
    word = m.group("word")
    if len(word) > 2:
        return _block_roles().get(match_key(word))
    return next((role for role, endings in vocabulary().block_suffixes.items() if word in endings), None)


@functools.lru_cache(maxsize=1)
def kpi_column_roles() -> dict[str, str]:
    """The role of every column name of a KPI table (指標名, 単位, 現状値, 目標値 …), by its match key; a word
    listed under two roles keeps the first."""
    found: dict[str, str] = {}
    for role, words in vocabulary().kpi_tables.by_role():
        for word in words:
            found.setdefault(match_key(word), role)
    return found


@functools.lru_cache(maxsize=1)
def kpi_column_words() -> frozenset[str]:
    """Match keys of every column name of a KPI table."""
    return frozenset(kpi_column_roles())


def is_kpi_column_word(text: str) -> bool:
    """A line or cell that is only a KPI table's column name: a sheet dumped one cell per line prints its
    header cells as lines of their own (「指標名」 「単位」)."""
    return len(text) <= 20 and match_key(text) in kpi_column_words()


def kpi_value_role(word: str) -> str | None:
    """The side of a KPI a word names (現状値 -> current, 基準値 -> baseline, 目標値 -> target), or None for any other
    word (a column of indicators or units names no value)."""
    role = kpi_column_roles().get(match_key(word))
    return role if role in ("baseline", "current", "actual", "target") else None


# 「目標(指標)名」, 「目標(平成31年度)」: a column name with a bracketed note or year, and 名.
_KPI_HEADER_CELL = regex.compile(r"^(?P<word>[^()（）]+?)(?:[(（][^()（）]*[)）])?名?$")


def is_kpi_header_cell(token: str) -> bool:
    """A KPI table's header cell as printed, its bracketed year or note and a trailing 名 allowed."""
    m = _KPI_HEADER_CELL.match(token) if len(token) <= 30 else None
    return bool(m) and match_key(m.group("word")) in kpi_column_words()


# 「担当課 総務課」, 「所管課：企画課」, and a numbered field 「目標2_研修受講者:1,000人」.
# 「【担当課】総務課」: a field name in brackets, its value right after them.
_BRACKETED_WORD = regex.compile(r"^(?P<head>[【［\[〈《＜]\s?[^】］\]〉》＞\s]{1,12}\s?[】］\]〉》＞])\s*(?P<rest>\S.*)$",
                                regex.DOTALL)
_LEADING_WORD = regex.compile(r"^(?P<head>[^\s:：_＿]+?)(?:(?:\s?[0-9０-９]{1,2})?\s*[:：_＿]|\s)\s*(?P<rest>\S.*)$",
                              regex.DOTALL)


@functools.lru_cache(maxsize=16384)
def leading_field(text: str) -> tuple[str, str] | None:
    """A field name at the start of a line and its value: 「所管課：企画課」 -> ("所管課", "企画課") (every
    stage asks of the same lines: the answer is kept)."""
    text = text.strip()
    framed = _FRAMED_FIELD.match(text)  # 「【所管:経済部】」: the field and its value in one pair of brackets
    m = _BRACKETED_WORD.match(text) or _LEADING_WORD.match(framed.group("inside") if framed else text)
    return (m.group("head"), m.group("rest").strip()) if m else None


_FRAMED_FIELD = regex.compile(r"^[【［\[〈《＜](?P<inside>[^【】［］\[\]〈〉《》＜＞]+?[:：][^【】［］\[\]〈〉《》＜＞]+)[】］\]〉》＞]$")


# 「基本目標 2 主要施策 3 施策の体系」: a word followed by a page or item number is a 目次's, not a field.
_NUMBER_THEN_SPACE = regex.compile(r"^[0-9０-９]+\s")
# 「現状 H27年度 H28年度 H29年度」: a KPI table's header row of year columns, no field and its value.
_YEARS_ONLY = regex.compile(rf"(?:{YEAR}\s?(?:年度?)?末?\s*){{2,}}")
# 「【目標指標1】」, 「成果指標2」: a field's word and its number.
_NUMBERED_FIELD = regex.compile(r"[【［\[〈《＜]?(?P<word>[^\s0-9０-９【】［］\[\]〈〉《》＜＞]{2,8}?)\s?[0-9０-９]{1,2}[】］\]〉》＞]?")
# 「効 果 ICTの利活用による…」: a block word spelt out a letter a space, then its content.
_SPACED_WORD = regex.compile(r"^(?P<head>\S(?:[ \u3000]\S){1,7})\s+(?P<rest>\S.*)$", regex.DOTALL)


def leading_block_role(text: str) -> tuple[str, str] | None:
    """A block word at the start of a line followed by its content ("担当課 総務課", "所管課：企画課",
    "効 果 …") -> (role, rest)."""
    field = leading_field(text)
    # 「基本目標 施策の方向」: a row of two column names, no field and its value
    role = block_role(field[0]) if field and not _NUMBER_THEN_SPACE.match(field[1]) \
        and not _YEARS_ONLY.fullmatch(field[1]) and block_role(field[1]) is None else None
    if role is None and field and _DIGIT.search(field[1]) and not _TOC_LEADERS.search(field[1]):
        # 「【目標指標1】…150億円を目指す。」: a numbered goal (「基本目標7 …・・・・P.255」 is a 目次's line)
        numbered = _NUMBERED_FIELD.fullmatch(field[0])
        role = Role.TARGET if numbered and names_targets(numbered.group("word")) else None
    if role is None and len(text) > 2 and text.lstrip()[1:2] in (" ", "\u3000"):
        spaced = _SPACED_WORD.match(text.strip())
        field = (spaced.group("head"), spaced.group("rest").strip()) if spaced else None
        role = block_role(regex.sub(r"\s", "", field[0])) if field else None
    return (role, field[1]) if role else None


def names_targets(word: str) -> bool:
    """A word for a plan's goals: a target block word (目標, 成果指標) or a compound ending in one of the target
    suffixes (目標指標, 達成目標)."""
    return block_role(word) == Role.TARGET \
        or bool(_HAN_WORD.fullmatch(word)) and word.endswith(tuple(vocabulary().block_suffixes.get("target", ())))


_HAN_WORD = regex.compile(r"\p{Han}{2,8}")
_TOC_LEADERS = regex.compile(TOC_LEADERS)
_DIGIT = regex.compile(r"[0-9０-９]")


def names_measures(text: str) -> bool:
    """A short line naming the measures listed under it (「該当する施策」, 【新たに実施する施策】, 具体的な施策),
    not a block word of a measure's body (主な取組 lists what one measure does)."""
    stripped = text.strip().rstrip("】］]）)》〉≫＞：: ")
    if len(stripped) > 30 or block_role(text) is not None:
        return False
    key = match_key(stripped)  # 「主な取り組み」 ends in 取組 as the vocabulary writes it
    word = next((w for w in vocabulary().measures.list_words if stripped.endswith(w) or key.endswith(match_key(w))), None)
    return word is not None and not _names_one(stripped, word)


def _names_one(text: str, word: str) -> bool:
    """「地域資源発掘事業」 (a table's cell over its items): one 事業's name, a noun compound ending in the word, not a
    line naming a list (主な事業, 具体的な施策, 重点施策, 【事業】: a modifier in kana, a word of rank, a mark)."""
    head = regex.sub(r"[【】\[\]［］〈〉《》■□●○◆◇・\s]", "", text)
    head = head[:-len(word)] if head.endswith(word) else head
    return len(head) >= 3 and bool(regex.search(r"\p{Han}$", head)) and not head.endswith(_RANK_WORDS)


_RANK_WORDS = ("重点", "主要", "個別", "具体", "基本", "推進", "新規", "関連", "該当", "実施", "対象", "主", "各")


# Longer than any field name of an evaluation sheet (事務事業名, 施策名 …), spaces and brackets included.
MAX_FIELD_NAME = 20


def is_name_field(text: str) -> bool:
    """A field or column that names a measure (事務事業名, 取組名: [measures] name_fields)."""
    return len(text) <= MAX_FIELD_NAME and match_key(text) in match_keys(vocabulary().measures.name_fields)


def is_page_furniture(text: str) -> bool:
    """A line a web page's menus and links left in its text (「topへ戻る」, 「印刷用ページを表示する 更新日:…」), or a
    document-hosting site's (「Category:」, 「TRANSCRIPT」, 「2 Views」)."""
    stripped = text.strip()
    return stripped.startswith(vocabulary().pages.furniture) or stripped in vocabulary().pages.furniture_lines \
        or bool(_SITE_COUNTER.fullmatch(stripped))


# 「2 Views」, 「0 Downloads」, 「Post on 22-Apr-2020」: a hosting site's counters and dates.
_SITE_COUNTER = regex.compile(r"[0-9,]+ (?:[Vv]iews?|[Dd]ownloads?|[Ll]ikes?|[Pp]ages?)|Post on \d{1,2}-[A-Z][a-z]{2}-\d{4}")
