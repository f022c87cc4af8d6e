"""KPI tables: a header naming a baseline column and a target column (現状値（2023年度）| 目標値（2028年度）,
基準値 | 目標値 with 基準年度 / 目標年度 columns, 現状値(R5) | 目標値(R10)), one indicator per row below.

The column words are the [kpi_tables] lists of vocabulary.toml. A year printed in a column's header
applies to every row; a year column or a year printed in the value cell itself (「3,200件（令和6年度）」)
is the row's own. A note row (※…) is not a target.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.cleaning import fold
from pipeline.eras import parse_fiscal_year, parse_year_label, split_trailing_year
from pipeline.kpi_columns import MAX_HEADER_CELL, header_column
from pipeline.model import Block, Row
from pipeline.patterns import ARROW, DATED_YEAR, NO_AMOUNT, YEAR
from pipeline.quantities import Amount, amount_pattern, parse_amount
from pipeline.vocabulary import vocabulary

VALUE_ROLES = ("baseline", "actual", "target")
# A value cell that starts with its year in brackets: 「(平成28年度) 20.7%」; a cell that is only one.
_LEADING_YEAR = regex.compile(r"^\s*[(（](?P<year>[^()（）]{2,12})[)）]\s*")
# 「2030(令和12)年度までに、導入割合100%を目指す。」: a goal sentence in a cell names the year it is due.
_DUE = regex.compile(rf"(?P<year>{DATED_YEAR})\s?までに")
_FIGURE = regex.compile(r"^\s*[約概ね]*[-+]?[0-9]")
# A cell that states there is nothing yet: 「なし」, 「―」, 「未実施」.
_NOTHING = regex.compile(rf"^\s*(?:{NO_AMOUNT})\s*$")
_NOTE_ROW = regex.compile(r"^\s*(?:※|\\?\*)")


def column_role(cell: str) -> str | None:
    """The role of a KPI header cell (indicator, baseline, target …), or None."""
    found = header_column(cell) if len(cell) <= MAX_HEADER_CELL else None
    return found[0] if found else None


MAX_QUALIFIER = 5


def qualified_column_role(cell: str) -> str | None:
    """The role of a column word, a short qualifier before it allowed (今年度目標値 -> target, 生き活き指標 ->
    indicator)."""
    cell = cell.strip()
    role = column_role(cell)
    for start in range(1, min(MAX_QUALIFIER, len(cell) - 1) + 1):
        if role is not None:
            break
        role = column_role(cell[start:])
    return role


def is_value_column(cell: str) -> bool:
    """A header cell naming a column of figures at a point in time: 現状(計画策定時), 基準値, 実績."""
    found = header_column(cell)
    return found is not None and found[0] in ("baseline", "current", "actual")


@dataclass(frozen=True)
class KpiHeader:
    row: int                             # index of the header row in the table
    columns: dict[str, int]              # role -> column
    years: dict[str, int | None]         # baseline / actual / target -> the year printed in its header
    target_years: tuple[tuple[int, int], ...] = ()  # (column, year): a target per year column


def _resolve(columns: dict[str, int], years: dict[str, int | None]) -> None:
    """現状値 is the baseline, or the actual value beside a 策定時 column; 実績値 alone is the baseline;
    an item column (項目) holds the indicator where no column is named for it."""
    item = columns.pop("item", None)
    years.pop("item", None)
    if item is not None and "indicator" not in columns:
        columns["indicator"] = item
    if "current" in columns:
        role = "actual" if "baseline" in columns and "actual" not in columns else "baseline"
        if role not in columns:
            columns[role], years[role] = columns["current"], years.get("current")
        del columns["current"]
        years.pop("current", None)
    if "actual" in columns and "baseline" not in columns:
        columns["baseline"], years["baseline"] = columns.pop("actual"), years.pop("actual", None)


def _header_columns(row: Row) -> tuple[dict[str, int], dict[str, int | None], list, list]:
    """The columns a header row names: role -> column and role -> year (the first of each role; of dated
    実績 columns the latest), the year columns and the dated target columns, each as (column, year)."""
    columns: dict[str, int] = {}
    years: dict[str, int | None] = {}
    year_columns, dated_targets = [], []
    for column, cell in enumerate(row.cells):
        found = header_column(cell)
        if found is None:
            continue
        role, year = found
        if role == "target" and year:
            dated_targets.append((column, year))
        if role == "year":
            year_columns.append((column, year))
        elif role not in columns or (role == "actual" and year and years["actual"]):
            columns[role], years[role] = column, year
    return columns, years, year_columns, dated_targets


def kpi_header(table: Block) -> KpiHeader | None:
    """The header of a KPI table: a row among the first two with a baseline and a target column, or a
    baseline column and two or more year columns or dated target columns (a target for each year:
    目標設定時 | R6年度末 | R7年度末, 策定時の値 | 中間目標(2019年度) | 目標値(2023年度))."""
    if table.kind != "table":
        return None
    for index, row in enumerate(table.rows[:2]):
        columns, years, year_columns, dated_targets = _header_columns(row)
        _year_column_baseline(columns, years, year_columns, table.rows[index + 1:])
        _resolve(columns, years)
        below = table.rows[index + 1:]
        if "baseline" in columns and len({year for _, year in dated_targets}) >= 2:
            return KpiHeader(index, columns, years, tuple(dated_targets))  # 中間目標(2019年度) | 目標値(2023年度)
        if "baseline" in columns and "target" in columns:
            return _baseline_and_target(index, columns, years, year_columns, below)
        if "baseline" in columns and len(year_columns) >= 2 and all(c > columns["baseline"] for c, _ in year_columns) \
                and _holds_figures(below, [c for c, _ in year_columns]):
            return KpiHeader(index, columns, years, tuple(year_columns))
    return _goals_header(table)


def _baseline_and_target(index: int, columns: dict[str, int], years: dict[str, int | None], year_columns: list,
                         below: list[Row]) -> KpiHeader:
    """The header of a table with a baseline and a target column: with years between them, a goal for each
    (現状値(R4) | R6 | R7 | R8 | 目標値(R9); beside a 現状値 column as well as a 基準値 one the years between are
    results: 平成27 under 基準値 … 現状値 … 目標値); over a row of 年度 | 値 under each, that row its header."""
    if year_columns and "actual" not in columns and all(columns["baseline"] < c < columns["target"] for c, _ in year_columns) \
            and _holds_figures(below, [c for c, _ in year_columns]):
        return KpiHeader(index, columns, years, (*year_columns, (columns["target"], years.get("target"))))
    if below and _spans_two(columns, below[0]):
        return KpiHeader(index + 1, *_spanned(columns, years, below[0]))
    return KpiHeader(index, columns, years)


def _sub_columns(row: Row, column: int) -> tuple[int, int] | None:
    """(year column, value column) printed under a role's header cell at `column` and the cell after it
    (「基準値」 over 「年度」 | 「値」: [forms] spanned_years and spanned_values)."""
    cells = [fold(cell) for cell in row.cells[column:column + 2]]
    years, values = vocabulary().forms.spanned_years, vocabulary().forms.spanned_values
    if len(cells) == 2 and cells[0] in years and cells[1] in values:
        return column, column + 1
    if len(cells) == 2 and cells[1] in years and cells[0] in values:
        return column + 1, column
    return None


def _spans_two(columns: dict[str, int], below: Row | None) -> bool:
    """Whether the row under the header splits its baseline and target into a year and a figure each."""
    return below is not None and all(_sub_columns(below, columns[role]) for role in ("baseline", "target"))


def _spanned(columns: dict[str, int], years: dict[str, int | None], below: Row) -> tuple[dict, dict]:
    """The header's columns with each spanning role's figure and year columns from the row under it."""
    columns = dict(columns)
    for role in ("baseline", "target", "actual"):
        sub = _sub_columns(below, columns[role]) if role in columns else None
        if sub:
            columns[f"{role}_year"], columns[role] = sub
    return columns, years


def _goals_header(table: Block) -> KpiHeader | None:
    """A header naming only an indicator and its goal (「指標名 | 目標値(令和8年度)」, 「項目 | 数値目標」): each row is
    a goal without a baseline, when no goal cell sets out a change (「0人から15人へ」 is a change column's)."""
    for index, row in enumerate(table.rows[:2]):
        columns, years, year_columns, dated_targets = _header_columns(row)
        _resolve(columns, years)
        if {"baseline", "actual"} & set(columns) or year_columns or len(dated_targets) > 1 \
                or not {"indicator", "target"} <= set(columns):
            continue
        goals = [r.cells[columns["target"]] for r in table.rows[index + 1:] if columns["target"] < len(r.cells)]
        if goals and not any(_CHANGE.search(goal) for goal in goals):
            return KpiHeader(index, columns, years)
    return None


_CHANGE = regex.compile(rf"{ARROW}|から")


def _year_column_baseline(columns: dict[str, int], years: dict[str, int | None], year_columns: list,
                          rows: list[Row]) -> None:
    """In a table of results by year and a target (平成12年 | 平成13年実績 | 平成14年実績 | 5ヵ年目標) with no
    column named for the baseline, the first year column is the figure the plan started from. Of several
    dated 実績 columns, the latest is the actual (kept by _header_columns)."""
    if "target" not in columns or "baseline" in columns or "current" in columns or not year_columns:
        return
    column, year = year_columns[0]
    if not _holds_figures(rows, [column] + ([columns["actual"]] if "actual" in columns else [])):
        return  # 取組 | 令和5年度 | 令和6年度 | 目標: what is done each year, a schedule
    if column < columns["target"] and column < columns.get("actual", columns["target"]):
        columns["baseline"], years["baseline"] = column, year
        del year_columns[0]


def _holds_figures(rows: list[Row], columns: list[int]) -> bool:
    """Year columns of a KPI table hold figures (「95.0%」, 「約3,200件」); a schedule's hold what is done
    that year (「継続実施」)."""
    cells = [row.cells[c] for row in rows for c in columns
             if c < len(row.cells) and row.cells[c].strip() and not _NOTHING.match(row.cells[c])]
    figures = sum(1 for cell in cells if _FIGURE.match(fold(cell)))
    return not cells or figures * 2 >= len(cells)


@dataclass(frozen=True)
class KpiRow:
    indicator: str | None
    baseline: tuple[int | None, Amount | None]
    target: tuple[int | None, Amount | None]
    row: Row
    actual: tuple[int | None, Amount | None] = (None, None)


def _cell(cells: tuple[str, ...], header: KpiHeader, role: str) -> str:
    column = header.columns.get(role)
    if column is None or column >= len(cells):
        return ""
    return cells[column].strip()


def cell_amount(text: str, unit: str = "") -> Amount:
    """The value of a cell as printed; a cell with two different figures of one unit (「97.0%(小) 98.2%(中)」)
    has no single value."""
    # A sentence's figure is read with its dates blanked out (kept as printed).
    dated = _DATE.match(text.strip())
    amount = parse_amount(text if _FIGURE.match(text) and not dated else _DATE.sub(lambda m: " " * len(m.group(0)), text))
    by_unit: dict[str, set] = {}
    for m in amount_pattern().finditer(text):
        if m.group("unit"):
            by_unit.setdefault(fold(m.group("unit")), set()).add(parse_amount(m.group(0)).value)
    # Two figures of one unit are two quantities (小 / 中, 男性 / 女性); figures of different units state one
    # quantity in several forms (「44.2% 34市町村 全国41位」), the first of which is its value.
    value = None if any(len(values) > 1 for values in by_unit.values()) else amount.value
    return Amount(text, value, amount.low, amount.high, amount.unit or fold(unit) or None, amount.approximate)


def _side(text: str, year: int | None, year_cell: str, unit: str, era: str | None = None) -> tuple[int | None, Amount | None]:
    if year_cell:
        year = parse_year_label(year_cell) or year
    leading = _LEADING_YEAR.match(text)
    if leading and parse_year_label(leading.group("year")):
        year, text = parse_year_label(leading.group("year")), text[leading.end():]
    if not text:
        return None, None  # a cell left empty (or cut off with its row) states nothing, not even a year
    text, printed_year = split_trailing_year(text, era)
    due = _DUE.search(text)
    year = printed_year or year or (parse_fiscal_year(due.group("year")) if due else None)
    if not text:
        return year, None
    return year, cell_amount(text, unit)


def year_row(cells: tuple[str, ...], header: KpiHeader) -> dict[str, int] | None:
    """A row whose value cells are only years in brackets (「(平成27年度) | (令和元年度)」) dates the
    columns for the rows below it: role -> year."""
    years = {}
    for role in VALUE_ROLES:
        text = _cell(cells, header, role)
        if not text:
            continue
        leading = _LEADING_YEAR.match(text)
        if not leading or leading.end() != len(text) or not parse_year_label(leading.group("year")):
            return None
        years[role] = parse_year_label(leading.group("year"))
    return years or None


def _aligned(cells: tuple[str, ...], header: KpiHeader) -> tuple[str, ...]:
    """A row whose item mark and indicator share one cell (「ア 小学生の割合 | 95.0% | …」) has its values
    one column left of the header: put them back under it. A row whose leading merged cells were dropped
    (「(2)NPO法人の数 | 26団体 | 40団体 |」 under 「第3項 | … | (1)地域活動… | 27.1% | 29.0%」) starts at its
    indicator: put it under the indicator's column."""
    column = header.columns.get("indicator")
    if column is None or column == 0 or column >= len(cells):
        return cells
    if (not cells[column].strip() or _FIGURE.match(cells[column])) and _starts_a_kpi(cells):
        shifted = ("",) * column + cells
        return shifted[:len(cells)] if not any(c.strip() for c in shifted[len(cells):]) else shifted
    if not cells[column - 1].strip():
        return cells
    if _FIGURE.match(cells[column]) and parse_amount(cells[column - 1]).value is None:
        shifted = ("",) + cells
        return shifted[:-1] if not shifted[-1].strip() else shifted
    return cells


def _starts_a_kpi(cells: tuple[str, ...]) -> bool:
    """An indicator's name, then figures: 「(2)NPO法人の数 | 26団体 | 40団体」."""
    return len(cells) > 2 and bool(cells[0].strip()) and not _FIGURE.match(cells[0]) and bool(_FIGURE.match(cells[1]))


def kpi_rows(table: Block, header: KpiHeader, era: str | None = None) -> list[KpiRow]:
    """Every indicator row of a KPI table, in order (note rows, empty rows and rows that only date the
    columns left out); a year-by-year table gives one KpiRow per year column with a value. `era` is the
    plan's, for a year printed without one (「81.0%(32年度)」)."""
    rows = []
    row_years: dict[str, int] = {}
    for row in table.rows[header.row + 1:]:
        cells = row.non_empty()
        if not cells or _NOTE_ROW.match(cells[0]):
            continue
        aligned = _aligned(row.cells, header)
        dated = year_row(aligned, header)
        if dated is not None:
            row_years = dated
            continue
        unit = _cell(aligned, header, "unit")
        indicator = _indicator(aligned, header)
        sides = {role: _side(_cell(aligned, header, role), row_years.get(role) or header.years.get(role),
                             _cell(aligned, header, f"{role}_year"), unit, era)
                 for role in VALUE_ROLES}
        if header.target_years:
            for column, year in header.target_years:
                text = aligned[column].strip() if column < len(aligned) else ""
                if text:
                    rows.append(KpiRow(indicator, sides["baseline"], (year, cell_amount(text, unit)), row))
            continue
        if not (_cell(aligned, header, "baseline") or _cell(aligned, header, "target")):
            continue
        baseline = sides["baseline"]
        if baseline == (None, None):  # 「電気使用量を、平成21年度を基準にして23.0%削減する」: the goal names its base year
            baseline = (_base_year(_cell(aligned, header, "target")), None)
        rows.append(KpiRow(indicator, baseline, sides["target"], row, sides["actual"]))
    return rows


# 「平成21年度を基準にして」, 「平成25年度比で」, 「平成25年度より削減する」: the year a goal sentence measures from.
_BASE_YEAR = regex.compile(rf"(?P<year>{YEAR})\s?年度?\s?(?:を基準(?:に|と)(?:して)?|比|より|に比べ)")
# A date inside a goal sentence is when, not how much (「平成21年度を基準にして23.0%削減する」 is 23.0, 「2030(令和12)年度
# までに、導入割合100%」 100).
_DATE = regex.compile(rf"{DATED_YEAR}|{YEAR}\s?(?:年度?|[(（])")


def _base_year(text: str) -> int | None:
    found = _BASE_YEAR.search(text)
    return parse_year_label(found.group("year") + "年度") if found else None


def _indicator(cells: tuple[str, ...], header: KpiHeader) -> str | None:
    column = header.columns.get("indicator")
    if column is None:
        taken = set(header.columns.values()) | {c for c, _ in header.target_years}
        column = next((c for c, text in enumerate(cells) if c not in taken and text.strip()), None)
    text = cells[column].strip() if column is not None and column < len(cells) else ""
    return text or None
