"""KPIs printed as label / value pairs between 「、」, as a screen-reader edition (テキスト版) reads a table
row aloud:

    生き活き指標、介護予防のための通いの場への参加率            the indicator: a label naming one, its name
    現況ちの時点、令和4年度(2022年度)、現況ち、6.4%、目標ち、8.0%    its values: KPI column words and values

The labels are the [kpi_tables] words of vocabulary.toml, a short qualifier before them allowed (生き活き
指標); such an edition's own spellings (値 printed ち, as it is to be read aloud) are words there too.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.kpi_tables import cell_amount, qualified_column_role
from pipeline.eras import parse_year_label, split_trailing_year
from pipeline.model import Block
from pipeline.patterns import SPAN_OF_TIME, YEAR
from pipeline.quantities import Amount, figure_of, parse_amount

SEPARATOR = "、"
MAX_LABEL = 12


@dataclass(frozen=True)
class PairedKpi:
    indicator: str
    baseline: tuple[int | None, Amount | None]
    target: tuple[int | None, Amount | None]
    actual: tuple[int | None, Amount | None]
    block: Block
    raw: str
    lines: tuple[int | None, ...]


def _role(label: str) -> str | None:
    return qualified_column_role(label) if len(label) <= MAX_LABEL else None


def _indicator(block: Block) -> str | None:
    """The name on a line 「<label naming an indicator>、<name>」."""
    label, _, name = block.text.strip().partition(SEPARATOR)
    return name.strip() if name.strip() and _role(label) == "indicator" else None


def _pairs(block: Block) -> dict[str, str] | None:
    """role -> value of a line of column-word / value pairs, or None."""
    parts = [part.strip() for part in block.text.strip().split(SEPARATOR)]
    if len(parts) < 4 or len(parts) % 2:
        return None
    found: dict[str, str] = {}
    for label, value in zip(parts[::2], parts[1::2]):
        role = _role(label)
        if role is None or not value:
            return None
        found.setdefault(role, value)
    if "current" in found:
        found.setdefault("baseline", found.pop("current"))
    return found if "target" in found and "baseline" in found else None


def _amount(text: str | None) -> Amount | None:
    """The figure of a value; 「1年当たり415人」, 「4年間累計1,825人」: the span of time is no figure."""
    if not text:
        return None
    figure = parse_amount(regex.sub(SPAN_OF_TIME, lambda m: " " * len(m.group(0)), text))
    return Amount(text, figure.value, figure.low, figure.high, figure.unit, figure.approximate)


def _year(text: str | None) -> int | None:
    return parse_year_label(text) if text else None


def paired_kpis(body: list[Block]) -> list[PairedKpi]:
    """Every indicator line followed by a line of its values, and every value printed on the line under its
    column word (see _labelled_lines)."""
    return _on_one_line(body) + _labelled_lines(body) + _field_lines(body)


# 「- 成果指標:…の割合」, 「- 現状値:令和6年度 中高生 29.2%」: a column word, a colon, its value, its year first;
# 「現状値　30件（令和4年度）」: a wide space for the colon, the year after the value.
_FIELD = regex.compile(r"^(?:[-・]\s?|[0-9０-９]{1,2}[.．]\s?)?(?P<label>[^\s:：]{1,12})(?:[:：]|(?=\s+[約概]?[0-9０-９]))\s*"
                       r"(?P<value>\S.*)$")
_FIGURE = regex.compile(r"[0-9０-９]")
MAX_NAME_LINE = 40


_LEADING_DATE = regex.compile(rf"^(?P<year>{YEAR}\s?年度?末?)\s+")


def _field_lines(body: list[Block]) -> list[PairedKpi]:
    """A text edition that prints each KPI as lines of a column word and its value:

        - 成果指標:子どもの権利条約を「知っている」と回答したこども・若者の割合
        - 現状値:令和6年度 中高生 29.2%、若者 21.3%
        - 目標:割合の増加
        - 出典:流山市こども・若者意識調査                a field of no value's role, passed over

    Each run opened by an indicator's field and holding a target's is one KPI."""
    found = []
    run: list[tuple[Block, str, str]] = []
    previous: Block | None = None
    for block in [*body, Block("rule", "", None)]:
        field = _FIELD.match(block.text.strip()) if block.kind in ("paragraph", "list_item") else None
        role = _role(field.group("label")) if field else None
        if run and (field is None or role == "indicator"):
            found.extend(_field_kpi(run))
            run = []
        if not run and role in ("baseline", "current") and _names_it(previous):
            # 「・オープンデータの公開数」 over 「現状値　30件（令和4年度）」: the line above names the indicator
            run.append((previous, "indicator", regex.sub(r"^[-・●○◆◇■□]\s*", "", previous.text.strip())))
        if field and (run or role == "indicator"):
            run.append((block, role, field.group("value").strip()))
        previous = block
    return found


def _names_it(block: Block | None) -> bool:
    """A short line without a figure or a field of its own: an indicator's name."""
    return block is not None and block.kind in ("paragraph", "list_item") and len(block.text.strip()) <= MAX_NAME_LINE \
        and not _FIGURE.search(block.text) and not _FIELD.match(block.text.strip()) and ":" not in block.text \
        and "：" not in block.text


def _field_kpi(run: list[tuple[Block, str | None, str]]) -> list[PairedKpi]:
    values = {role: value for _block, role, value in reversed(run) if role}
    values.setdefault("baseline", values.pop("current", None))
    if "target" not in values:
        return []
    sides = {}
    for role in ("baseline", "target", "actual"):
        dated = _LEADING_DATE.match(values.get(role) or "")
        text, year = (values.get(role) or "")[dated.end() if dated else 0:], None
        if not dated:
            text, year = split_trailing_year(text)  # 「500件（令和4年度）」
        sides[role] = (parse_year_label(dated.group("year")) if dated else year, cell_amount(text) if text else None)
    return [PairedKpi(values["indicator"], sides["baseline"], sides["target"], sides["actual"], run[0][0],
                      " | ".join(block.text.strip() for block, _role, _value in run), tuple(block.line for block, _r, _v in run))]


def _on_one_line(body: list[Block]) -> list[PairedKpi]:
    found = []
    for block, below in zip(body, body[1:]):
        name = _indicator(block) if block.kind == "paragraph" else None
        values = _pairs(below) if name and below.kind == "paragraph" else None
        if values is None:
            continue
        found.append(PairedKpi(
            name, (_year(values.get("baseline_year")), _amount(values["baseline"])),
            (_year(values.get("target_year")), _amount(values["target"])),
            (None, _amount(values.get("actual"))), block,
            f"{block.text.strip()} | {below.text.strip()}", (block.line, below.line)))
    return found


# 「指標「感染症専門研修受講者数」」: an indicator label glued to the name it brackets.
_NAMED = regex.compile(r"^(?P<label>[^「」『』]{1,8})[「『](?P<name>[^「」『』]+)[」』]$")
INDICATOR_REACH = 3  # lines above a baseline's column word that may name its indicator


def _named_indicator(block: Block) -> str | None:
    m = _NAMED.match(block.text.strip())
    return m.group("name").strip() if m and _role(m.group("label")) == "indicator" else None


def _labelled_lines(body: list[Block]) -> list[PairedKpi]:
    """A text edition that prints each cell of a KPI table as a paragraph of its own:

        指標「感染症専門研修受講者数」      the indicator, named after its label
        現状値                              a baseline column word, its value on the next line
        0人(令和2年度末)
        目標値                              a target column word, its value on the next line
        542人(令和8年度末)

    Each such run of four lines is one KPI, of the indicator named within INDICATOR_REACH lines above."""
    lines = [b for b in body if b.kind == "paragraph"]
    found = []
    for index, base_word in enumerate(lines):
        if _role(base_word.text.strip()) not in ("baseline", "current"):
            continue
        base_value = _value_under(lines, index)
        goal_index = lines.index(base_value) + 1 if base_value else len(lines)
        if goal_index >= len(lines) or _role(lines[goal_index].text.strip()) != "target":
            continue
        goal_value = _value_under(lines, goal_index)
        if goal_value is None:
            continue
        named = next(((b, name) for b in reversed(lines[max(0, index - INDICATOR_REACH):index])
                      if (name := _named_indicator(b))), None)
        first = named[0] if named else base_word
        used = lines[lines.index(first):lines.index(goal_value) + 1]
        found.append(PairedKpi(named[1] if named else None, _figure(base_value), _figure(goal_value), (None, None), first,
                               " | ".join(b.text.strip() for b in used), tuple(b.line for b in used)))
    return found


MAX_QUALIFIER_LINE = 15


def _value_under(lines: list[Block], index: int) -> Block | None:
    """The value printed under the column word at `index`: the next line, or the one after a short qualifier
    line without a figure (「30歳から39歳」 / 「71.6%(令和2年)」)."""
    for offset in (1, 2):
        if index + offset >= len(lines):
            return None
        block = lines[index + offset]
        if _figure(block) is not None:
            return block
        if len(block.text.strip()) > MAX_QUALIFIER_LINE or _role(block.text.strip()) is not None:
            return None
    return None


def _figure(block: Block) -> tuple[int | None, Amount] | None:
    """(year, amount) of a value line 「542人(令和8年度末)」, or None for a line without a figure."""
    text, year = split_trailing_year(block.text.strip())
    amount = figure_of(text)  # 「30歳から39歳」 qualifies the value under it: no figure
    return (year, amount) if amount is not None else None
