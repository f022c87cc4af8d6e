"""measures: every policy measure with its own body, its departments, and warnings where the
目次 or an overview list disagrees with the body."""
from __future__ import annotations

import difflib
import functools
from collections import Counter
from typing import TYPE_CHECKING

import regex

from extractors.kpi_tables import kpi_header
from extractors.leader_figures import LEADER_FIGURE
from extractors.year_kpis import year_kpis
from extractors.paired_kpis import paired_kpis
from extractors.result import Extraction
from extractors.schedules import schedule_header
from extractors.sections import BRACKET, CAPTION, HEADING_MARKS, Section, announces_measures, is_overview
from extractors.targets import kpis_in_line, titled_kpi_rows
from pipeline.cleaning import fold
from pipeline.departments import split_departments
from pipeline.eras import kanji_number
from pipeline.model import Block, Document, Row
from pipeline.numbering import RANKS, WORD_RANKS, WORD_SCHEME, Label, could_be_title, label_of, parse_label
from pipeline.patterns import LEADING_BULLET, NO_WORD_START
from pipeline.records import Measure, TocEntry
from pipeline.sentences import split_items
from pipeline.vocabulary import (DOING_ROLES, WHAT_IS_ROLES, Role, block_role, is_kpi_header_cell, is_name_field,
                                 leading_block_role, leading_field, match_key, match_keys, names_targets,
                                 qualified_field_pattern, vocabulary)

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

_TRAILING_FIELD = regex.compile(r"\s(?:担当|担当課|所管|所管課|主担当課)\s?[:：]\s?(?P<names>\S+)$")
_TRAILING_BRACKETS = regex.compile(r"(?:[（(]([^（）()]+)[）)]|【([^【】]+)】)\s*$")
# A deadline printed after a measure's title: 「(概ね6年度または7年度まで)」, 「（令和7年度まで）」.
_DEADLINE = regex.compile(r"(?:まで|までに|目途|予定)$")
# 「3つの取組」, 「5項目の施策」, 「以下の3項目を重点取組項目としました」: a sentence that counts the items that follow.
# A measure's code printed on a line of its own above its title on an evaluation sheet: 「73103000」.
_CODE = regex.compile(r"[0-9A-Za-z\-]{3,12}")
CODE_REACH = 4  # lines before a name field that may hold the measure's code
_COUNT = regex.compile(r"(?P<count>[0-9０-９一二三四五六七八九十]+)\s?(?:つ|項目|本|件)\s?[のを]")


def body_roles(body: list[Block], era: str | None) -> tuple[set[str], list[tuple[str, Block]]]:
    """Roles of the blocks in a section's own body, and the department fields found there."""
    roles: set[str] = set()
    department_fields: list[tuple[str, Block]] = []
    for i, block in enumerate(body):
        found = _table_roles(block, era) if block.kind == "table" else _line_roles(block, body[i + 1:])
        if i == 0 and not found[0] and _names_departments(block):
            found = ({"department"}, [(block.text, block)])  # 「県警本部」 right under the heading: its department
        roles |= found[0]
        department_fields += found[1]
    if paired_kpis(body):
        roles.add("target")  # KPIs read aloud as 「指標、…」 / 「現況ち、6.4%、目標ち、8.0%」
    return roles, department_fields


MAX_DEPARTMENT_LINE = 40


def _names_departments(block: Block) -> bool:
    """A line that is only organisations' names (県民生活部、デジタル推進課)."""
    if block.kind != "paragraph" or len(block.text.strip()) > MAX_DEPARTMENT_LINE or regex.search(r"[:：]", block.text):
        return False  # 「問合せ:公共施設マネジメント課」: a field, read as one where it names a department
    names, leftovers = split_departments(block.text.strip())
    return bool(names) and not leftovers


def _table_roles(table: Block, era: str | None) -> tuple[set[str], list[tuple[str, Block]]]:
    """A table's roles: a KPI table is a target, a schedule a schedule (with the departments of its
    department column), and a row opened by a block word (「担当課 | 総務課」) that block."""
    roles: set[str] = {"target"} if kpi_header(table) or year_kpis(table) else set()
    fields: list[tuple[str, Block]] = []
    header = schedule_header(table, era)
    if header is not None:
        roles.add("schedule")
    column = header.department if header is not None else _department_column(table)
    if column is not None:
        cells = _department_cells(table, header.row if header is not None else 0, column)
        if cells:
            roles.add("department")
            fields += [(cell, table) for cell in cells]
    for row in table.rows:
        cells = row.non_empty()
        role = block_role(cells[0]) if cells else None
        if role:
            roles.add(role)
            if role == "department" and len(cells) > 1:
                fields.append((cells[1], table))
    return roles, fields


def _department_column(table: Block) -> int | None:
    """The column a table's header names 担当課 (or another department word): 「No | 取組名 | 内容 | 担当課」."""
    if not table.rows:
        return None
    return next((k for k, cell in enumerate(table.rows[0].cells) if block_role(cell) == "department"), None)


def _department_cells(table: Block, header_row: int, column: int) -> list[str]:
    """The cells of a table's department column (a schedule's, or 「No | 取組名 | 内容 | 担当課」). Rows whose merged
    leading cells were dropped are shifted: a cell of this column counts only when all of it reads as departments."""
    cells = []
    for row in table.rows[header_row + 1:]:
        if column < len(row.cells) and row.cells[column]:
            names, leftovers = split_departments(row.cells[column])
            if names and not leftovers:
                cells.append(row.cells[column])
    return cells


# 「コミュニティ、生涯学習・市民活動、男女共同参画・ダイバーシティ」: short names joined by 、, no sentence.
_NAMES_IN_A_LINE = regex.compile(r"[^、。\s]{2,20}(?:、[^、。\s]{2,20})+")


def _is_leader_figure(text: str) -> bool:
    """An indicator and its figure joined by a leader; under a heading mark (「▽…の推進…交付率…79.28%」) it is a
    heading of the next level glued to its figure, not a line of this heading's body."""
    return bool(LEADER_FIGURE.match(text)) and text[0] not in HEADING_MARKS


def _line_roles(block: Block, after: list[Block]) -> tuple[set[str], list[tuple[str, Block]]]:
    """A line's role: a block word alone (its department the line after it), a block word with its
    content (「担当課：総務課」), or a KPI line (「①観光客数:2,584 千人(令和 2 年)→2,750 千人(令和 7 年)」,
    a dumped KPI table's header 「目標(指標)名 …」)."""
    role = block_role(block.text)
    if role:
        following = next((b for b in after if b.kind != "rule"), None)
        if role == "department" and following is not None and following.kind in ("paragraph", "list_item"):
            return {role}, [(following.text, following)]
        return {role}, []
    leading = leading_block_role(block.text)
    if leading:
        return {leading[0]}, [(leading[1], block)] if leading[0] == "department" else []
    if kpis_in_line(block.text) or is_kpi_header_cell(block.text.split()[0]) or _is_leader_figure(block.text.strip()):
        return {"target"}, []
    following = next((b for b in after if b.kind != "rule"), None)
    if announces_measures(block) and following is not None and _NAMES_IN_A_LINE.fullmatch(following.text.strip()):
        # 「【主な施策】」 over 「コミュニティ、生涯学習・市民活動、…」: what the heading does, named in a line of
        # prose, not a list of measures of its own.
        return {Role.CONTENT}, []
    return set(), []


def _title_and_departments(title: str) -> tuple[str, list[str]]:
    """"施策名（生涯学習課）", "施策名【こども部】" -> ("施策名", [...]) when the brackets hold only departments."""
    field = _TRAILING_FIELD.search(title)
    if field:  # 「行政手続のオンライン化 担当：デジタル政策課」: a slide's title, its department printed beside it
        names, leftovers = split_departments(field.group("names"))
        if names and not leftovers:
            return title[: field.start()].strip(), names
    m = _TRAILING_BRACKETS.search(title)
    if m:
        inside = m.group(1) or m.group(2)
        names, leftovers = split_departments(inside)
        if names and not leftovers:
            return title[: m.start()].strip(), names
        if _DEADLINE.search(inside.strip()) and m.start() > 0:
            return title[: m.start()].strip(), []
    return title, []


def _listed_measures(blocks: list[Block]) -> list[tuple[str | None, str, Block]]:
    """The items of a list that a line naming measures introduces are measures (label, title, block):
    numbered items (「- 1-1 地球環境を保全する」), or bulleted ones (「・豊島体育館の改修」, two on a line when a
    dump joined them) without a label."""
    found = []
    for index, block in enumerate(blocks[:-1]):
        if announces_measures(block) and not _same_list(block, blocks[index + 1]):
            found += _without_groups(_list_items(blocks[index + 1:]))
        elif block.kind in ("paragraph", "heading") and (_counts_its_list(block, blocks[index + 1:])
                                                         or _points_to_its_list(block, blocks[index + 1])):
            found += _list_items(blocks[index + 1:])
    return found


def _points_to_its_list(block: Block, following: Block) -> bool:
    """A sentence pointing to the list right under it as measures: 「ほか、下記の重点政策を掲げています」,
    「以下の取組を進めます」 over 「・教育の充実」 …."""
    words = "|".join(regex.escape(w) for w in vocabulary().measures.list_words)
    return following.kind == "list_item" and bool(regex.search(rf"(?:以下|下記|次)の[^。、]{{0,8}}?(?:{words})", block.text))


def _only_titles(body: list[Block]) -> list[tuple[str | None, str, Block]]:
    """A measure's heading whose own body is nothing but a numbered list of two or more short titles (「1 質の高い行政
    サービスの推進」 over 「1. 市民参画の推進と協働型社会の構築」 「2. 公正の確保と透明性の向上」): the titles are the measures
    (bulleted lines under a heading are what it does or its goals)."""
    printed = [b for b in body if b.kind != "rule" and b.text.strip()]
    if len(printed) < 2 or any(b.kind != "list_item" or "。" in b.text for b in printed):
        return []
    items = _list_items(printed)
    return items if len(items) == len(printed) and all(label for label, _title, _block in items) else []


def _same_list(block: Block, following: Block) -> bool:
    """Two items of one list (「・保育所整備事業」 over 「・子育て相談事業」): the first names a 事業, it announces none."""
    return block.kind == following.kind == "list_item" and block.text.lstrip()[:1] == following.text.lstrip()[:1]


def _counts_its_list(block: Block, after: list[Block]) -> bool:
    """A sentence naming measures and counting the list right under it (「5項目の基本目標を達成するための事業を実施
    する」 over items 1–5)."""
    items = _list_items(after)
    return len(items) >= 2 and _counts(block, len(items))


def _counts(block: Block, number: int) -> bool:
    """A line naming measures that counts `number` of them (「3つの取組」, 「5項目の基本目標…事業」)."""
    counted = _COUNT.search(block.text)
    words = vocabulary().measures.list_words + vocabulary().measures.counted_words
    return counted is not None and kanji_number(counted.group("count")) == number \
        and any(word in block.text for word in words)


def _without_groups(items: list[tuple[str | None, str, Block]]) -> list[tuple[str | None, str, Block]]:
    """A list that opens with a numbered entry and goes on with bullets (「➀子育ての負担を軽減する ●延長保育の実施
    ●こども医療費の助成 ②…」) groups its bullets under the numbered entries: the bullets are the measures."""
    if items and items[0][0] is not None and any(label is None for label, _title, _block in items):
        return [item for item in items if item[0] is None]
    return items


def _list_items(blocks: list[Block]) -> list[tuple[str | None, str, Block]]:
    items: list[tuple[str | None, str, Block]] = []
    for item in blocks:
        if item.kind not in ("list_item", "heading", "paragraph"):
            break
        parsed = parse_label(item.text)
        if parsed and parsed[1] and len(item.text) <= 60 and could_be_title(parsed[1]):
            items.append((parsed[0].text, _title_and_departments(parsed[1])[0], item))
        elif item.kind == "list_item" and item.label and len(item.text) <= 60:
            items.append((item.label, item.text.strip(), item))  # 「  1. 財政健全化の推進」 in a numbered list
        elif item.kind == "list_item":
            pieces = split_items(regex.sub(r"^\s*[-－*]\s+", "", item.text))
            if not pieces or any(len(piece) > 60 for piece in pieces):
                break
            items += [(None, piece, item) for piece in pieces]
        elif items and items[-1][0] is None and item.text[:1] in NO_WORD_START:
            # A dump broke the last item inside a word (「…スポーツセ」 / 「ンター(仮称)の整備」).
            label, title, first = items.pop()
            items.append((label, title + item.text.strip(), first))
        else:
            break
    return items


# A measure named in an evaluation sheet's field: (label, title, departments, line, page).
FieldMeasure = tuple[str | None, str, list[str], int | None, int | None]


def _field_measures(doc: Document) -> list[FieldMeasure]:
    """In a document without measure headings: the measures an evaluation sheet names in a field
    (「事務事業名 | 地域情報化推進事業 | 所管課 | …」, or 「施策課題」 with its code and title on the lines
    below), as (label, title, departments, line, page)."""
    found = []
    blocks = [b for b in doc.blocks if b.kind != "rule"]
    for index, block in enumerate(blocks):
        if block.kind == "table":
            found += _table_field_measures(block)
        else:
            found += _line_field_measure(blocks, index)
    return found


def _table_field_measures(table: Block) -> list[FieldMeasure]:
    """A row that names the measure in the cell after a name field, with the departments of the row's
    department fields."""
    found = []
    for index, row in enumerate(table.rows):
        cells = [c.strip() for c in row.cells]
        column = next((c for c, cell in enumerate(cells[:-1]) if is_name_field(cell) and _is_name_value(cells[c + 1])
                       and not _heads_a_column(row, table.rows[index + 1:], c)), None)
        if column is not None:
            departments = [name for c in range(len(cells) - 1) if block_role(cells[c]) == "department"
                           for name in split_departments(cells[c + 1])[0]]
            coded = _CODED_NAME.match(cells[column + 1])
            code, name = (coded.group("code"), coded.group("name")) if coded else (None, cells[column + 1])
            found.append((code, name, departments, row.line, row.page))
    return found


def _heads_a_column(row: Row, below: tuple[Row, ...], column: int) -> bool:
    """Whether a name field heads a column of values (「No | 取組名 | 内容 | 担当課」 over rows of as many cells), not a
    field with its value beside it (a sheet's next rows are other fields)."""
    width = len(row.non_empty())
    alike = [r for r in below if len(r.non_empty()) == width and column < len(r.cells) and r.cells[column].strip()]
    return len(alike) >= MIN_COLUMN_ROWS


MIN_COLUMN_ROWS = 2


# 「525 IT(情報通信技術)の利活用によるサービスの高度化」: a name field's value that starts with the measure's code.
_CODED_NAME = regex.compile(rf"^(?P<code>(?=\S*[0-9０-９]){_CODE.pattern})\s+(?P<name>\S.*)$")


def _line_field_measure(blocks: list[Block], index: int) -> list[FieldMeasure]:
    """A name field with its value on the line (「施策名 効率的な市政運営の推進(庶務課)」, 「基本事業名52304 IT
    を活用した…」: a qualified field glued to the measure's code) or on the next (a code line 「05030301」
    may come first)."""
    block = blocks[index]
    inline = _inline_name(block.text)
    if inline:
        code, value = inline
        title, departments = _field_after(value) or _title_and_departments(value)
        return [(code or _code_after(blocks, index), title, departments or _department_after(blocks, index),
                 block.line, block.page)]
    following = blocks[index + 1: index + 3]
    name = block.title if block.kind == "heading" and block.label and block.title else block.text  # 「(1)政策内容」
    if not is_name_field(name) or not following or following[0].kind == "table" \
            or not _is_name_value(following[0].text):
        return []
    listed = _bulleted_names(blocks[index + 1:])
    if len(listed) >= 2:  # 「事業名」 over 「• 住民向け行政サービスDX事業…」 「• 事業者向け…」: a measure each
        return [(None, _BULLET.sub("", item.text).strip(), [], item.line, item.page) for item in listed]
    value, label = following[0], None
    if _CODE.fullmatch(value.text.strip()) and len(following) > 1 and following[1].kind != "table":
        label, value = value.text.strip(), following[1]
    return [(label or _code_after(blocks, index), _BULLET.sub("", value.text).strip(), _department_after(blocks, index),
             following[0].line, following[0].page)]


# 「区民祭開催事業 所管課 総合企画局自治政策部区行政改革推進担当」: the name, then the sheet's next field on the line.
_NEXT_FIELD = regex.compile(r"^(?P<title>\S.*?)\s+(?P<field>\S{2,8})\s+(?P<names>\S.*)$")


def _field_after(value: str) -> tuple[str, list[str]] | None:
    """(title, departments) of a name field's value followed by a department field and its names, or None."""
    m = _NEXT_FIELD.match(value.strip())
    if m is None or block_role(m.group("field")) != "department":
        return None
    names, leftovers = split_departments(m.group("names"))
    return m.group("title"), names if not leftovers else [m.group("names")]


def _inline_name(text: str) -> tuple[str | None, str] | None:
    """(code, name) of a name field and its value on one line, or None."""
    inline = leading_field(text)
    if inline and is_name_field(inline[0]) and _is_name_value(inline[1]):
        return None, inline[1]
    qualified = qualified_field_pattern(vocabulary().measures.name_fields, _CODE.pattern).match(text.strip())
    if qualified and qualified.group("code") and _is_name_value(qualified.group("value")):
        return qualified.group("code"), qualified.group("value")
    return None


def _table_row_measures(doc: Document) -> list[FieldMeasure]:
    """In a document without measure headings: the rows of a KPI table that open with a numbering label and
    a title (「第1項 | 人権を尊重する社会の実現 | … | 42.4% | 45.0%」), of the lowest level the table numbers
    (a 第1節 row above its 第1項 rows is their group, in every table of the document); else the rows that pair
    a title with its KPI (「市民が安全に暮らせるまちになる | ●交通事故件数=12,039件→10,000件未満」)."""
    labelled = []
    for table in (b for b in doc.blocks if b.kind == "table" and kpi_header(b)):
        department = _department_column(table)
        rows = [(_label_alone(row.cells[0]), row) for row in table.rows if len(row.cells) > 1]
        labelled += [(label, row, _row_departments(row, department)) for label, row in rows if label
                     and _is_name_value(row.cells[1]) and not _CODE.fullmatch(row.cells[1].strip())]
    lowest = max((RANKS.get(label.scheme, WORD_RANKS[0]) for label, _row, _names in labelled), default=None)
    numbered = [(label.text, row.cells[1].strip(), names, row.line, row.page) for label, row, names in labelled
                if RANKS.get(label.scheme, WORD_RANKS[0]) == lowest]
    titled = [(None, title.strip(), [], row.line, row.page)
              for table in doc.blocks if table.kind == "table" for row, title, _kpi in titled_kpi_rows(table)]
    return numbered or titled


def _label_alone(cell: str) -> Label | None:
    """A cell that is only a numbering label: 「第1項」, 「(2)」, or a bare 「1」 (a sheet's No. column)."""
    label = label_of(cell) if cell.strip() else None
    return label if label is not None and fold(label.text) == fold(cell) else None


def _row_departments(row: Row, column: int | None) -> list[str]:
    """The departments a row's 担当課 cell names, if all of it reads as departments."""
    if column is None or column >= len(row.cells):
        return []
    names, leftovers = split_departments(row.cells[column])
    return names if not leftovers else []


def _bulleted_names(after: list[Block]) -> list[Block]:
    """The bulleted items right after a name field, one name each."""
    items = []
    for block in after:
        if block.kind != "list_item" or not _BULLET.match(block.text) or "。" in block.text:
            break
        items.append(block)
    return items


_BULLET = regex.compile(LEADING_BULLET)


def _is_name_value(text: str) -> bool:
    """The value of a name field: a name, not the next field (「取組名 | 担当課 | 令和7年度」 is a header)."""
    text = text.strip()
    return bool(text) and block_role(text) is None and not is_name_field(text)


def _all_after(found: list[tuple], named: tuple) -> bool:
    """Whether every heading measure comes after the sheet's name field: the sheet's own numbered parts
    (4.施策にかかるコスト, 5.成果指標…), not measures of a plan that quotes a 施策名."""
    _label, _title, _departments, line, page = named
    return all((m[5] or 0, m[4] or 0) > (page or 0, line or 0) for m in found)


def _code_after(blocks: list[Block], index: int) -> str | None:
    """The code a sheet prints for its measure in a field near its name: 「施策コード:05030301」 after it, or
    「事務事業コード」 over 「1001087」 just before it."""
    near = [*blocks[index + 1: index + 4], *blocks[max(0, index - CODE_REACH): index]]
    for block in near:
        field = leading_field(block.text)
        if field and _is_code_field(field[0]) and _CODE.fullmatch(field[1]):
            return field[1]
    for block, below in zip(blocks[max(0, index - CODE_REACH): index], blocks[max(0, index - CODE_REACH) + 1: index]):
        if _is_code_field(block.text.strip()) and _CODE.fullmatch(below.text.strip()):
            return below.text.strip()
    return None


def _is_code_field(text: str) -> bool:
    return match_key(text) in match_keys(vocabulary().measures.code_fields)


def _department_after(blocks: list[Block], index: int) -> list[str]:
    """The department a sheet names in the fields after its name field: 「所管課」 and the line below it,
    or 「主管課 総務部 庶務課」 on one line."""
    for block in blocks[index + 1: index + 12]:
        position = blocks.index(block)
        if block_role(block.text) == "department" and position + 1 < len(blocks):
            return split_departments(blocks[position + 1].text)[0]
        leading = leading_block_role(block.text)
        if leading and leading[0] == "department":
            return split_departments(leading[1])[0]
    return []


def _announced_lists(doc: Document, sections: list[Section]) -> set[int]:
    """Numbered items that a line right before them (or a sentence a few lines above) announces as
    measures (see _announces)."""
    index_of = {(b.line, b.page): i for i, b in enumerate(doc.blocks) if b.kind == "heading"}
    found: set[int] = set()
    for first in sections:
        if first.seq in found:
            continue
        series = [s for s in sections if s.parent is first.parent and s.label.scheme == first.label.scheme
                  and s.seq >= first.seq]
        index = index_of.get((first.line, first.page))
        if len(series) < 2 or not index:
            continue
        if any(_announces(before, series) for before in _lines_before(doc.blocks, index)):
            found.update(s.seq for s in series)
    return found


ANNOUNCEMENT_REACH = 3  # lines before a list that may announce it (a sentence broken over lines)


def _lines_before(blocks: list[Block], index: int) -> list[Block]:
    """The line right before a list, and up to ANNOUNCEMENT_REACH - 1 paragraph lines above it."""
    before = []
    for block in reversed(blocks[max(0, index - ANNOUNCEMENT_REACH):index]):
        if before and block.kind != "paragraph":
            break
        before.append(block)
    return before


def _announces(block: Block, series: list[Section]) -> bool:
    """A line naming the measures of a series: a heading or a short line (【新たに実施する施策】), a sentence
    counting them (「3つの取組」) or giving the range of their labels (「(1)~(5)の重点プロジェクト」)."""
    if announces_measures(block) or _counts(block, len(series)):
        return True
    spanned = _LABEL_RANGE.search(block.text)
    return bool(spanned) and any(word in block.text for word in vocabulary().measures.list_words) \
        and _key(spanned.group("first")) == series[0].label.key and _key(spanned.group("last")) == series[-1].label.key


# 「(1)~(5)の重点プロジェクト」: the first and the last label of a list, before what they number.
_LABEL_RANGE = regex.compile(r"(?P<first>[(（]?[0-9０-９]{1,2}[)）]?|[①-⑳])\s?[~～〜]\s?(?P<last>[(（]?[0-9０-９]{1,2}[)）]?|[①-⑳])\s?の")


def _key(label_text: str) -> str | None:
    label = label_of(label_text)
    return label.key if label else None


def extract_measures(ctx: ExtractionContext) -> Extraction:
    result = Extraction()
    measures = _heading_measures(ctx, result)
    found = _measure_rows(ctx.doc, measures)
    sheet = _field_measures(ctx.doc)
    # An evaluation sheet names its one measure in a field; its numbered parts (1.事業の位置付け,
    # 2.事業の検証) are no measures of their own.
    if not found or len(sheet) == 1 and (len(found) <= 1 or _all_after(found, sheet[0])):
        found = [(None, *measure) for measure in sheet] or found
    if not found:
        found = [(None, *measure) for measure in _table_row_measures(ctx.doc)]
    if not found:
        found = _titles_under_goals(ctx.doc, ctx.sections) or _glossed_titles(ctx.doc)
    found.sort(key=lambda m: ((m[5] or 0), (m[4] or 0)))
    for seq, (section_seq, label, title, departments, line, page) in enumerate(found, start=1):
        result.records.measures.append(Measure(seq=seq, section_seq=section_seq, label=label, title=title,
                                               departments=departments, line=line, page=page))
    schemes = {m[0].label.scheme for m in measures}
    titles = {fold(m[1]) for m in measures}
    for where, items in _overviews(ctx.doc, ctx.sections, ctx.toc_entries, titles):
        items = [i for i in items if label_of(i[0]) and label_of(i[0]).scheme in schemes]
        _compare(where, items, result.records.measures, result)
    return result


Chosen = tuple[Section, str, list[str]]  # a measure's section, title and departments

MIN_GOAL_GROUPS = 2
MAX_LISTED_TITLE = 40


def _titles_under_goals(doc: Document, sections: list[Section]) -> list[tuple]:
    """In a document with no measure by any other rule: the numbered titles, with nothing under them, listed after each
    of two or more headings labelled with a word (「【目標1】男女共同参画の実現に向けた意識の改革」 over 「1 男女共同参画の推進」
    「2 男女平等の視点に立った教育の推進」 …, the page of a plan's goals and the measures under them): the titles are the
    measures, the labelled headings their groups. Read in the order printed (a goal's word may rank anywhere); a title
    ending in a page number (a 目次) lists nothing."""
    listed: list[list[Section]] = []
    for index, group in enumerate(sections):
        if not group.label.scheme.startswith(WORD_SCHEME):
            continue
        run = []
        for section in sections[index + 1:]:
            if not _bare_title(section, doc) or run and section.label.scheme != run[0].label.scheme:
                break
            run.append(section)
        if len(run) >= 2:
            listed.append(run)
    if len(listed) < MIN_GOAL_GROUPS:
        return []
    return [(s.seq, s.label.text or None, s.base_title, [], s.line, s.page) for run in listed for s in run]


MIN_GLOSSED_TITLES = 3


def _glossed_titles(doc: Document) -> list[tuple]:
    """In a document with no measure by any other rule: after a sentence pointing to the measures below it (「以下に掲げる
    重点プロジェクトは…」), the short lines each glossed by a line in brackets under it (「新しい学校づくり」 over 「(中学校の改築、
    …)」), three or more of them."""
    blocks = [b for b in doc.blocks if b.kind != "rule"]
    start = next((i for i, b in enumerate(blocks) if b.kind == "paragraph" and _points_below().search(b.text)), None)
    if start is None:
        return []
    pairs = [(b.text.strip(), b) for b, gloss in zip(blocks[start + 1:], blocks[start + 2:])
             if b.kind in ("paragraph", "heading") and _SHORT_TITLE.fullmatch(b.text.strip())
             and gloss.kind == "paragraph" and _GLOSS_LINE.fullmatch(gloss.text.strip())]
    if len(pairs) < MIN_GLOSSED_TITLES:
        return []
    return [(None, None, title, [], b.line, b.page) for title, b in pairs]


@functools.lru_cache(maxsize=1)
def _points_below() -> regex.Pattern:
    words = "|".join(regex.escape(w) for w in vocabulary().measures.list_words)
    return regex.compile(rf"(?:以下|下記|次)(?:の|に掲げる|に示す)[^。、]{{0,8}}?(?:{words})")


_SHORT_TITLE = regex.compile(r"[^\s。(（「『【][^。]{0,29}")
_GLOSS_LINE = regex.compile(r"[(（][^()（）]{2,60}[)）]")


def _bare_title(section: Section, doc: Document) -> bool:
    """A short numbered title with nothing printed under it, not ending in a page number."""
    title = section.title.strip()
    return not section.label.scheme.startswith(WORD_SCHEME) and len(title) <= MAX_LISTED_TITLE and "。" not in title \
        and not title[-1:].isdigit() and not any(b.text.strip() for b in section.body(doc.blocks))


def _measure_rows(doc: Document, measures: list[Chosen]) -> list[tuple]:
    """(section seq, label, title, departments, line, page) of each measure: the chosen headings, or the
    items listed under a line naming measures, in a heading's body (the lowest level wins: a heading
    whose body lists its measures is their group) or in a document without measure headings."""
    found: list[tuple] = []
    for s, title, departments in measures:
        body = s.body(doc.blocks)
        listed = _listed_measures(body) or _only_titles(body)
        found += [(None, label, *_title_and_departments(item), block.line, block.page) for label, item, block in listed] \
            or [(s.seq, s.label.text or None, title, departments, s.line, s.page)]
    if not measures:
        found += [(None, label, *_title_and_departments(item), block.line, block.page)
                  for label, item, block in _listed_measures(doc.blocks)]
    return found


def _heading_measures(ctx: ExtractionContext, result: Extraction) -> list[Chosen]:
    """The sections that are measures, in order: the lowest headings whose own body holds plan blocks,
    the rest of their series, none inside another."""
    sections = ctx.sections
    analysed = {s.seq: body_roles(s.body(ctx.doc.blocks), ctx.era) for s in sections}
    measure_roles = set(vocabulary().measures.body_roles)
    with_body = {seq for seq, (roles, _) in analysed.items() if roles & measure_roles}
    # 「主要施策3 交通安全と地域防犯の推進」 over its prose: a heading its label names a measure, the lowest with a body,
    # is one as a list announced as measures is.
    announced = _announced_lists(ctx.doc, sections) | _named_with_prose(ctx.doc, sections)
    measures: list[Chosen] = []
    for s in sections:
        # A chapter (第1章) groups a plan's parts: never a measure, even over a page's only goals.
        if s.seq not in with_body | announced or is_overview(s.title) or _about_blocks(s.base_title) \
                or s.label.scheme == "chapter":
            continue
        roles, fields = analysed[s.seq]
        # A lone 現状/課題 block under an introductory heading is a plan-level diagnosis; a measure
        # has a schedule, a target or a department, says what it will do about what it diagnoses or has
        # done (実績, 進捗状況), or belongs to a series of such headings.
        if not ({"schedule", "department", "target"} & roles or s.seq in announced
                or roles & {*WHAT_IS_ROLES, Role.PROGRESS, Role.EVALUATION} and roles & set(DOING_ROLES)
                or any(o.seq in with_body for o in _siblings(s, sections))):
            continue
        title, departments = _title_and_departments(s.base_title)
        _add_departments(fields, departments, f"{s.label.text} {title}", result)
        measures.append((s, title, departments))
    measures += _rest_of_series(sections, measures)
    measures.sort(key=lambda m: m[0].seq)
    return _outermost(measures, {seq: roles for seq, (roles, _) in analysed.items()})


# 「目標値の設定」, 「現状と課題の整理」: a block word, の, and a short noun; 「…において設定した目標指標の状況」: a word
# for the plan's goals, の, and a short noun after a clause that ends in a verb.
_ABOUT = regex.compile(r"^(?P<word>.{2,10}?)の(?P<what>[^の\s]{1,6})$")
_ABOUT_AFTER_CLAUSE = regex.compile(r"[たるす](?P<word>\p{Han}{2,6})の(?P<what>[^の\s]{1,6})$")


def _about_blocks(title: str) -> bool:
    """A section about a kind of block of the whole plan (目標値の設定: how its targets were set) or about running the
    plan (進行管理), not a measure."""
    m = _ABOUT.match(title.strip())
    after_clause = _ABOUT_AFTER_CLAUSE.search(title.strip())
    return block_role(title.strip()) is not None or _ends_naming_targets(title.strip()) \
        or bool(m) and block_role(m.group("word")) is not None \
        or bool(after_clause) and names_targets(after_clause.group("word")) \
        or len(title.strip()) <= MAX_RUNNING_TITLE and title.strip().endswith(vocabulary().measures.running_words)


MAX_RUNNING_TITLE = 12


def _ends_naming_targets(title: str) -> bool:
    """A title ending in a target block word of three or more characters (「エコアクション数値目標」) or in の and a word for
    the plan's goals (「住みたくなる香川の指標」): a heading over a plan's targets, no measure."""
    longer = tuple(w for w in vocabulary().blocks.get(Role.TARGET, ()) if len(w) >= 3)
    after_no = _AFTER_NO.search(title)
    return title.endswith(longer) or bool(after_no) and names_targets(after_no.group("word"))


_AFTER_NO = regex.compile(r"の(?P<word>\p{Han}{2,6})$")


def _siblings(section: Section, sections: list[Section]) -> list[Section]:
    """The other sections under the same parent numbered the same way."""
    return [o for o in sections if o.parent is section.parent and o is not section
            and o.label.scheme == section.label.scheme]


def _add_departments(fields: list[tuple[str, Block]], departments: list[str], measure: str,
                     result: Extraction) -> None:
    for field, block in fields:
        names, leftovers = split_departments(field)
        departments.extend(name for name in names if name not in departments)
        for piece in leftovers:
            result.warn("measures", f"not a department name in {measure}: {piece}", block.line, block.page)


def _rest_of_series(sections: list[Section], measures: list[Chosen]) -> list[Chosen]:
    """A heading in a series of measures (重点施策1…6) whose body is only its numbered parts, which
    have bodies of their own, is a measure like the rest of its series."""
    chosen_seqs = {m[0].seq for m in measures}
    more = []
    for s in sections:
        if s.seq in chosen_seqs or is_overview(s.title) or not s.label.text \
                or s.label.scheme in (BRACKET.scheme, CAPTION.scheme):
            continue  # an unnumbered, bracketed or marked heading (■行財政運営) groups the measures under it
        in_series = any(o.seq in chosen_seqs for o in _siblings(s, sections))
        if in_series and any(_outer_measure(m[0], {id(s): ()}) is not None for m in measures):
            more.append((s, *_title_and_departments(s.base_title)))
    return more


def _outermost(measures: list[Chosen], roles: dict[int, set]) -> list[Chosen]:
    """A measure is never inside another: numbered parts of a measure ((1), (2) under 重点施策1, each
    with its own 取組内容) belong to it, their departments too. Headings labelled with a word that names
    measures (施策①, 施策② under 「(5) 防災・減災対策」 with its own 数値目標) are the measures, and the heading
    above them their group; so is a heading whose body holds only goals over two measures or more (「1.…まちづくり」
    over its 基本数値目標 and its (1)–(5), each with KPIs of its own)."""
    groups = _groups(measures, roles)
    measures = [m for m in measures if id(m[0]) not in groups]
    chosen = {id(m[0]): m for m in measures}
    for section, _title, departments in measures:
        outer = _outer_measure(section, chosen)
        if outer is not None:
            outer[2].extend(d for d in departments if d not in outer[2])
    return [m for m in measures if _outer_measure(m[0], chosen) is None]


def _groups(measures: list[Chosen], roles: dict[int, set]) -> set[int]:
    """The ids of the chosen sections that are groups of the measures under them (see _outermost)."""
    chosen = {id(m[0]): m for m in measures}
    with_blocks = {seq for seq, found in roles.items() if found & {*WHAT_IS_ROLES, *DOING_ROLES}}
    # 「(1) 企業誘致の推進」 with its KPI under 基本目標1: a measure's own goals make it one as its blocks do (「①…の割合」
    # over its figures names an indicator: a goal of the heading above)
    with_blocks |= {m[0].seq for m in measures if Role.TARGET in roles.get(m[0].seq, set()) and not _names_an_indicator(m[1])}
    outers = [_outer_measure(m[0], chosen) for m in measures
              if _labelled_as_measure(m[0]) or m[0].seq in with_blocks and _in_a_group(m[0], chosen)]
    inside = Counter(id(outer[0]) for m in measures if (outer := _outer_measure(m[0], chosen)) is not None)
    groups = {id(outer[0]) for outer in outers if outer is not None}
    return groups | {id(m[0]) for m in measures if inside[id(m[0])] >= 2 and roles.get(m[0].seq) == {Role.TARGET}}


_TRAILING_NOTE = regex.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _names_an_indicator(title: str) -> bool:
    """「松戸の良さを伝えるために取り組んでいる市民の割合」, 「地域内交通の利用者数(再掲)」: what a KPI measures, not a measure."""
    return _TRAILING_NOTE.sub("", title).endswith(vocabulary().measures.indicator_endings)


def _in_a_group(section: Section, chosen: dict[int, tuple]) -> bool:
    """A measure with plan blocks under a heading whose label is a word naming a group of measures (基本目標1 with its
    成果目標 over 「(1)保健・医療体制の充実」 with its 現状と課題): the group is no measure, whatever its body holds."""
    outer = _outer_measure(section, chosen)
    return outer is not None and outer[0].label.scheme.startswith(WORD_SCHEME) and not _labelled_as_measure(outer[0]) \
        and not section.label.scheme.startswith(WORD_SCHEME)


def _labelled_as_measure(section: Section) -> bool:
    """A heading whose label is a word naming measures and its number (施策①, 主要施策3, 取組項目3)."""
    scheme = section.label.scheme
    return scheme.startswith(WORD_SCHEME) and scheme[len(WORD_SCHEME):].endswith(vocabulary().measures.list_words)


def _named_with_prose(doc: Document, sections: list[Section]) -> set[int]:
    """Sections labelled with a word naming measures and a number (主要施策3), with prose in their body and no section
    under them; labelled with another word (基本方針2), also with no line opening with a number of its own (「1 農林業の
    振興 施策の目的 …」, a lower level the text did not break out) and no numbered heading right after them."""
    following = {s.seq: o for s, o in zip(sections, sections[1:])}
    return {s.seq for s in sections if s.label.scheme.startswith(WORD_SCHEME) and _has_prose(body := s.body(doc.blocks))
            and not any(o.parent is s for o in sections)
            and (_labelled_as_measure(s) or not any(_opens_with_number(b) for b in body)
                 and _ends_its_level(following.get(s.seq)))}


def _ends_its_level(following: Section | None) -> bool:
    """What follows a word-labelled heading that is no lower level of it: the end, or another word's heading
    (a heading numbered 「1 …」 next may be the first of its measures, ranked apart from word labels)."""
    return following is None or following.label.scheme.startswith(WORD_SCHEME)


def _opens_with_number(block: Block) -> bool:
    parsed = parse_label(block.text) if block.kind == "paragraph" else None
    return bool(parsed and parsed[1])


def _has_prose(body: list[Block]) -> bool:
    """Sentences, or items of what the measure does (「- 回覧板などのペーパーレス化を促進します。」)."""
    return any(b.kind in ("paragraph", "list_item") and len(b.text.strip()) > MIN_PROSE for b in body)


MIN_PROSE = 20


def _outer_measure(section: Section, chosen: dict[int, tuple]) -> tuple | None:
    """The outermost measure a section sits in, or None."""
    outer, parent = None, section.parent
    while parent is not None:
        outer = chosen.get(id(parent), outer)
        parent = parent.parent
    return outer


def _labelled_items(blocks: list[Block]) -> list[tuple[str, str, int]]:
    items = []
    for block in blocks:
        texts = ([(c, r.line) for r in block.rows for c in r.cells] if block.kind == "table"
                 else [(block.text, block.line)])
        for text, line in texts:
            parsed = parse_label(text)
            if parsed and parsed[1] and len(text) <= 60:
                items.append((parsed[0].text, parsed[1], line))
    return items


def _overviews(doc: Document, sections: list[Section], toc_entries: list[TocEntry], titles: set[str]):
    """Lists that repeat measure titles: the 目次, overview sections (一覧, 体系 …) and tables most
    of whose numbered cells are measure titles (a 基本方針 / 個別施策 table)."""
    yield "目次", [(e.label, e.title, e.line) for e in toc_entries if e.label]
    used: set[int] = {e.line for e in toc_entries}
    for s in sections:
        if is_overview(s.title) and s.spans:
            blocks = doc.blocks[s.spans[0][0]:s.spans[-1][1]]
            used.update(b.line for b in blocks)
            items = _labelled_items(blocks)
            if items:
                yield f"{s.label.text} {s.title}", items
    tables = [b for b in doc.blocks if b.kind == "table" and not {r.line for r in b.rows} & used]
    items = []
    for table in tables:
        found = _labelled_items([table])
        if len(found) >= 2 and sum(fold(t) in titles for _, t, _ in found) * 2 >= len(found):
            items.extend(found)
    if items:
        yield "施策一覧の表", items


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def _compare(where: str, items: list[tuple[str, str, int]], measures: list[Measure], result: Extraction) -> None:
    """Warn where an overview and the body disagree on a measure's number or title (the body wins)."""
    if not measures or not items:
        return
    key = lambda label: label_of(label).key if label_of(label) else fold(label)
    if where != "目次" and len(items) == len(measures):
        pairs = list(zip(items, measures))
    else:
        pairs = []
        for m in measures:
            same_label = [i for i in items if key(i[0]) == key(m.label)]
            best = max(same_label, key=lambda i: _similarity(i[1], m.title), default=None)
            if best and _similarity(best[1], m.title) >= 0.7:
                pairs.append((best, m))
    for (label, title, line), m in pairs:
        if key(label) != key(m.label) and fold(title) == fold(m.title):
            result.warn("measures", f"{where} numbers {m.title} as {label}, the body as {m.label}", line)
        elif fold(title) != fold(m.title):
            if _similarity(title, m.title) < 0.3 and key(label) != key(m.label):
                continue
            result.warn("measures", f"{where} titles {m.label} 「{title}」, the body 「{m.title}」", line)
