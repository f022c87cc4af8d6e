"""targets: 目標 / KPI lines (「指標 令和6年度 1,466件 → 令和11年度 1,900件」), goal sentences in a
目標 block, KPI tables (現状値 | 目標値 columns, see kpi_tables.py) and the goal column of schedule
tables (handed over in schedule_items' `goal`).

Only text inside a target block (計画期間内の目標, 成果指標, KPI … in vocabulary.toml) or a goal
column is a target: figures in 現状 text describe the present, not a promise.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from extractors.flat_kpis import flat_kpis
from extractors.form_kpis import form_kpis
from extractors.kpi_tables import KpiRow, kpi_header, kpi_rows
from extractors.leader_figures import leader_figures
from extractors.paired_kpis import paired_kpis
from extractors.result import Extraction
from extractors.series_kpis import series_kpis
from extractors.year_kpis import year_kpis
from extractors.sections import Section, announces_measures, cover_blocks, measure_of, plan_level_blocks, row_measures
from pipeline.eras import circled_year, parse_fiscal_year, parse_year_label, split_trailing_year
from pipeline.model import Block, Document, Row
from pipeline.numbering import GOAL_LABEL, WORD_SCHEME, parse_label
from pipeline.patterns import ARROW, BULLETS, CIRCLED_YEAR, DIGIT, ERA_YEAR, LEADING_BULLET, SPAN_OF_TIME
from pipeline.patterns import DATED_YEAR as YEAR
from pipeline.patterns import YEAR as PLAIN_YEAR
from pipeline.quantities import Amount, amount_pattern, change_sides, parse_amount
from pipeline.records import Measure, Target
from pipeline.vocabulary import (DESCRIBING_ROLES, Role, block_role, is_kpi_header_cell, kpi_value_role, leading_block_role,
                                 leading_field, vocabulary)

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

# 「…率を68%(H22) から76%(H26) に増加させる」: から between two figures, に (へ, まで) after the second, is a
# change the plan sets out to make, as an arrow is.
_FROM = r"\s*から\s*(?=(?:毎年度?|年間)?[約概]?\s?[0-9０-９])"
_CHANGE_END = regex.compile(r"\s*(?:以上|以下|未満)?(?:に|へ|まで)")
# 「交通事故件数=12,039件→…」, 「事業系ごみ 現状(H18):271トン → …」: what ends the indicator before its baseline (a line
# that opens with 現状値 names no indicator: it is on the line above).
_INDICATOR_END = regex.compile(r"\s*(?:[をがは]|[=＝]|(?:^|(?<=\S\s))(?:現状|基準|実績)値?|[［\[【](?:現状|基準|実績)値?[］\]】])$")
_PREVIOUS_END = regex.compile(r"^\s*(?:に|へ|まで)\S*\s+")  # the rest of the change before: 「に増加させる 」
# A date a goal is due by: 「令和9年2月までに」.
_DUE = regex.compile(rf"(?P<year>{YEAR})\s?(?:まで|を目途|を目標|目途)")
# A goal stated as a sentence ends so; a longer paragraph explains rather than sets a goal.
_GOAL_ENDING = regex.compile(r"(?:を目指します|を目指す|を目標とします)。?$")
MAX_GOAL_SENTENCE = 80
MAX_FIELD_NAME = 12
# A sentence in the past tense reports what was done; a goal is still to come.
_REPORTED = regex.compile(r"ました(?:。|$)")
_BRACKETED_BASELINE = regex.compile(rf"^[(（]\s*(?P<year>{YEAR})\s*(?P<amount>[^()（）]+?)\s*[)）]$")
# A short word in brackets on a line of its own: a gloss, not a goal.
# A table's cell printed on a line of its own under a target word (「109台」, 「なし」, 「11204」, 「平成12年」,
# 「設置」): no goal of its own, neither an indicator nor a sentence.
_CELL_ALONE = regex.compile(rf"^(?:[約概]?[-+]?[0-9０-９][0-9０-９,，.．]*\S{{0,4}}|なし|無し|-|―|{YEAR}|[^\s]{{1,4}})$")
_ANNOTATION = regex.compile(r"^[(（][^()（）]{1,15}[)）]$")
# 「研修受講者:1,000人/年」: an indicator, a colon, then its goal.
_INDICATOR_COLON = regex.compile(r"^(?P<indicator>[^:：=＝]{2,}?)\s*[:：=＝]\s*(?P<goal>[^:：=＝]+)$")
_LEADING_BULLET = regex.compile(LEADING_BULLET)
# 「現状(平成28年度)5人 目標(平成35年度)12人」, 「現状値:4,021人 目標値:4,300人」, 「現状値 20.5% 目標値 50.0%」,
# 「［現状］20.5%［目標］50.0%」: a goal named after the baseline (its year in brackets, a colon, a space or brackets
# around its name) follows it as an arrow would.
_BEFORE_NAMED_GOAL = (r"\s*(?=[［\[【]目標値?[］\]】]\s?[約概]?[0-9０-９])"
                      r"|\s+(?=目標値?\s?(?:[(（][^()（）]{2,12}[)）]\s?[:：]?|[:：]|\s)\s?[約概]?[0-9０-９])")
_CHANGE = regex.compile(rf"{ARROW}|{_FROM}|{_BEFORE_NAMED_GOAL}")
# Both sides named, with their years, one or both stated in words: 「…の検討 現状(平成28年度)未整備 目標(平成35年度)面的体制整備」.
_NAMED_SIDES_IN_WORDS = regex.compile(r"^(?P<indicator>\S.*?)\s+(?:現状|基準)値?\s?[(（](?P<base_year>[^()（）]{2,12})[)）]\s?[:：]?\s?"
                                      r"(?P<base>\S+)\s+目標値?\s?[(（](?P<goal_year>[^()（）]{2,12})[)）]\s?[:：]?\s?"
                                      r"(?P<goal>\S+)$")
_NAMES_ITS_GOAL = regex.compile(rf"(?:{ARROW}|\s)\s*目標値?\s?[(（:：]")
_CIRCLED_YEAR = regex.compile(CIRCLED_YEAR)
_DATE_OR_SPAN = regex.compile(rf"{YEAR}|{SPAN_OF_TIME}|{ERA_YEAR}(?=\s)")  # 「R8 5,000件」: R8 is a year
_DATE = regex.compile(YEAR)
_FIELD_END = regex.compile(r"[、:：]")


def _record(indicator: str | None, baseline: tuple[int | None, Amount] | None,
            target: tuple[int | None, Amount | None], raw: str, block: Block,
            actual: tuple[int | None, Amount | None] = (None, None)) -> Target:
    """A target of no measure yet, numbered 0: extract_targets numbers them and gives their measures."""
    base_fy, base = baseline if baseline else (None, None)
    target_fy, goal = target
    actual_fy, reached = actual
    unit = (goal.unit if goal else None) or (base.unit if base else None)
    if indicator:
        indicator = _without_item_mark(_LEADING_BULLET.sub("", indicator))
    return Target(
        seq=0, measure_seq=None,
        indicator=indicator or None, baseline_fy=base_fy,
        baseline_value=base.value if base else None, baseline_text=base.text if base else None,
        baseline_low=base.low if base else None, baseline_high=base.high if base else None,
        baseline_unit=base.unit if base else None,
        target_fy=target_fy, target_value=goal.value if goal else None,
        target_text=goal.text if goal else None, target_low=goal.low if goal else None,
        target_high=goal.high if goal else None,
        actual_fy=actual_fy, actual_value=reached.value if reached else None,
        actual_text=reached.text if reached else None, unit=unit, raw=raw,
        line=block.line, page=block.page,
    )


# Marks that number the items of a list of indicators (「ア コンピュータで…の割合」, 「①観光客数」), not part of it.
_ITEM_MARK_SCHEMES = {"kana", "paren_kana", "circled", "paren", "paren_alpha"}


def _without_item_mark(indicator: str) -> str:
    """The indicator without the mark numbering it or the field name printed before it (「指標：ICT支援員の配置校数」)."""
    named = leading_field(indicator)
    if named and is_kpi_header_cell(named[0]):
        indicator = named[1]
    parsed = parse_label(indicator)
    if parsed and parsed[0].scheme in _ITEM_MARK_SCHEMES and parsed[1]:
        return parsed[1]
    return indicator


def _changes(text: str):
    return _CHANGE.finditer(text)


def _year(printed: str | None, era: str | None) -> int | None:
    if not printed:
        return None
    if _CIRCLED_YEAR.fullmatch(printed):
        return circled_year(printed, era)
    return parse_fiscal_year(printed) or parse_year_label(printed)  # 「(H18):」 prints no 年度


def kpis_in_line(text: str, era: str | None = None) -> list[tuple[str, tuple[int | None, Amount], tuple[int | None, Amount]]]:
    """Every 「指標 年度 値 → 年度 値」 and 「指標を値(年)から値(年)に増加させる」 in one line, in order:
    (indicator, baseline, target). `era` is the plan's, for years printed as circled numbers (㉕)."""
    baseline_side, target_side = change_sides()
    found = []
    start = 0
    for arrow in _changes(text):
        left = text[start:arrow.start()]
        base = baseline_side.search(left)
        goal = target_side.match(text, arrow.end())
        if base is None or goal is None or arrow.group(0).strip() == "から" and not _CHANGE_END.match(text, goal.end()):
            continue
        indicator = _INDICATOR_END.sub("", _PREVIOUS_END.sub("", left[: base.start()]).strip(" \u3000:：[［"))
        numbered = parse_label(indicator)
        if numbered and numbered[1] and numbered[0].scheme in ("number", "circled", "paren"):
            indicator = numbered[1]  # 「1 下水道による…の達成率を」: the item's number is no part of it
        base_fy, goal_fy = _year(base.group("year"), era), _year(goal.group("year"), era)
        base_text, base_dated = split_trailing_year(base.group("amount"))
        goal_text, goal_dated = split_trailing_year(goal.group("amount"))
        found.append((indicator, (base_fy or base_dated, parse_amount(base_text)),
                      (goal_fy or goal_dated, parse_amount(goal_text))))
        start = goal.end()
    return found


def targets_in_text(text: str, block: Block, raw: str, era: str | None = None) -> list[Target]:
    """Targets of one line of a target block: its KPIs (arrows, or a year series: series_kpis.py), or else
    the goal sentence itself."""
    kpis = kpis_in_line(text, era)
    if kpis:
        return [_record(indicator, base, goal, raw, block) for indicator, base, goal in kpis]
    series = series_kpis(text)
    if series:
        return [_record(kpi.indicator, kpi.baseline, kpi.target, raw, block, kpi.actual) for kpi in series]
    sides = _NAMED_SIDES_IN_WORDS.match(text.strip())
    if sides:  # 「地域生活支援拠点の検討 現状(平成28年度)未整備 目標(平成35年度)面的体制整備」
        base, goal = (replace(parse_amount(sides.group(side)), text=sides.group(side)) for side in ("base", "goal"))
        return [_record(sides.group("indicator"), (_year(sides.group("base_year"), era), base),
                        (_year(sides.group("goal_year"), era), goal), raw, block)]
    if not text.strip() or _CELL_ALONE.match(text.strip()) or _column_names(text):
        return []  # 「成果指標名」, 「単位 区分」, 「平成23年度 平成24年度 …」 under 成果指標: a sheet's column names, no goal
    numbered = parse_label(text.strip())
    if numbered and numbered[1] and numbered[0].scheme.startswith((WORD_SCHEME, *_ITEM_MARKS)):
        text = numbered[1]  # 「目標1 全手続のオンライン化を実現」, 「① 生活習慣病の予防」: the goal, not its number
    return _goal_sentence(text, block, raw)


_YEARS_ONLY = regex.compile(rf"^(?:{YEAR}\s*)+$")
# Item numbers a goal without a figure is listed with (「① 生活習慣病の予防」, 「(2) 疾病の早期発見」).
_ITEM_MARKS = ("circled", "paren")


def _column_names(text: str) -> bool:
    """A line of a table's column names: KPI column words (「成果指標名」, 「単位 区分」) or years only."""
    words = text.split()
    return bool(_YEARS_ONLY.match(text.strip())) or bool(words) and all(is_kpi_header_cell(w) for w in words)


def _goal_sentence(text: str, block: Block, raw: str) -> list[Target]:
    """A goal stated in a sentence or after its indicator and a colon, with or without a figure."""
    # Dates are not amounts: 「令和9年2月までに」 is when, not how much.
    amount, dated = _printed_amount(text)
    due = _DUE.search(text)
    target_fy = parse_fiscal_year(due.group("year")) if due else dated
    if amount.value is None and amount.low is None:
        if _ANNOTATION.match(text.strip()):
            return []  # 「(ターゲット)」 under 成果指標 glosses the word above it
        # A goal without a number (「…までに本番運用開始」): the sentence is the target.
        return [_record(None, None, (target_fy, Amount(text.strip(), None)), raw, block)]
    named = _INDICATOR_COLON.match(text.strip())
    if named:
        printed = named.group("goal").strip()
        goal = parse_amount(printed)
        if goal.value is not None and _against_baseline(printed):  # 「基準値58.0%をアップ」: the figure is where the change starts
            return [_record(named.group("indicator"), (None, goal), (target_fy, Amount(printed, None)), raw, block)]
        if goal.value is not None and printed.startswith(goal.text[:1]):
            goal = Amount(printed, goal.value, goal.low, goal.high, goal.unit, goal.approximate)
            return [_record(named.group("indicator"), None, (target_fy, goal), raw, block)]
    return [_record(_before_amount(text, amount) or text.strip(), None, (target_fy, amount), raw, block)]


# 「基準値58.0%をアップ」: a goal stated as a change from its baseline's figure (the word one of [kpi_tables] baseline
# or current).
_FROM_A_SIDE = regex.compile(r"^(?P<side>[^\s0-9０-９]{2,6}?)\s?[約概]?[0-9０-９][^\s/／、]*(?:を|より|から)\s?\S+$")


def _against_baseline(printed: str) -> bool:
    m = _FROM_A_SIDE.match(printed)
    return bool(m) and kpi_value_role(m.group("side")) in ("baseline", "current")


def _before_amount(text: str, amount: Amount) -> str | None:
    """「RPA導入業務 30業務（令和8年度）」: the indicator printed before a goal's amount that ends the line, or that only
    「を目指す。」 follows (「改革の効果額(累計額)150億円を目指す。」)."""
    head, found, tail = text.strip().partition(amount.text)
    rest = split_trailing_year(tail)[0].strip()
    return head.strip() if found and head.strip() and (not rest or _GOAL_ENDING.fullmatch(rest)) else None


def _printed_amount(text: str) -> tuple[Amount, int | None]:
    """The amount of a goal line, read with its dates blanked out (「令和9年2月までに」 is when, not how much) but kept
    as printed, and the year a bracket after it dates it with (「30業務(令和8年度)」 -> 30業務, 2026)."""
    blanked = _DATE_OR_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    amount = parse_amount(blanked)
    if amount.value is None and amount.low is None:
        return amount, None
    start = blanked.find(amount.text)
    printed, year = split_trailing_year(text[start:start + len(amount.text)])
    return replace(amount, text=printed), year


def _sets_out_changes(text: str) -> bool:
    """A line that says in words what it will change: 「…達成率を68%(H22) から76%(H26) に増加させる」. It is a
    goal wherever it stands, while an arrow outside a measure may only report (「1,100万件→1,700万件」)."""
    return any(m.group(0).strip() == "から" for m in _changes(text)) and bool(kpis_in_line(text))


def _target_texts(body: list[Block], in_measure: bool, role: str | None = None):
    """(block, text, reported) of every line that belongs to a target block of a body (KPI tables aside),
    in a measure's body of every KPI line (「指標 値 → 値」) printed outside any block, and anywhere of a
    line that sets out a change in words. `role` is the block the body opens in: a section headed
    「(2)今年度の目標」 is a target block itself."""
    continued: Block | None = None
    for index, block in enumerate(body):
        if block is continued:
            continue
        if block.kind == "table":
            role = None
            if not kpi_header(block) and not year_kpis(block):
                yield from ((row, text, False) for row, text in _target_rows(block))
            continue
        opens, role, goal = _part_opened(block, body[index:index + 2], role)
        if goal is not None:
            yield block, goal, False
        if opens:
            continue
        continued = _progress_below(block, body[index + 1:index + 2])
        if continued is not None:
            block = Block("paragraph", f"{block.text} {continued.text}", block.line, block.page)
        if _states_a_target(block.text, role, in_measure):
            yield block, block.text, False
        elif role == Role.PROGRESS and kpis_in_line(block.text):
            yield block, block.text, True  # 「…死亡率 [H22:79.9人 → H29:70.3人]」 under 主な実績: where it has got to


def _part_opened(block: Block, here: list[Block], role: str | None) -> tuple[bool, str | None, str | None]:
    """Whether a line opens the next part of a body rather than being a line of the part it is in; the role of
    the part that follows it; the goal it states itself (「成果指標 …を目指す」), if any."""
    if announces_measures(block):
        return True, None, None  # 「具体的な施策」 under 「具体的な目標」: the goals end, a list of measures begins
    heading_role = block_role(block.title if block.kind == "heading" and block.label and block.title else block.text)
    if heading_role or block.kind in ("heading", "note", "rule") or _word_labelled(block):
        return True, heading_role, None  # 「○ターゲット2:中・高年層」 under the goals of ターゲット1: the next group, no goal
    leading = leading_block_role(block.text)
    if leading:
        # 「成果指標 総合計画の達成度合いを判断するため、…を設定しました。」 reports what the plan did.
        stated = leading[0] == "target" and not _REPORTED.search(leading[1])
        # 「目標1：…」 among goals: one of them, the goals go on
        return True, role if stated and role == "target" else None, leading[1] if stated else None
    if role == "target" and _CHOICES.search(" ".join(b.text for b in here)):
        return True, None, None  # 「事務事業開始年度」 over 「● 昭和 ○ 平成」: a sheet's next field, no goal
    return False, role, None


def _word_labelled(block: Block) -> bool:
    """A line labelled with a word and its number that states no figure (「○ターゲット2:中・高年層」): the next group's
    label; 「目標1：オンライン申請率 30%→50%」 and 「目標2 窓口の待ち時間を半減」 are numbered goals."""
    parsed = parse_label(_LEADING_BULLET.sub("", block.text)) if block.kind in ("paragraph", "list_item") else None
    return bool(parsed and parsed[1] and parsed[0].scheme.startswith(WORD_SCHEME)) and not _DIGIT.search(parsed[1]) \
        and parsed[0].scheme != GOAL_LABEL


# A sheet's choice of options, one marked (「● 昭和 ○ 平成」, 「○法令 ○通達 ●その他」): a form's field, not a goal.
_CHOICES = regex.compile(r"[○●◯]\s?[^\s○●◯]+\s*[○●◯]\s?[^\s○●◯]+")


def _progress_below(block: Block, after: list[Block]) -> Block | None:
    """The line under an indicator that holds only its progress (「○サテライトオフィス進出地域の拡大(累計)」 /
    「㉕4市町村→㉙8市町村」): a KPI line broken in two."""
    if not after or after[0].kind != "paragraph" or block.kind not in ("paragraph", "list_item") \
            or len(block.text) > MAX_GOAL_SENTENCE or parse_amount(block.text).value is not None:
        return None
    kpis = kpis_in_line(after[0].text)
    return after[0] if len(kpis) == 1 and not kpis[0][0].strip(" ・-") else None


_COLUMN_NAME = regex.compile(r"[^\s0-9０-９、。]{1,8}")


def _target_rows(table: Block):
    """(row, text) of a table row opened by a target word (「目標 | 窓口の待ち時間を半減」) or pairing a title
    with its KPI (see titled_kpi_rows)."""
    for index, row in enumerate(table.rows):
        cells = row.non_empty()
        if index == 0 and all(_COLUMN_NAME.fullmatch(cell.strip()) for cell in cells):
            continue  # 「基本目標 | 施策 | 主な取組」: a 施策体系 table's header names its columns, no goal
        if cells and block_role(cells[0]) == "target" and len(cells) > 1:
            yield Block("paragraph", "\t".join(cells), row.line, row.page), " ".join(cells[1:])
    for row, _title, kpi in titled_kpi_rows(table):
        yield Block("paragraph", "\t".join(row.non_empty()), row.line, row.page), kpi


MAX_ROW_TITLE = 40
_DIGIT = regex.compile(DIGIT)  # a goal's title prints no figure


def titled_kpi_rows(table: Block) -> list[tuple[Row, str, str]]:
    """(row, title, KPI cell) of the rows of a table without a header that pair what a plan wants with the
    indicator it is measured by: 「市民が安全に暮らせるまちになる | ●交通事故件数=12,039件→10,000件未満」. Most
    such rows print a change (an arrow); a row whose cell opens with the same mark is one too, even
    with a target alone (「●…支援団体数(新規)=20団体」) or none (「●…評価の向上」)."""
    if kpi_header(table) or year_kpis(table):
        return []
    pairs = [(row, cells[0], cells[1]) for row in table.rows if len(cells := row.non_empty()) == 2 and _is_row_title(cells[0])]
    with_change = [pair for pair in pairs if kpis_in_line(pair[2])]
    if len(with_change) < 2 or len(with_change) * 2 < len(pairs):
        return []
    marks = {_LEADING_BULLET.match(kpi).group(0).strip() for _row, _title, kpi in with_change if _LEADING_BULLET.match(kpi)}
    return [(row, title, kpi) for row, title, kpi in pairs
            if kpis_in_line(kpi) or (m := _LEADING_BULLET.match(kpi)) and m.group(0).strip() in marks]


def _is_row_title(cell: str) -> bool:
    cell = cell.strip()
    return len(cell) <= MAX_ROW_TITLE and not _DIGIT.search(cell) and not cell.endswith("。") \
        and block_role(cell) is None


def _explains(text: str) -> bool:
    """A line opened by a field that explains a target (「指標設定の考え方、…を目指す。」, 「【計測方法】 乗降調査において把握」)."""
    bracketed = _BRACKETED_FIELD.match(text.strip())
    head = bracketed.group("name") if bracketed else _FIELD_END.split(text.strip(), maxsplit=1)[0]
    return len(head) <= MAX_FIELD_NAME and head.endswith(tuple(vocabulary().targets.explanation_fields))


_BRACKETED_FIELD = regex.compile(r"^[【［〔\[](?P<name>[^】］〕\]]{1,12})[】］〕\]]")


def _states_a_target(text: str, role: str | None, in_measure: bool) -> bool:
    """A line of a target block; in a measure's body outside a describing block, a KPI line (「指標 値 →
    値」) or, outside any block, a goal sentence; anywhere outside a describing block, a change set out
    in words or a KPI line that names its goal (「現状(H18):271トン → 目標(H25):268トン」)."""
    if _explains(text):
        return False
    return role == "target" or in_measure and role not in DESCRIBING_ROLES and bool(kpis_in_line(text)) \
        or role not in DESCRIBING_ROLES and bool(_NAMES_ITS_GOAL.search(text)) and bool(kpis_in_line(text)) \
        or in_measure and role is None and is_goal_sentence(text) \
        or role is None and _dated_goal_sentence(text) \
        or role not in DESCRIBING_ROLES and _sets_out_changes(text)


# 「令和7年度末までに…標準準拠システムへの円滑な移行を目指します。」: a goal with its deadline, wherever it stands.
_DATED_GOAL = regex.compile(rf"^[^。]*{PLAIN_YEAR}\s?年度?末?までに[^。]*(?:を目指します|を目標とします)。?$")


def _dated_goal_sentence(text: str) -> bool:
    return len(text.strip()) <= MAX_GOAL_SENTENCE and bool(_DATED_GOAL.match(text.strip()))


def is_goal_sentence(text: str) -> bool:
    """A paragraph that is one short sentence stating a counted goal: 「22事務の手続について、電子化を目指します。」."""
    text = text.strip()
    if len(text) > MAX_GOAL_SENTENCE or not _GOAL_ENDING.search(text) or "。" in text.rstrip("。"):
        return False
    return has_counted_amount(text)


def has_counted_amount(text: str) -> bool:
    """Whether a text holds a number with a unit (「22事務」, 「1,000人」); a date (令和7年度) is none."""
    blanked = _DATE.sub(lambda m: " " * len(m.group(0)), text)
    return any(m.group("unit") for m in amount_pattern().finditer(blanked))


def _kpi_table_targets(body: list[Block], era: str | None = None) -> list[Target]:
    records = []
    for block in body:
        if block.kind != "table":
            continue
        header = kpi_header(block)
        kpis = kpi_rows(block, header, era) if header else form_kpis(block) or year_kpis(block) \
            or change_column_kpis(block, era)
        for kpi in kpis:
            raw = "\t".join(kpi.row.cells)
            records.append(_record(kpi.indicator, kpi.baseline, kpi.target, raw,
                                   Block("paragraph", raw, kpi.row.line, kpi.row.page), kpi.actual))
    return records


def _body_targets(body: list[Block], in_measure: bool, opening_role: str | None, era: str | None,
                  report_fy: int | None = None) -> list[Target]:
    flat, flat_lines = flat_kpis(body)
    paired = paired_kpis(body)
    # A measure's leader lines are what it has reached; outside measures they count a report's items.
    leaders = leader_figures(body) if in_measure else []
    read_lines = flat_lines | {line for kpi in paired for line in kpi.lines} | {block.line for block, _, _ in leaders}
    records = []
    for block, text, reported in _target_texts(body, in_measure, opening_role):
        if block.line not in read_lines:
            found = targets_in_text(text, block, block.text, era)
            records.extend(map(_as_result, found) if reported else found)
    records = _with_bracketed_baselines(records)
    records.extend(_kpi_table_targets(body, era))
    records.extend(_record(kpi.indicator, kpi.baseline, kpi.target, kpi.raw, kpi.block, kpi.actual) for kpi in flat)
    records.extend(_record(kpi.indicator, kpi.baseline, kpi.target, kpi.raw, kpi.block, kpi.actual) for kpi in paired)
    records.extend(_record(indicator, None, (None, None), block.text, block, (report_fy, figure))
                   for block, indicator, figure in leaders)
    return records


def _as_result(record: Target) -> Target:
    """A change a progress block reports: its second side is the result reached, not a goal."""
    return replace(record, actual_fy=record.target_fy, actual_value=record.target_value, actual_text=record.target_text,
                   target_fy=None, target_value=None, target_text=None, target_low=None, target_high=None)


_BRACKETED = regex.compile(r"[(（][^()（）]*[)）]")


def change_column_kpis(table: Block, era: str | None = None) -> list[KpiRow]:
    """A table whose KPI column holds each change in one cell (「0人から15人へ」, 「58% → 72%」) under a header that may
    date both ends (「目標値(平成17年現状値から平成23年目標値)」): one KPI per row, its indicator the cell before."""
    if len(table.rows) < 2:
        return []
    header = table.rows[0].cells
    found = []
    for row in table.rows[1:]:
        for k, cell in enumerate(row.cells[1:len(header)], start=1):
            kpis = kpis_in_line(cell, era)
            if len(kpis) != 1 or kpis[0][0].strip() or not is_kpi_header_cell(_BRACKETED.sub("", header[k])):
                continue
            years = [parse_fiscal_year(m.group(0)) for m in _DATE.finditer(header[k])]
            (_, (base_fy, base), (goal_fy, goal)) = kpis[0]
            if len(years) == 2:
                base_fy, goal_fy = base_fy or years[0], goal_fy or years[1]
            found.append(KpiRow(row.cells[k - 1].strip() or None, (base_fy, base), (goal_fy, goal), row))
    return found


def _with_bracketed_baselines(records: list[Target]) -> list[Target]:
    """A dated figure in brackets on the line under a goal (「平成27年度までに…42.0%まで高める」 /
    「(平成13年度 34.0%)」) is that goal's baseline, not a goal of its own."""
    kept: list[Target] = []
    for record in records:
        m = _BRACKETED_BASELINE.match(record.raw.strip())
        previous = kept[-1] if kept else None
        if m and previous and previous.baseline_text is None and previous.target_text \
                and previous.line is not None and record.line is not None and previous.line < record.line:
            amount = parse_amount(m.group("amount"))
            if amount.value is not None:
                kept[-1] = replace(previous, baseline_fy=parse_fiscal_year(m.group("year")),
                                   baseline_value=amount.value, baseline_text=amount.text, baseline_unit=amount.unit)
                continue
        kept.append(record)
    return kept


def _groups_of(sections: list[Section], measures: list[Measure]) -> set[int]:
    """The seqs of the sections that hold a measure's section below them and are in no measure."""
    by_seq = {s.seq: s for s in sections}
    groups: set[int] = set()
    for measure in measures:
        section = by_seq.get(measure.section_seq)
        parent = section.parent if section else None
        while parent is not None:
            groups.add(parent.seq)
            parent = parent.parent
    return {seq for seq in groups if measure_of(by_seq[seq], measures) is None}


def extract_targets(ctx: ExtractionContext) -> Extraction:
    doc, sections, measures = ctx.doc, ctx.sections, ctx.measures
    schedule_items = ctx.records.schedule_items
    result = Extraction()
    found: list[tuple[int | None, Target]] = []
    outside = plan_level_blocks(doc, sections)
    # A group's own body (「1.…まちづくり」 over its measures) holds its goals as a measure's does.
    groups = _groups_of(sections, measures)
    bodies = [(measure_of(section, measures), section.body(doc.blocks), block_role(section.base_title), section.seq in groups)
              for section in sections]
    for block in cover_blocks(doc, sections):  # a form's 「現状(H18):271トン → 目標(H25):268トン」 above its only heading
        if block.kind in ("paragraph", "list_item") and _NAMES_ITS_GOAL.search(block.text):
            found.extend((measure_of(None, measures), record) for record in targets_in_text(block.text, block, block.text, ctx.era)
                         if record.target_text is not None and record.baseline_text is not None)
    for measure_seq, body, opening_role, group in bodies + [(measure_of(None, measures), outside, None, False)]:
        found.extend((measure_seq, record) for record in _body_targets(body, measure_seq is not None or group, opening_role,
                                                                               ctx.era, ctx.report_year))
    for item in schedule_items:
        if item.goal:
            record = _record(item.title, None, (None, parse_amount(item.goal)), item.goal,
                             Block("paragraph", item.goal, item.goal_line, item.goal_page))
            found.append((item.measure_seq, record))
    found = _dated_by_legend(found, doc)
    found.sort(key=lambda f: (f[1].page or 0, f[1].line or 0))
    by_row = row_measures(doc, measures)
    for seq, (measure_seq, record) in enumerate(found, start=1):
        measure_seq = measure_seq if measure_seq is not None else by_row.get((record.line, record.page))
        result.records.targets.append(replace(record, seq=seq, measure_seq=measure_seq))
    return result


# 「(●は平成15年度→平成18年度の目標例)」: a note dating the two sides of every change its mark opens.
_LEGEND_YEAR = rf"(?:{YEAR}|{PLAIN_YEAR}(?![0-9０-９]))"
_ARROW_LEGEND = regex.compile(rf"^[(（]?\s*(?P<mark>[{BULLETS}])\s*は\s*(?P<start>{_LEGEND_YEAR})\s*{ARROW}\s*(?P<end>{_LEGEND_YEAR})"
                              r"(?:の[^0-9０-９()（）]{0,12})?\s*[)）]?$")


def _arrow_legend(doc: Document) -> tuple[str, int | None, int | None] | None:
    """(mark, start year, end year) of the document's first note dating its marked changes, or None."""
    texts = (cell for block in doc.blocks
             for cell in ([c for row in block.rows for c in row.cells] if block.kind == "table" else [block.text]))
    for text in texts:
        m = _ARROW_LEGEND.match(text.strip())
        if m:
            return m.group("mark"), parse_year_label(m.group("start")), parse_year_label(m.group("end"))
    return None


def _dated_by_legend(found: list[tuple[int | None, Target]], doc: Document) -> list[tuple[int | None, Target]]:
    """A target printed with the legend's mark takes the legend's years where it prints none: the start
    year for its baseline, the end year for its target."""
    legend = _arrow_legend(doc)
    if legend is None:
        return found
    mark, start, end = legend
    dated = []
    for measure_seq, record in found:
        if mark in record.raw:
            record = replace(record,
                             baseline_fy=record.baseline_fy or (start if record.baseline_text is not None else None),
                             target_fy=record.target_fy or end)
        dated.append((measure_seq, record))
    return dated
