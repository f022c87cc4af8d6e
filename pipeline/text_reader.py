"""A plain-text rendering of a plan (tables as tab- or |-separated lines) -> Document.

`blocks_from_lines` is the shared second half: the PDF reader feeds it the lines and table rows
it reconstructs, so both readers classify lines and group tables the same way.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable

import regex

from pipeline.cleaning import clean_inline, fold
from pipeline.cell_lines import cell_runs, cells_of, rows_of
from pipeline.dump_lines import is_dump, kpi_header_cells, kpi_row_cells, split_dump
from pipeline.glued_tables import glued_year_header, glued_year_row, is_glued_table, split_glued_table
from pipeline.model import Block, Document, Row
from pipeline.numbering import GOAL_LABEL, WORD_SCHEME, parse_heading, parse_label
from pipeline.patterns import ARROW, ARROWS, BULLETS, DIGIT, MORE_BULLETS
from pipeline.settings import resolve_settings
from pipeline.spaced_text import is_spaced_page, without_inner_spaces
from pipeline.vocabulary import block_role, is_kpi_header_cell, is_page_furniture, kpi_value_role, vocabulary


@dataclass(frozen=True)
class TextReaderSettings:
    """How lines are told apart. Defaults fit the converter output of the supplied corpus."""

    max_heading_length: int = 60
    max_heading_table_rows: int = 2

    def __post_init__(self):
        if self.max_heading_length < 5:
            raise ValueError(f"max_heading_length too small: {self.max_heading_length}")

    @classmethod
    def resolve(cls, settings: "TextReaderSettings | dict | None") -> "TextReaderSettings":
        return resolve_settings(cls, settings)


_BULLET_LINE = regex.compile(r"^(?P<indent>[ \u3000]*)(?P<mark>[-*+]) (?P<text>.*)$")
# 「  1. 子育てに喜びを…」: an item of a numbered list as a web page's text edition prints it, indented: an
# item (not a heading) whose label is its number.
_ORDERED_ITEM = regex.compile(r"^(?P<indent> {2,})(?P<number>[0-9]{1,2})\. (?P<text>\S.*)$")
PRINTED_BULLET = regex.compile(rf"^[{BULLETS}{MORE_BULLETS}]")
# 【…】 〈…〉 《…》 ≪…≫ 〔…〕 ＜…＞ alone on a line; <…> only around Japanese text (<成果の説明>, not an HTML tag).
_BRACKET_HEADING = regex.compile(r"^(?:【[^】]{1,30}】|〈[^〉]{1,30}〉|《[^》]{1,30}》|≪[^≫]{1,30}≫|〔[^〕]{1,30}〕|＜[^＞]{1,30}＞"
                                 r"|<(?=[^<>]*[\p{Han}\p{Hiragana}\p{Katakana}])[^<>/]{1,30}>)$")
# 「【P47】」, 「〔p.12〕」, 「【12ページ】」: a page reference in brackets, alone on a line.
_PAGE_REFERENCE = regex.compile(r"^[【〔［\[(（]\s?(?:[PpＰｐ]\.?\s?[0-9０-９]+(?:\s?[-－~～]\s?[0-9０-９]+)?"
                                r"|[0-9０-９]+\s?(?:頁|ページ))\s?[】〕］\])）]$")
_RULE = regex.compile(r"^[\s|:\-–—=_\t]*[-–—=_]{3,}[\s|:\-–—=_\t]*$")
_FOOTNOTE = regex.compile(r"^(?:(?:\\?\*|※)(?:\d+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?=\S)")
# ※ / * notes, and 「(参考)…」: reference matter beside the plan's own text.
_NOTE = regex.compile(r"^(?:\\?\*(?!\*)|※|[(（]参考[)）])\s*(?=\S)")
_PIPE_ROW = regex.compile(r"^\|.*\|$")


@dataclass(frozen=True)
class SourceLine:
    """One printed line: `cells` for a table row, else `text` (raw, leading spaces kept).

    A line with neither ends a table, as a blank line does in a text file.
    """

    text: str = ""
    cells: tuple[str, ...] | None = None
    line: int | None = None
    page: int | None = None
    end_line: int | None = None
    # What a structured format states about the line: "heading" (an HTML <h2>, a Word heading style).
    style: str | None = None
    location: str | None = None  # where a structured format has it: "line 12", "paragraph 4", "施策!C12"
    drawn: tuple[int, ...] = ()  # columns of a table row whose 「→」 a PDF draws as a bar


def _split_cells(raw: str) -> list[str] | None:
    """Cells of a table line, or None when the line is not a table row."""
    body = raw.strip(" \u3000")
    bullet = _BULLET_LINE.match(body)
    if bullet and _PIPE_ROW.match(bullet.group("text").strip()):
        body = bullet.group("text").strip()
    if _PIPE_ROW.match(body) and body.count("|") >= 3:
        return [c.strip() for c in body[1:-1].split("|")]
    if not bullet and _is_open_pipe_row(body):
        return _open_pipe_cells(body)
    if "\t" in raw:
        return [c.strip() for c in raw.split("\t")]
    return None


# A column's name read before its cell: a short noun, 「、」, then a numbered title without 、 or 。.
_FIELD_THEN_HEADING = regex.compile(r"^[\p{Han}\p{Katakana}ー]{2,8}等?、(?P<heading>[0-9０-９(（][^、。]+)$")


def _classify_line(text: str, line: int | None, settings: TextReaderSettings, page: int | None = None) -> Block:
    """A non-table, non-empty line (already cleaned) as one block."""
    bullet = _BULLET_LINE.match(text)
    ordered = _ORDERED_ITEM.match(text) if bullet is None else None
    indent = 0
    if bullet:
        indent = len(bullet.group("indent").replace("\u3000", "  "))
        text = bullet.group("text").strip()
        list_mark = True
    elif ordered:
        return Block("list_item", ordered.group("text").strip(), line, page, label=ordered.group("number"),
                     indent=len(ordered.group("indent")))
    else:
        text = text.strip(" \u3000")
        list_mark = False
    if _RULE.match(text) or _PIPES_ONLY.match(text) or is_page_furniture(text):
        # A rule; 「|」 alone (a cell's end printed where no table is); a web page's furniture.
        return Block("rule", text, line, page)
    footnote = _FOOTNOTE.match(text)
    if footnote:
        return Block("note", text[footnote.end():].strip(), line, page, label=footnote.group(0).strip())
    if _NOTE.match(text):
        return Block("note", text, line, page)
    if _PAGE_REFERENCE.match(text):  # 「【P47】」: where the draft says it, not a heading
        return Block("note", text, line, page)
    if _BRACKET_HEADING.match(text):
        return Block("heading", text, line, page, title=text[1:-1].strip())
    heading = parse_heading(text, settings.max_heading_length) or _marked_heading(text, settings)
    field = _FIELD_THEN_HEADING.match(text) if heading is None and not list_mark else None
    if field and parse_heading(field.group("heading"), settings.max_heading_length):
        # 「重点戦略等、2 福祉サービス推進プログラム」: a screen-reader edition reads the column's name before
        # each cell; the cell is the heading.
        text = field.group("heading")
        heading = parse_heading(text, settings.max_heading_length)
    if heading:
        label, title = heading
        # A bulleted numbered line is an item of a list (an overview, a 目次), not a heading.
        kind = "list_item" if list_mark else "heading"
        return Block(kind, text, line, page, label=label.text, title=title, indent=indent)
    if list_mark or PRINTED_BULLET.match(text):
        return Block("list_item", text, line, page, indent=indent)
    return Block("paragraph", text, line, page)


# 「■施策1 電子申請の拡充」, 「【施策1】電子申請の拡充」, 「<施策1> …」: a label after a heading's mark, or in brackets.
_MARKED_LABEL = regex.compile(r"^(?:[■□◆◇▼▶]\s*(?P<after_mark>\S.*)|[【〈<［](?P<inside>[^】〉>］]{1,12})[】〉>］]\s*(?P<title>\S.*))$")


def _marked_heading(text: str, settings: TextReaderSettings):
    """(label, title) of a heading whose label follows a mark or stands in brackets, or None."""
    m = _MARKED_LABEL.match(text)
    if m is None:
        return None
    if m.group("after_mark"):
        return parse_heading(m.group("after_mark"), settings.max_heading_length)
    inside = parse_label(m.group("inside"))
    if inside is None or inside[1]:
        return None
    return parse_heading(f"{inside[0].text} {m.group('title')}", settings.max_heading_length)


def _flush_table(rows: list[Row], blocks: list[Block], settings: TextReaderSettings) -> None:
    """Turn a run of table rows into blocks.

    Converters render boxed headings and one-column boxes as table rows. Rows before the first
    row with two filled cells are lines of text; a tiny table whose rows read as a heading
    ("施策1-1<TAB>title") is a heading.
    """
    start = 0
    while start < len(rows) and len(rows[start].non_empty()) <= 1:
        row = rows[start]
        if row.non_empty():
            blocks.append(_classify_line(row.non_empty()[0], row.line, settings, row.page))
        start += 1
    rest = list(rows[start:])
    if not rest:
        return
    if len(rest) <= settings.max_heading_table_rows and all(len(r.non_empty()) <= 2 for r in rest):
        as_headings = [parse_heading(" ".join(r.non_empty()), settings.max_heading_length) for r in rest]
        if all(as_headings):
            for row, (label, title) in zip(rest, as_headings):
                blocks.append(Block("heading", "\t".join(row.non_empty()), row.line, row.page,
                                    label=label.text, title=title))
            return
    while rest and not rest[-1].non_empty():
        rest.pop()
    if rest:
        text = "\n".join("\t".join(r.cells) for r in rest)
        blocks.append(Block("table", text, rest[0].line, rest[0].page, rows=tuple(rest)))


def blocks_from_lines(lines: Iterable[SourceLine], settings: TextReaderSettings | dict | None = None) -> list[Block]:
    """Classify lines into blocks, consecutive table rows grouped into one table, debris removed."""
    settings = TextReaderSettings.resolve(settings)
    blocks: list[Block] = []
    table: list[Row] = []
    for source in lines:
        if source.cells is not None:
            cells = source.cells
            if all(_RULE.match(c) or not c for c in cells):
                if any(cells):
                    continue  # a markdown rule row under a table header
            table.append(Row(tuple(clean_inline(c) for c in cells), source.line, source.page, source.end_line,
                             source.drawn))
            continue
        if table:
            _flush_table(table, blocks, settings)
            table = []
        cleaned = clean_inline(source.text)
        if not cleaned.strip():
            continue
        leading = source.text[: len(source.text) - len(source.text.lstrip(" \u3000"))]
        for part in cleaned.split("\n"):
            block = _classify_line(leading + part, source.line, settings, source.page)
            if source.style == "heading" and block.kind != "heading" and not _bare_label(part):
                block = _stated_heading(part.strip(" \u3000"), source, settings)
            blocks.append(block)
    if table:
        _flush_table(table, blocks, settings)
    blocks = _list_items_after_block_words(_join_split_headings(blocks, settings))
    return _indicators_over_figures(_labelled_items_over_their_text(_numbered_goals(blocks)))


def _bare_label(text: str) -> bool:
    """A label alone (「施策6」): its title is the next line, joined to it as in a text."""
    parsed = parse_label(text.strip(" \u3000"))
    return bool(parsed) and not parsed[1]


def _stated_heading(text: str, source: SourceLine, settings: TextReaderSettings) -> Block:
    """A line the format itself marks as a heading, whatever its length or numbering."""
    heading = parse_heading(text, max(settings.max_heading_length, len(text)))
    label, title = (heading[0].text, heading[1]) if heading else (None, text)
    return Block("heading", text, source.line, source.page, label=label, title=title)


def document_from_lines(lines: list[SourceLine], source: str, source_format: str,
                        settings: TextReaderSettings | dict | None = None) -> Document:
    """The Document of a structured format (HTML, Word, Excel) whose reader gives its printed lines in
    reading order, each with the place in the file it came from (`location`)."""
    return Document(source=source, source_format=source_format, blocks=blocks_from_lines(lines, settings),
                    line_count=max((s.end_line or s.line or 0 for s in lines), default=0),
                    nonempty_lines=sum(1 for s in lines if s.text.strip() or s.cells),
                    locations={s.line: s.location for s in lines if s.line is not None and s.location})


def _numbered_goals(blocks: list[Block]) -> list[Block]:
    """「成果指標」 over 「目標1 全手続のオンライン化を実現」 「目標2 …」: goals numbered with the word 目標 right under a
    goal's block word are its lines, not headings (elsewhere 目標1 labels a part of the plan); so is a run of items
    numbered ① or (1) there, one right after the other with nothing under them (「【基本的な目標】 ① 生活習慣病の予防
    ② 疾病の早期発見 [現状・課題] …」; under 「基本目標」 a numbered item over its own text is a measure)."""
    out: list[Block] = []
    under_goals = False
    listed: set[int] = set()
    for index, block in enumerate(blocks):
        parsed = parse_label(block.text) if block.kind in ("paragraph", "heading") else None
        if under_goals and parsed and not listed:
            listed = _bare_run(blocks, index)
        if parsed and under_goals and (parsed[0].scheme == GOAL_LABEL or index in listed):
            block = Block("paragraph", block.text, block.line, block.page, indent=block.indent)
        else:
            under_goals = block.kind in ("paragraph", "heading") and block_role(block.text) == "target"
            listed = set()
        out.append(block)
    return out


def _bare_run(blocks: list[Block], first: int) -> set[int]:
    """The indexes of a run of two or more numbered headings of one series from `first` on, each right after the
    other (none heads anything but the next); empty when there is no such run."""
    run = [first]
    while run[-1] + 1 < len(blocks) and _same_series(blocks[run[0]], blocks[run[-1] + 1]):
        run.append(run[-1] + 1)
    return set(run) if len(run) >= 2 and blocks[first].kind == "heading" else set()


def _same_series(block: Block, other: Block) -> bool:
    if block.kind != "heading" or other.kind != "heading" or not block.label or not other.label:
        return False
    first, second = parse_label(block.label), parse_label(other.label)
    return bool(first and second) and first[0].scheme == second[0].scheme


def _labelled_items_over_their_text(blocks: list[Block]) -> list[Block]:
    """「- 基本方針1:住民サービスの利便性向上」 over 「- 利用者の立場に立った…を目指します。」: an item labelled with a word
    and its number, followed by an item without a label that says what it is about, heads that text (a list of
    labelled items alone is an overview and stays one)."""
    out = list(blocks)
    for index, (block, following) in enumerate(zip(blocks, blocks[1:])):
        parsed = parse_label(block.text) if block.kind == "list_item" and block.label and block.title else None
        if parsed and parsed[0].scheme.startswith(WORD_SCHEME) \
                and following.kind == "list_item" and following.indent == block.indent \
                and parse_label(following.text) is None:
            out[index] = Block("heading", block.text, block.line, block.page, label=block.label, title=block.title,
                               indent=block.indent)
    return out


# 「現状値(平成 26 年度):4,021 人/日 目標値:4,300 人/日」: a line that opens with the side it states, a figure soon after.
_SIDE_NAMED_FIGURES = regex.compile(r"^(?P<side>[^\s(（:：0-9０-９]{2,6})\s?(?:[(（][^()（）]{1,16}[)）])?\s?[:：]?\s?[約概]?[0-9０-９―－-]")
_ITEM_SCHEMES = ("number", "paren", "circled", "paren_kana", "kana", "paren_alpha")


def _indicators_over_figures(blocks: list[Block]) -> list[Block]:
    """「①鉄道利用者数」 over 「現状値(平成 26 年度):4,021 人/日 目標値:4,300 人/日」: a numbered line right above the
    figures of a KPI, the first naming its side, is the indicator they measure (a KPI printed on two lines), not a
    heading."""
    out = list(blocks)
    for index, (block, following) in enumerate(zip(blocks, blocks[1:])):
        side = _SIDE_NAMED_FIGURES.match(following.text) if following.kind == "paragraph" else None
        parsed = parse_label(block.text) if block.kind == "heading" and block.label and side else None
        if parsed and parsed[0].scheme in _ITEM_SCHEMES and kpi_value_role(side.group("side")) \
                and block.line is not None and following.line == block.line + 1:
            out[index] = Block("paragraph", block.text, block.line, block.page, indent=block.indent)
    return out


# Labels a layout may print on a line of their own, the title on the next line (「施策6」 / 「AI・RPA…」).
_SPLIT_LABEL_SCHEMES = ("chapter", "section", "code", "no", "word:")


_NUMBER_ALONE = regex.compile(r"[0-9０-９]{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]")
MAX_LABEL_WORD = 12


def _word_then_number(block: Block, following: Block | None) -> str | None:
    """The label a word on a line of its own and a number on the next print (「施策」 / 「1」 -> 施策1; under a longer
    word naming measures, 「部門別プロジェクト」 / 「1」, the number alone), or None."""
    if following is None or block.kind != "paragraph" or following.kind != "paragraph" \
            or not _NUMBER_ALONE.fullmatch(following.text.strip()):
        return None
    word = regex.sub(r"\s", "", block.text)  # 「基本目 標」: a PDF's text with spaces inside its words
    if word in vocabulary().numbering.label_words:
        return f"{word}{following.text.strip()}"
    if len(word) <= MAX_LABEL_WORD and word.endswith(tuple(vocabulary().measures.list_words)):
        return following.text.strip()
    return None


def _join_split_headings(blocks: list[Block], settings: TextReaderSettings) -> list[Block]:
    """A line that is only a heading label, followed by a short title line, is one heading; so is a label
    word over its number over the title (「施策」 / 「1」 / 「農業経営担い手の確保と育成」)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        label = _word_then_number(blocks[i], following)
        if label is not None and i + 2 < len(blocks):
            # the heading's line is its label's; a number alone under a word labels the title printed below it
            at = blocks[i + 2] if _NUMBER_ALONE.fullmatch(label) else blocks[i]
            heading = _titled(label, at, blocks[i + 2], settings)
            if heading is not None:
                out.append(heading)
                i += 3
                continue
        parsed = parse_label(_inside_brackets(blocks[i])) if blocks[i].kind in ("paragraph", "heading") else None
        heading = None
        if parsed and not parsed[1] and parsed[0].scheme.startswith(_SPLIT_LABEL_SCHEMES):
            heading = _titled(parsed[0].text, blocks[i], following, settings)
        out.append(heading or blocks[i])
        i += 2 if heading else 1
    return out


def _inside_brackets(block: Block) -> str:
    """A paragraph's text; a bracketed heading's inside (「《基本目標(1)》」: a label alone, its title on the next line)."""
    if block.kind == "heading":
        return block.title if block.label is None and block.title and _BRACKET_HEADING.match(block.text) else ""
    return block.text


def _titled(label: str, block: Block, title: Block | None, settings: TextReaderSettings) -> Block | None:
    """The heading a label printed alone and a short title on the next line make, or None."""
    if title is None or title.kind != "paragraph" or parse_label(title.text) is not None:
        return None
    joined = f"{label} {title.text}"
    heading = parse_heading(joined, settings.max_heading_length)
    return Block("heading", joined, block.line, block.page, label=heading[0].text, title=heading[1]) if heading else None


# Numbered lines that a block word such as 主な取組 introduces are the items of its list.
_LIST_SCHEMES = ("number", "paren", "circled", "circled_sub")


def _list_items_after_block_words(blocks: list[Block]) -> list[Block]:
    """「主な取組」 then 「①電子申請の拡大 …」「②…」: numbered lines that a content block word
    introduces are the items of its list, not sections. The list runs while the next line is an
    item of the same numbering or the wrapped rest of the line before."""
    out: list[Block] = []
    scheme = None   # the numbering of the open list
    previous_line = None
    for block in blocks:
        parsed = parse_label(block.text) if block.kind in ("heading", "paragraph") else None
        label = parsed[0] if parsed and parsed[1] else None
        if out and block_role(out[-1].text) == "content" and out[-1].kind != "table" \
                and label is not None and label.scheme in _LIST_SCHEMES:
            scheme = label.scheme
        if scheme is not None:
            continues = block.line is not None and previous_line is not None and block.line == previous_line + 1
            if label is not None and label.scheme == scheme:
                if block.kind == "heading":
                    block = Block("list_item", block.text, block.line, block.page, indent=block.indent)
            elif not (block.kind == "paragraph" and continues):
                scheme = None
        previous_line = block.line
        out.append(block)
    return out


def read_text(text: str, source: str = "<text>", settings: TextReaderSettings | dict | None = None) -> Document:
    """Split text into blocks, one per printed line, tables grouped, debris removed."""
    lines = text.splitlines()
    if is_spaced_page(lines):  # a PDF's text layer with spaces inside its words
        lines = [without_inner_spaces(line) for line in lines]
    sources = []
    for number, raw in enumerate(lines, start=1):
        cells = _split_cells(raw)
        sources.append(SourceLine(cells=tuple(cells), line=number) if cells is not None
                       else SourceLine(raw, line=number))
    sources = _side_by_side_blocks(sources)
    sources = _join_continued_pipe_cells(_lone_marks(_items_after_changes(_inner_pipe_tables(sources))), lines)
    sources = _rows_of_cell_lines(_expand_dumps(_spaced_kpi_tables(_glued_year_tables(sources))), lines)
    return Document(source=source, source_format="txt", blocks=blocks_from_lines(_join_wrapped_first_cells(sources), settings),
                    line_count=len(lines), nonempty_lines=sum(1 for line in lines if line.strip()))


# Two columns a text dump kept side by side (pdftotext -layout): a wide gap between the block words, two spaces or
# more between the items under them.
_HEADER_GAP = regex.compile(r"(?: {4,}|\u3000{2,}|[ \u3000]{3,})")
_ITEM_GAP = regex.compile(r"[ \u3000]{2,}")
MAX_GAP_DRIFT = 4


def _side_by_side_blocks(sources: list[SourceLine]) -> list[SourceLine]:
    """「現状・課題                    取組内容」 over lines holding an item of each: two blocks a PDF's text dump printed
    side by side. The lines under the block words, while each splits at the gap under the second word (or holds the right
    side only), become the first block's lines and then the second's, each on its own line number."""
    out: list[SourceLine] = []
    index = 0
    while index < len(sources):
        source = sources[index]
        split = _two_block_words(source)
        if split is None:
            out.append(source)
            index += 1
            continue
        left, right, end = [replace(source, text=split[0])], [replace(source, text=split[1])], index + 1
        while end < len(sources) and sources[end].cells is None and sources[end].text.strip():
            parts = _at_gap(sources[end].text, split[2])
            if parts is None:
                break
            left += [replace(sources[end], text=parts[0])] if parts[0].strip() else []
            right += [replace(sources[end], text=parts[1])] if parts[1].strip() else []
            end += 1
        out += left + right
        index = end
    return out


def _two_block_words(source: SourceLine) -> tuple[str, str, tuple[int, int]] | None:
    """(first word, second word, where the second starts: in characters and in display width) of a line of two
    statement block words apart."""
    text = source.text.rstrip() if source.cells is None else ""
    gaps = list(_HEADER_GAP.finditer(text))
    if len(gaps) != 1 or not text[:gaps[0].start()].strip():
        return None
    first, second = text[:gaps[0].start()].strip(), text[gaps[0].end():].strip()
    roles = [block_role(first), block_role(second)]
    if None in roles or "target" in roles or "schedule" in roles:
        return None
    return first, second, (gaps[0].end(), _width(text[:gaps[0].end()]))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _at_gap(text: str, column: tuple[int, int]) -> tuple[str, str] | None:
    """A line cut at the gap under the second column's start (as counted in characters or in display width): (left,
    right); a line printed on the right side only is the right's; None for any other line (the blocks end)."""
    stripped = text.rstrip()
    indent = len(stripped) - len(stripped.lstrip())
    if indent >= column[0] - MAX_GAP_DRIFT or _width(stripped[:indent]) >= column[1] - MAX_GAP_DRIFT:
        return "", stripped.strip()
    for gap in _ITEM_GAP.finditer(stripped, indent):
        if abs(gap.end() - column[0]) <= MAX_GAP_DRIFT or abs(_width(stripped[:gap.end()]) - column[1]) <= MAX_GAP_DRIFT:
            return stripped[:gap.start()], stripped[gap.end():]
    return None  # a line on the left side only may as well be the first line after the two blocks


# 「指標名 | 現状値(令和元年度) | 目標値(令和7年度)」: cells between pipes, none at the ends of the line.
_INNER_PIPES = regex.compile(r"^[^|]*\S\s*\|\s*\S[^\n]*$")
MIN_INNER_PIPE_ROWS = 2


def _inner_pipe_tables(sources: list[SourceLine]) -> list[SourceLine]:
    """Lines of a table written with pipes between its cells only (Markdown without the outer pipes), two or more
    in a row with as many cells each (the last may be cut off), are its rows; one such line alone (「ホーム | 市政情報」)
    stays text."""
    out = list(sources)
    run: list[int] = []
    for index in range(len(sources) + 1):
        source = sources[index] if index < len(sources) else None
        if source is not None and source.cells is None and _INNER_PIPES.match(source.text.strip()) \
                and not source.text.strip().startswith("|") and not source.text.strip().endswith("|"):
            run.append(index)
            continue
        widths = [sources[k].text.count("|") + 1 for k in run]
        if len(run) >= MIN_INNER_PIPE_ROWS and len(set(widths[:-1])) == 1 and widths[-1] <= widths[0]:
            for k in run:
                out[k] = SourceLine(cells=tuple(c.strip() for c in sources[k].text.strip().split("|")),
                                    line=sources[k].line, page=sources[k].page)
        run = []
    return out


# 「7 %(令和1年度)→ 100 %(令和6年度) - キャッシュレス決済導入施設等の数」: a dump that printed a list's items a line
# apart from their figures: the figures of one item, then the next item after its 「 - 」 mark.
_ITEM_AFTER_CHANGE = regex.compile(rf"^(?P<change>[^-]*{DIGIT}[^-]*{ARROW}[^-]*{DIGIT}[^-]*?)\s+-\s+(?P<item>[^\d\s][^{ARROWS}]*)$")


def _items_after_changes(sources: list[SourceLine]) -> list[SourceLine]:
    """A line of figures and the next list item after them is two blocks, on the one line they share."""
    out = []
    for source in sources:
        m = _ITEM_AFTER_CHANGE.match(source.text.strip()) if source.cells is None else None
        out.append(replace(source, text=f"{m.group('change')}\n- {m.group('item')}") if m else source)
    return out


# A list's mark printed on a line of its own, its item on the next (「-」 / 「デジタルを意識しなくても…」).
_LONE_MARK = regex.compile(rf"^\s*(?P<mark>[-*{BULLETS}])\s*$")


def _lone_marks(sources: list[SourceLine]) -> list[SourceLine]:
    """A mark alone on a line opens the item printed on the next line: that line becomes the item, and the
    mark's own line a break between items."""
    out = list(sources)
    for index, source in enumerate(sources[:-1]):
        following = sources[index + 1]
        mark = _LONE_MARK.match(source.text) if source.cells is None else None
        if mark and following.cells is None and following.text.strip() and not _LONE_MARK.match(following.text):
            prefix = "- " if mark.group("mark") in "-*" else mark.group("mark")
            out[index] = SourceLine("", line=source.line, page=source.page)
            out[index + 1] = SourceLine(prefix + following.text.strip(), line=following.line, page=following.page)
    return out


MAX_GLUED_TITLE = 30  # a line under a glued year header that is no row: a title of the rows below, not prose


def _glued_year_tables(sources: list[SourceLine]) -> list[SourceLine]:
    """A table by fiscal year printed with nothing between its cells (pipeline/glued_tables.py) becomes its
    rows: the header, each row that splits into a cell a year, and a short line between them (「1小学校数」 over
    its 計画 and 実績 rows) as a row of one cell. A blank line or a longer line ends it."""
    out: list[SourceLine] = []
    columns = None
    for source in sources:
        header = glued_year_header(source.text) if source.cells is None else None
        if header is not None:
            corner, years, last = header
            columns = len(years)
            out.append(SourceLine(cells=(corner, *years, last), line=source.line, page=source.page))
            continue
        row = glued_year_row(source.text, columns) if columns and source.cells is None else None
        if row is None and columns and source.cells is None and source.text.strip() \
                and len(source.text.strip()) <= MAX_GLUED_TITLE and "。" not in source.text:
            row = (source.text.strip(),)
        if row is None:
            columns = None
            out.append(source)
        else:
            out.append(SourceLine(cells=row, line=source.line, page=source.page))
    return out


def _spaced_kpi_tables(sources: list[SourceLine]) -> list[SourceLine]:
    """A KPI table printed with spaces between its cells (a PDF's text: 「指標名 現状値 目標値」 over 「オンライン予約件数
    - 1,000件」) becomes its rows: a line of header words, then each line that splits into as many cells, a name
    and its figures."""
    out: list[SourceLine] = []
    header: tuple[str, ...] | None = None
    for source in sources:
        row = kpi_row_cells(header, source.text) if header and source.cells is None and source.text.strip() else None
        if row is None:
            header = kpi_header_cells(source.text) if source.cells is None else None
            out.append(SourceLine(cells=header, line=source.line, page=source.page) if header else source)
        else:
            out.append(SourceLine(cells=row, line=source.line, page=source.page))
    return out


def _rows_of_cell_lines(sources: list[SourceLine], lines: list[str]) -> list[SourceLine]:
    """A table printed one cell per line between pipe lines (pipeline/cell_lines.py) becomes its rows, each
    on the line its first cell starts on."""
    for start, end in reversed(cell_runs(lines)):
        found = rows_of(cells_of(lines[start:end], start))
        starts = [row[0].line for row in found] + [end]
        rows = [SourceLine(cells=tuple(c.text for c in row), line=row[0].line + 1,
                           end_line=_last_printed(lines, row[0].line, next_start) + 1)
                for row, next_start in zip(found, starts[1:])]
        inside = [k for k, s in enumerate(sources) if s.line is not None and start < s.line <= end]
        if inside:
            sources = sources[:inside[0]] + rows + sources[inside[-1] + 1:]
    return sources


def _last_printed(lines: list[str], first: int, after: int) -> int:
    """The index of the last non-empty line from `first` up to (not including) `after`."""
    return next((k for k in range(after - 1, first, -1) if lines[k].strip()), first)


def _expand_dumps(sources: list[SourceLine]) -> list[SourceLine]:
    """A page dumped on one line becomes its pieces, each on that line's number (see dump_lines and
    glued_tables)."""
    out: list[SourceLine] = []
    for source in sources:
        if source.cells is not None:
            out.append(source)
            continue
        if is_glued_table(source.text):
            pieces = split_glued_table(source.text)
        elif is_dump(source.text):
            pieces = split_dump(source.text)
        else:
            out.append(source)
            continue
        for piece in pieces:
            if isinstance(piece, tuple):
                out.append(SourceLine(cells=piece, line=source.line, page=source.page))
            else:
                if out and out[-1].cells is not None:
                    out.append(SourceLine("", line=source.line, page=source.page))
                out.append(SourceLine(piece, line=source.line, page=source.page))
    return out


_PIPES_ONLY = regex.compile(r"^\s*\|+\s*$")


MIN_ROW_CELLS_CONTINUED = 3


def _ends_the_row_above(raw: str, above: SourceLine) -> bool:
    """「|」 alone under a row of several cells: the end of that row's last cell, empty, printed a line down
    (a label row such as 「達成度 |」 is a table's caption, and a pipe under it no cell)."""
    return bool(_PIPES_ONLY.match(raw)) and above.cells is not None and len(above.cells) >= MIN_ROW_CELLS_CONTINUED


def _is_pipe_line(raw: str) -> bool:
    body = raw.strip(" \u3000")
    return "|" in body and (body.endswith("|") or body.startswith("|")) and "\t" not in raw


def _is_open_pipe_row(body: str) -> bool:
    """A row of a web page's table as a converter prints it: cells ended by 「 |」, no leading pipe, one
    line per row or per cell (「類 型 |」, 「- | 72 | 392 |」)."""
    return (body.endswith("|") or body.startswith("|")) and (bool(body.replace("|", "").strip())
                                                              or body.count("|") >= 2)


def _open_pipe_cells(raw: str, among_open_rows: bool = False) -> list[str]:
    """Cells of an open row. Among rows that end each cell with 「 |」, a leading pipe ends an empty first
    cell (「| 基準値 | 年度当初値 |」 under 「数値 | 0 | 0 |」)."""
    inner = raw.strip(" \u3000")
    inner = inner[1:] if inner.startswith("|") and not among_open_rows else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    cells = [c.strip() for c in inner.split("|")]
    # 「- | | | |」: a markdown bullet before an empty header row, not a cell of its own.
    if cells[0] in ("-", "*") and len(cells) > 2 and not any(cells[1:]):
        cells[0] = ""
    return cells


def _is_rule_row(cells: tuple[str, ...]) -> bool:
    return any(cells) and all(_RULE.match(c) or not c for c in cells)


def _join_continued_pipe_cells(sources: list[SourceLine], lines: list[str]) -> list[SourceLine]:
    """A web page's table printed with 「 |」 after each cell: a row whose cells hold line breaks comes out
    over several lines (「…の割合 | 97.0%(小) 98.2%(中) |」 then 「95.8%(小) 96.9%(中) |」 …). The table's
    width is its header's (the row above the 「---|---|」 rule) or its widest row; a row with fewer cells
    takes the following lines' cells while they fit. A cell broken inside (「2 | 112 | …参加者数 | 6.1万人」 then
    「(平成29年度) |」) is put together again. A header whose empty corner cell was printed last gets it back in front
    (_corner_first)."""
    lines = list(lines)
    out: list[SourceLine] = []
    i = 0
    while i < len(sources):
        if sources[i].cells is None or not _is_pipe_line(lines[i]):
            out.append(sources[i])
            i += 1
            continue
        end, kept = i, []
        while end < len(sources):
            if sources[end].cells is not None and _is_pipe_line(lines[end]) \
                    or _ends_the_row_above(lines[end], sources[end - 1]):
                if sources[end].cells is None:
                    sources[end] = SourceLine(cells=("",) * lines[end].count("|"), line=sources[end].line,
                                              page=sources[end].page)
                kept.append(end)
                end += 1
                continue
            broken = _broken_cell_end(lines, end)
            if broken is None:
                break
            lines[end] = "".join(line.strip(" \u3000") for line in lines[end:broken + 1])
            sources[end] = SourceLine(cells=tuple(_open_pipe_cells(lines[end])), line=sources[end].line,
                                      page=sources[end].page, end_line=sources[broken].line)
            kept.append(end)
            end = broken + 1
        if end < len(sources) and "|" in lines[end] and not any(line.strip() for line in lines[end + 1:]):
            # the text ends in the middle of the table's next row (「自殺死亡率 | 16.3人(2021年) | 12.2人」)
            sources[end] = SourceLine(cells=tuple(_open_pipe_cells(lines[end])), line=sources[end].line)
            kept.append(end)
            end += 1
        run = [sources[k] for k in kept]
        if any(not lines[k].strip(" \u3000").startswith("|") for k in kept):
            # Open rows: a leading 「- |」 is a cell holding a dash, not a list bullet.
            run = [replace(sources[k], cells=tuple(_open_pipe_cells(lines[k], among_open_rows=True))) for k in kept]
        out.extend(_pipe_table_rows(run))
        i = end
    return out


MAX_BROKEN_CELL_LINES = 3


def _broken_cell_end(lines: list[str], start: int) -> int | None:
    """Where a table's row that a line break cut inside a cell ends: 「2 | 112 | …参加者数 | 6.1万人」 (cells between
    pipes, the last one not ended) goes on to the next line that ends with 「|」 (「(平成29年度) |」), with no blank
    line or other pipe before it."""
    if lines[start].count("|") < 2 or _is_pipe_line(lines[start]) or "\t" in lines[start]:
        return None
    for k in range(start + 1, min(start + 1 + MAX_BROKEN_CELL_LINES, len(lines))):
        body = lines[k].strip(" \u3000")
        if not body or body.startswith("|"):
            return None
        if body.endswith("|"):
            return k if body.count("|") == 1 else None
        if "|" in body:
            return None
    return None


# A row's code printed as its first cell (「11102」, 「A-01」): the mark a table printed a cell a line repeats.
_ROW_CODE = regex.compile(r"^(?=\S*[0-9])[0-9A-Za-z\-]{3,12}$")
MIN_CODED_ROWS = 3


def _rows_by_code(run: list[SourceLine]) -> list[SourceLine] | None:
    """A table printed one cell a line, each cell ended by 「 |」, whose rows open with a code (「主要施策コード |」
    … 「11102 |」 「生涯学習推進協議会の設置 |」 …): the cells before the first code are the header, and every
    row is as wide, when the codes recur at that width at least MIN_CODED_ROWS times."""
    cells = [s.cells[0] if s.cells else "" for s in run]
    codes = [k for k, cell in enumerate(cells) if _ROW_CODE.match(cell)]
    width = codes[0] if codes else 0
    if width < 2 or len(codes) < MIN_CODED_ROWS or any(b - a != width for a, b in zip(codes, codes[1:MIN_CODED_ROWS])):
        return None
    rows = []
    for start in range(0, len(run), width):
        chunk = run[start:start + width]
        rows.append(SourceLine(cells=tuple(s.cells[0] if s.cells else "" for s in chunk), line=chunk[0].line,
                               page=chunk[0].page, end_line=chunk[-1].line if len(chunk) > 1 else None))
    return rows


_ROW_NUMBER = regex.compile(r"[0-9０-９]{1,3}")


def _rows_by_number(run: list[SourceLine]) -> list[SourceLine] | None:
    """A table printed one cell a line whose rows open with their numbers, 1, 2, 3 … (「項 目 |」 「目 標 |」 「1 |」
    「太陽光発電 |」 「2030年度までに…を目指す。 |」 「2 |」 …), the number column often without a header cell: the
    cells before 「1」 are the header, and each number starts a row as wide as the numbers are apart."""
    cells = [s.cells[0] if s.cells else "" for s in run]
    numbers = []
    for k, cell in enumerate(cells):
        if _ROW_NUMBER.fullmatch(cell.strip()) and int(fold(cell.strip())) == len(numbers) + 1:
            numbers.append(k)
    if len(numbers) < MIN_CODED_ROWS or numbers[0] == 0:
        return None
    width = numbers[1] - numbers[0]
    if width < 2 or any(b - a != width for a, b in zip(numbers, numbers[1:])) or len(cells) - numbers[-1] > width:
        return None
    starts = [0] + list(range(numbers[0], len(run), width))
    rows = [SourceLine(cells=tuple(cells[a:b]), line=run[a].line, page=run[a].page,
                       end_line=run[b - 1].line if b - a > 1 else None)
            for a, b in zip(starts, starts[1:] + [len(run)])]
    if len(rows[0].cells) == width - 1:  # the numbers' column has no header cell: an empty corner over it
        rows[0] = replace(rows[0], cells=("",) + rows[0].cells)
    return rows


def _pipe_table_rows(run: list[SourceLine]) -> list[SourceLine]:
    one_cell_a_line = len(run) >= MIN_CODED_ROWS * 2 and all(s.cells is not None and len(s.cells) == 1 for s in run)
    if not one_cell_a_line:
        return _continued_rows(run)
    return _rows_by_code(run) or _rows_by_number(run) or _rows_by_shape(run) or _continued_rows(run)


MAX_ROW_WIDTH = 8
MIN_SHAPED_ROWS = 2
MIN_SHAPE_SHARE = 0.8
_SENTENCE_CELL = regex.compile(r"[、。，．]|(?:する|します|ます|ない)$")


def _shape(cell: str) -> str:
    """What a cell holds, as the column it sits in would: nothing, a figure, a sentence or a few words."""
    cell = cell.strip()
    if not cell:
        return "empty"
    if _FIGURE_CELL.match(cell):
        return "figure"
    return "sentence" if _SENTENCE_CELL.search(cell) else "words"


_FIGURE_CELL = regex.compile(r"^[約概]?[-+▲△]?[0-9０-９]")


def _rows_by_shape(run: list[SourceLine]) -> list[SourceLine] | None:
    """A table printed one cell a line, each ended by 「 |」, without row codes (「項 目 |」 「平成26年度 数値目標 |」
    「対象施設 |」 「電気使用量(kWh) |」 「電気使用量を、…23.0%削減する |」 「全施設 |」 …): the width at which a header
    naming a KPI column heads rows whose cells hold the same kinds of thing column by column (most cells of each
    column the column's most common kind, and not every column the same kind)."""
    cells = [s.cells[0] for s in run]
    for width in range(2, MAX_ROW_WIDTH + 1):
        body = [tuple(cells[k:k + width]) for k in range(width, len(cells), width)]
        shapes = [tuple(map(_shape, row)) for row in body if len(row) == width]
        if len(shapes) < MIN_SHAPED_ROWS or not any(is_kpi_header_cell(cell.replace(" ", "")) for cell in cells[:width]):
            continue
        columns = [[shape[c] for shape in shapes] for c in range(width)]
        common = [max(set(column), key=column.count) for column in columns]
        alike = sum(column.count(kind) for column, kind in zip(columns, common))
        if alike >= MIN_SHAPE_SHARE * width * len(shapes) and len(set(common)) > 1:
            return [SourceLine(cells=tuple(cells[k:k + width]), line=run[k].line, page=run[k].page,
                               end_line=run[min(k + width, len(run)) - 1].line)
                    for k in range(0, len(cells), width)]
    return None


def _continued_rows(run: list[SourceLine]) -> list[SourceLine]:
    """The rows of a run of pipe lines, a row with fewer cells than the table taking the next lines' cells."""
    run = _header_a_cell_a_line(run)
    rule = next((k for k, s in enumerate(run) if _is_rule_row(s.cells)), None)
    header = rule - 1 if rule else None
    width = len(run[header].cells) if header is not None else max(len(s.cells) for s in run)
    rows: list[SourceLine] = []
    for k, source in enumerate(run):
        cells = _corner_first(source.cells) if k == header else source.cells
        previous = rows[-1] if rows else None
        # A row of as many cells as a row not yet continued is a row of its own: a form's label row and
        # its value row (「指標名 | 指標の分類 |」 / 「部会の設置数 | 活動指標 |」), not one row broken in two; unless
        # the two make exactly a row of the header's width (「1 | 111 | …利用者数 | 5万人 |」 / 「6万人 | … | … | … |」).
        own_row = previous is not None and previous.end_line is None and len(cells) == len(previous.cells) >= 2 \
            and not (header is not None and len(previous.cells) + len(cells) == width)
        if previous is not None and not _is_rule_row(previous.cells) and not _is_rule_row(cells) and not own_row \
                and len(previous.cells) < width and len(previous.cells) + len(cells) <= width:
            rows[-1] = SourceLine(cells=previous.cells + cells, line=previous.line, page=previous.page,
                                  end_line=source.line)
            continue
        rows.append(SourceLine(cells=cells, line=source.line, page=source.page))
    return rows


def _header_a_cell_a_line(run: list[SourceLine]) -> list[SourceLine]:
    """A header printed a cell a line above the 「---|---|---|」 rule (「指標 |」 「現況 2002年 |」 「中間年度の目標 2014年 |」):
    the lines of one cell right above it, as many as the rule has columns, are one row."""
    rule = next((k for k, s in enumerate(run) if _is_rule_row(s.cells)), None)
    width = sum(1 for c in run[rule].cells if c) if rule else 0
    start = rule
    while start and len(run[start - 1].cells) == 1 and rule - start < width:
        start -= 1
    if not rule or rule - start != width or width < 2:
        return run
    header = SourceLine(cells=tuple(s.cells[0] for s in run[start:rule]), line=run[start].line, page=run[start].page,
                        end_line=run[rule - 1].line)
    return run[:start] + [header] + run[rule:]


def _corner_first(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A header whose one empty cell, its corner, was printed last (「目標設定時 | R6年度末 | … | |」): the corner
    back in front. A header with other empty cells (「指標名 | 基準値 | | 目標値 | |」, each side over two
    columns) keeps them where they are."""
    if len(cells) > 1 and not cells[-1] and all(cells[:-1]):
        return ("",) + cells[:-1]
    return cells


MAX_WRAPPED_CELL_LINES = 3


def _join_wrapped_first_cells(sources: list[SourceLine]) -> list[SourceLine]:
    """A row whose first cell wrapped onto lines of its own: 「電子申請データと基幹システムの」 「連携」
    then 「<TAB>総務課<TAB>→…」 between rows of a table is one row, its first cell joined. Sentences (「…必要が
    あります。」) between two tables are prose, not a cell of the second table's header."""
    out: list[SourceLine] = []
    i = 0
    while i < len(sources):
        source = sources[i]
        previous = out[-1] if out else None
        if source.cells is None and source.text.strip() and previous is not None and previous.cells is not None:
            end = i
            while end < len(sources) and end - i < MAX_WRAPPED_CELL_LINES and sources[end].cells is None \
                    and sources[end].text.strip():
                end += 1
            row = sources[end] if end < len(sources) else None
            if row is not None and row.cells is not None and not row.cells[0].strip() \
                    and len(row.cells) == len(previous.cells) and not any("。" in s.text for s in sources[i:end]):
                first = "".join(s.text.strip() for s in sources[i:end])
                out.append(SourceLine(cells=(first, *row.cells[1:]), line=source.line, page=source.page))
                i = end + 1
                continue
        out.append(source)
        i += 1
    return out
