"""Loads vocabulary.toml and matches printed words against it through SudachiPy normalized forms."""
from __future__ import annotations

import functools
import tomllib
from enum import StrEnum

import regex

from pipeline.cleaning import fold
from pipeline.data_files import VOCABULARY_FILE
from pipeline.errors import VocabularyError
from pipeline.japanese import normalized

_DECORATION = regex.compile(r"[\s【】\[\]［］■□●○◆◇<>＜＞〈〉《》]+")


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
# Blocks whose items are statements: what a plan says about the present and what it intends.
STATEMENT_ROLES = WHAT_IS_ROLES + (Role.POLICY, Role.VISION, Role.FUTURE, Role.EFFECT, Role.PROGRESS)


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict:
    with open(VOCABULARY_FILE, "rb") as f:
        found = tomllib.load(f)
    unknown = set(found.get("blocks", {})) - {role.value for role in Role}
    if unknown:
        raise VocabularyError(f"{VOCABULARY_FILE}: [blocks] has role(s) no stage reads: {sorted(unknown)}; "
                              f"roles are {[role.value for role in Role]}")
    return found


@functools.lru_cache(maxsize=4096)
def match_key(text: str) -> str:
    """Key for comparing a printed word with a vocabulary entry."""
    return normalized(fold(_DECORATION.sub("", text)))


@functools.lru_cache(maxsize=1)
def _block_roles() -> dict[str, str]:
    roles = {}
    for role, words in vocabulary()["blocks"].items():
        for word in words:
            roles.setdefault(match_key(word), role)
    return roles


@functools.lru_cache(maxsize=16384)
def block_role(text: str) -> str | None:
    """The role of a block heading such as 現状, 【スケジュール】, 担当課, 解決すべき課題, or None (every
    stage asks of the same lines: the answer is kept)."""
    if not text or len(text) > 20:
        return None
    return _block_roles().get(match_key(text)) or _suffix_role(text.strip())


_MODIFIED = regex.compile(r"^[^\s。、:：]{1,8}[\p{Hiragana}](?P<word>[\p{Han}]{2})$")
MAX_MODIFIED_BLOCK_WORD = 12


def _suffix_role(text: str) -> str | None:
    m = _MODIFIED.match(text) if len(text) <= MAX_MODIFIED_BLOCK_WORD else None
    if m is None:
        return None
    return next((role for role, endings in vocabulary()["block_suffixes"].items() if m.group("word") in endings), None)


@functools.lru_cache(maxsize=1)
def kpi_column_words() -> frozenset[str]:
    """Match keys of every column name of a KPI table (指標名, 単位, 現状値, 目標値 …)."""
    return frozenset(match_key(w) for role_words in vocabulary()["kpi_tables"].values() for w in role_words)


def is_kpi_column_word(text: str) -> bool:
    """A line or cell that is only a KPI table's column name: a sheet dumped one cell per line prints its
    header cells as lines of their own (「指標名」 「単位」)."""
    return len(text) <= 20 and match_key(text) in kpi_column_words()


# 「目標(指標)名」, 「目標(平成31年度)」: a column name with a bracketed note or year, and 名.
_KPI_HEADER_CELL = regex.compile(r"^(?P<word>[^()（）]+?)(?:[(（][^()（）]*[)）])?名?$")


def is_kpi_header_cell(token: str) -> bool:
    """A KPI table's header cell as printed, its bracketed year or note and a trailing 名 allowed."""
    m = _KPI_HEADER_CELL.match(token)
    return bool(m) and match_key(m.group("word")) in kpi_column_words()


# 「担当課 総務課」, 「所管課：企画課」, and a numbered field 「目標2_研修受講者:1,000人」.
_LEADING_WORD = regex.compile(r"^(?P<head>[^\s:：_＿]+?)(?:(?:\s?[0-9０-９]{1,2})?\s*[:：_＿]|\s)\s*(?P<rest>\S.*)$",
                              regex.DOTALL)


def leading_field(text: str) -> tuple[str, str] | None:
    """A field name at the start of a line and its value: 「所管課：企画課」 -> ("所管課", "企画課")."""
    m = _LEADING_WORD.match(text.strip())
    return (m.group("head"), m.group("rest").strip()) if m else None


def leading_block_role(text: str) -> tuple[str, str] | None:
    """A block word at the start of a line followed by its content ("担当課 総務課", "所管課：企画課")
    -> (role, rest)."""
    field = leading_field(text)
    role = block_role(field[0]) if field else None
    return (role, field[1]) if role else None


def names_measures(text: str) -> bool:
    """A short line naming the measures listed under it (「該当する施策」, 【新たに実施する施策】, 具体的な施策),
    not a block word of a measure's body (主な取組 lists what one measure does)."""
    stripped = text.strip().rstrip("】］]）)：: ")
    return len(stripped) <= 30 and block_role(text) is None \
        and any(stripped.endswith(word) for word in words("measures", "list_words"))


def words(section: str, key: str) -> list[str]:
    return list(vocabulary()[section][key])
