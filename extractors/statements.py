"""statements: the items of 現状 / 課題 / 現状・課題 / 対応方針 / 目指す姿 / 今後の取組や課題 / 効果 blocks.

A block opens at a line (or a table row's first cell, or the start of a line: 「効果 ・a ・b」) that
is one of those words in vocabulary.toml and runs until the next block word, heading, table, note or
rule. Each bullet is one item; lines that follow each other without a blank line are one item
wrapped by the layout. Where two headings come first and their items after them (two boxes side by
side on a slide), each item's kind is decided from its wording and marked inferred. A chapter-level
section titled 現状と課題 (in the body or in the 目次 above it) holds statements in its paragraphs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from extractors.result import Extraction
from extractors.schedules import read_header
from extractors.sections import Section, TocIndex, announces_measures, measure_of, part_key, plan_level_blocks
from extractors.targets import kpis_in_line
from pipeline.model import Block, Row
from pipeline.patterns import LEADING_MARKS as PRINTED_MARKS
from pipeline.records import Statement
from pipeline.sentences import ITEM_BULLET, describes_state, split_items
from pipeline.statuses import is_status_text
from pipeline.vocabulary import (STATEMENT_ROLES, WHAT_IS_ROLES, Role, block_role, glossed_word, is_kpi_column_word,
                                 leading_block_role, match_key, match_keys, vocabulary, without_number)

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

# Roles a chapter's title can give the paragraphs of its body.
CHAPTER_ROLES = WHAT_IS_ROLES
# Roles whose items describe a state; the others state a task or an intention.
STATE_ROLES = ("current_state", "state_and_issues", "effect", "progress")

LEADING_MARKS = regex.compile(rf"^{PRINTED_MARKS}+")
_STAR = regex.compile(r"^\s*\*(?=[^\s*0-9])")
_MARKDOWN_BULLET = regex.compile(r"^\s*[-－*]\s+")
_LATIN_START = regex.compile(r"[A-Za-z0-9]")
_LATIN_END = regex.compile(r"[A-Za-z0-9]$")
_DECORATION = regex.compile(r"^[\s【\[［■●◆◇□○◎★☆▼▽▶►▷〈《〔≪「『<＜]+|[\s】\]］○◎★☆〉》〕≫」』>＞]+$")
_LETTER_SPACED = regex.compile(r"\S(?:[ \u3000]+\S)+")
# 「(現状)」: a heading in round brackets; 「主な実績(目標1)」 keeps its note's brackets.
_ROUND = regex.compile(r"^[(（](?P<inside>[^()（）]+)[)）]$")


def kind_as_printed(heading: str) -> str:
    """The kind of a block as its heading prints it, without decoration: 【今後の取組や課題】 -> 今後の取組や課題,
    Vision(目指す姿) -> 目指す姿."""
    kind = glossed_word(heading) or _DECORATION.sub("", without_number(heading)) or heading.strip()
    if _LETTER_SPACED.fullmatch(kind):  # 「課 題」: a heading spelt out a letter a space is one word
        kind = regex.sub(r"\s", "", kind)
    round_ = _ROUND.match(kind)
    return round_.group("inside").strip() if round_ else kind


@dataclass
class _Open:
    """The block being read: its heading(s) and the items gathered so far."""
    headings: list[tuple[str, str]] = field(default_factory=list)  # (kind as printed, role)
    items: list[list[Block]] = field(default_factory=list)
    bullets_only: bool = False  # opened by 「効果 ・a ・b」: only bullets may follow
    bulleted: bool = False      # its items so far are bullets: a plain paragraph ends it
    mark: str | None = None     # the bullet mark of its items: another mark (■ after ・) ends it


def _join(blocks: list[Block]) -> str:
    text = ""
    for block in blocks:
        piece = LEADING_MARKS.sub("", block.text) if not text else block.text.strip()
        if text and _LATIN_START.match(piece) and _LATIN_END.search(text):
            text += " "
        text += piece
    return text


def _emit(block: _Open, found: list[tuple[Block, str, str, str, bool]]) -> None:
    if not block.headings or not block.items:
        return
    interleaved = len(block.headings) > 1
    if interleaved:
        state = next((h for h in block.headings if h[1] in STATE_ROLES), block.headings[0])
        task = next((h for h in block.headings if h is not state), block.headings[-1])
    for lines in block.items:
        text = _join(lines)
        if not text or _cell_debris(text):
            continue
        if interleaved:
            kind, role = state if describes_state(text) else task
        else:
            kind, role = block.headings[0]
        if role == Role.PROGRESS and kpis_in_line(text):
            continue  # 「…電子化率 7 %(令和1年度)→ 100 %(令和6年度)」 under 主な実績: a KPI's result (extractors/targets.py)
        found.append((lines[0], text, kind, role, interleaved))


# A statement says something in words; a table's cells printed one a line under a block word say a figure
# (「△112,300」), a grade (「A」), a number or a short label (「総務」, 「計画」) or a step (「実施」, 「→」).
MIN_STATEMENT_LENGTH = 3


def _cell_debris(text: str) -> bool:
    stripped = text.strip()
    if not _WORDS.search(stripped) or len(stripped) < MIN_STATEMENT_LENGTH or is_status_text(stripped):
        return True
    # 「実施△10,500」, 「管理職手当△1,700」: a step or a short label with its figure.
    words = _FIGURE.sub("", stripped).strip()
    return words != stripped and (not words or is_status_text(words)
                                  or len(words) <= MAX_LABEL_WITH_FIGURE and not _KANA.search(words))


_FIGURE = regex.compile(r"[△▲+\-－]?[0-9０-９][0-9０-９,，.．]*")
_KANA = regex.compile(r"\p{Hiragana}")
MAX_LABEL_WITH_FIGURE = 8


def _bullet_mark(text: str) -> str | None:
    m = ITEM_BULLET.match(_MARKDOWN_BULLET.sub("", text).lstrip())
    return m.group(0).strip() if m else None


def is_caption(block: Block, following: Block | None) -> bool:
    """A source line, a figure title, or a title printed right above a table that is not a schedule."""
    if any(block.text.startswith(w) for w in vocabulary().statements.caption_starts) \
            or _NUMBERED_FIGURE.match(block.text):
        return True
    return (following is not None and following.kind == "table" and block.line is not None
            and following.line is not None and following.line - block.line <= 2
            and read_header(following, None) is None)


# 「図 30 平成22年度 特定健診 年代別受診率 …」, 「表2-1 …」: a figure's or a table's number and title.
_NUMBERED_FIGURE = regex.compile(r"^[図表]\s?[0-9０-９]+(?:[-－][0-9０-９]+)?\s")

_MODIFIER = regex.compile(r"^[^\s。、:：]{1,10}[\p{Hiragana}]$")


def _modifier_line(previous: Block | None, heading: Block) -> Block | None:
    """The first line of a block heading printed over two lines: short, right above, ending in kana
    (「対応する」 「主な課題」)."""
    if previous is None or previous.kind != "paragraph" or previous.line is None or heading.line is None \
            or heading.line - previous.line != 1 or not _MODIFIER.match(previous.text.strip()):
        return None
    return previous


Found = tuple[Block, str, str, str, bool]  # (first block, text, kind as printed, role, inferred)


def statements_in_body(body: list[Block], block_parts: set[int] = frozenset()) -> list[Found]:
    """(first block, text, kind as printed, role, inferred) of every statement in a section's body; a heading of
    a part of a block (`block_parts`) leaves the block open."""
    reader = _BodyReader(block_parts=block_parts)
    for index, block in enumerate(body):
        reader.read(block, body[index - 1] if index else None, body[index + 1] if index + 1 < len(body) else None)
    reader.close_block()
    return reader.found


@dataclass
class _BodyReader:
    """Reads a body block by block: the open block and the statements found so far."""
    found: list[Found] = field(default_factory=list)
    current: _Open = field(default_factory=_Open)
    block_parts: set[int] = frozenset()
    last_line: int | None = None  # the line of the last item, for its wrapped rest

    def read(self, block: Block, previous: Block | None, following: Block | None) -> None:
        if block.kind == "table":
            self.close_block()
            self.found.extend(_table_statements(block))
            return
        if part_key(block) in self.block_parts:
            self.last_line = None  # 「(1)情報インフラ整備の促進」: the items under it are the block's
            return
        role = block_role(block.text)
        if role in STATEMENT_ROLES:
            self._open_block(block, role, previous)
            return
        if block.kind == "note" and self._star_item(block):
            return
        leading = leading_block_role(block.text)
        if role or leading or block.kind in ("heading", "note", "rule") or is_kpi_column_word(block.text) \
                or glossed_word(block.text):  # 「Value(行動指針)」: a heading, of no block we read
            self.close_block()
            if leading and leading[0] in STATEMENT_ROLES:
                self._field(block, *leading)
            return
        if self.current.headings:
            self._item(block, following)

    def _star_item(self, block: Block) -> bool:
        """「*夫婦や親子で…努めます。」 right under a block word, or after another such line: an item marked with an
        asterisk, which elsewhere marks a note. Read as an item when it is one."""
        star = _STAR.match(block.text)
        current = self.current
        if star is None or not current.headings or current.items and current.mark != "*":
            return False
        current.bulleted, current.mark = True, "*"
        current.items.append([Block("list_item", block.text[star.end():].strip(), block.line, block.page)])
        self.last_line = block.line
        return True

    def close_block(self) -> None:
        _emit(self.current, self.found)
        self.current = _Open()

    def _open_block(self, block: Block, role: str, previous: Block | None) -> None:
        kind = kind_as_printed(block.text)
        modifier = _modifier_line(previous, block)
        if modifier is not None:  # 「当該施策によって」 over 「解決すべき課題」: one heading on two lines
            kind = modifier.text.strip() + kind
            if self.current.items and self.current.items[-1] == [modifier]:
                self.current.items.pop()
        if self.current.items or self.current.bullets_only:
            self.close_block()
        self.current.headings.append((kind, role))
        self.last_line = None

    def _field(self, block: Block, role: str, rest: str) -> None:
        """「効果 ・a ・b」: the block word and its items on one line; only bullets may follow, unless the line ends a
        sentence (「■基本的方向 …を図る。」 in a dump, whose next line goes on with the block's next sentence)."""
        head = block.text.strip()[: len(block.text.strip()) - len(rest)]
        # 「効 果 …」: a heading spelt out a letter a space is one word.
        kind = kind_as_printed(regex.sub(r"\s", "", head).rstrip(":：_＿"))
        self.found.extend((block, item, kind, role, False) for item in split_items(rest))
        self.current = _Open([(kind, role)], bullets_only=not rest.rstrip().endswith("。"))

    def _item(self, block: Block, following: Block | None) -> None:
        current = self.current
        if _ends_block(block):
            self.close_block()
            return
        items = split_items(_MARKDOWN_BULLET.sub("", block.text))
        wrapped = self._wraps(block, items)
        mark = _bullet_mark(block.text)
        bullet = mark is not None or len(items) > 1
        if not (wrapped or bullet) and (current.bullets_only or current.bulleted) \
                or (mark and current.mark and mark != current.mark) or is_caption(block, following):
            self.close_block()
            return
        if wrapped:
            current.items[-1].append(block)
        elif bullet:
            current.bulleted = True
            current.mark = current.mark or mark
            current.items.extend([Block(block.kind, item, block.line, block.page)] for item in items)
        else:
            current.items.append([block])
        self.last_line = block.line


    def _wraps(self, block: Block, items: list[str]) -> bool:
        """A paragraph line right under an item not yet ended by 。 is its wrapped rest; so is one after a blank line
        that goes on with the sentence in kana (「…全国平均を目指し」 / 「ます。」 in a text with a blank line after each) or
        after an item that ends with a comma (「…便利になったね、」 / 「快適になったね…」)."""
        current = self.current
        if not (block.kind == "paragraph" and current.items and self.last_line is not None and block.line is not None
                and not current.items[-1][-1].text.rstrip().endswith("。") and len(items) == 1):
            return False
        unfinished = current.items[-1][-1].text.rstrip().endswith(("、", "，", ","))
        return block.line == self.last_line + 1 \
            or block.line == self.last_line + 2 and (unfinished or bool(_GOES_ON.match(block.text.strip())))


# 「ます。」, 「を推進します。」: the rest of a sentence, in kana.
_GOES_ON = regex.compile(r"^\p{Hiragana}")


def _ends_block(block: Block) -> bool:
    """A line that no block's items go on past: a row of field names, a line naming measures (具体的な施策), a part of
    the plan printed as a heading without a number (「計画の位置づけ」, 「計画期間」)."""
    return _is_label_row(block.text) or announces_measures(block) or _names_a_plan_part(block.text)


def _names_a_plan_part(text: str) -> bool:
    key = match_key(text.strip(_PART_FRAME))
    return bool(key) and key in match_keys((*vocabulary().statements.plan_parts, *vocabulary().metadata.period_headings))


_PART_FRAME = "【】[]［］■□●○◆◇ \u3000"


def _is_label_row(text: str) -> bool:
    """A dumped row of a form's field names, or a label printed letter-spaced (「成果 ・ 活動 指標 事 務 事 業
    手 段 根拠 法令」): mostly words of one or two letters between spaces, no sentence."""
    tokens = text.split()
    short = sum(1 for token in tokens if len(token) <= 2)
    return len(tokens) >= 4 and short * 3 >= len(tokens) * 2 and "。" not in text


_WORDS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}A-Za-z]")


def _table_statements(block: Block) -> list[Found]:
    """Rows whose first cell is a statement block word (現状 | ・… ・…): its items. A row of figures (実績 |
    45.3 | 48.0 in a table of years) says nothing in words."""
    found = []
    columns: tuple[str, ...] | None = None
    for row in block.rows:
        cells = row.non_empty()
        if len(cells) > 1 and all(block_role(cell) is not None for cell in cells):
            columns = row.cells  # 「課題 | 今後の取組」 over 「特になし | 引き続き…」: a block per column
            continue
        if columns is not None:
            found.extend(_column_statements(columns, row))
            continue
        role = block_role(cells[0]) if cells else None
        if role in STATEMENT_ROLES and len(cells) > 1 and any(_WORDS.search(cell) for cell in cells[1:]):
            kind = kind_as_printed(cells[0])
            # 「実績 | 地域の…体制整備 | 順次機能整備」: a row of years, each cell a statement of its own
            found.extend((Block("paragraph", item, row.line, row.page), item, kind, role, False)
                         for cell in cells[1:] for item in split_items(cell) if not _cell_debris(item))
    return found


def _column_statements(columns: tuple[str, ...], row: Row) -> list[Found]:
    """The cells of a row under a header of block words, each a statement of its column's block."""
    found = []
    for header, cell in zip(columns, row.cells):
        role = block_role(header)
        if role in STATEMENT_ROLES and _WORDS.search(cell):
            found.extend((Block("paragraph", item, row.line, row.page), item, kind_as_printed(header), role, False)
                         for item in split_items(cell))
    return found


def _chapter_role(section: Section, toc: TocIndex) -> tuple[str, str] | None:
    """(kind, role) when a section or the 目次 chapter it sits in is titled 現状と課題 or the like."""
    titles = [section.title]
    entry = toc.find(section.label, section.title)
    while entry is not None:
        entry = toc.parent(entry)
        if entry is not None:
            titles.append(entry.title)
    chapter_words = sorted(((w, r) for r in CHAPTER_ROLES for w in vocabulary().blocks[r]),
                           key=lambda wr: len(match_key(wr[0])), reverse=True)
    for title in titles[:1] + ([] if section.parent else titles[1:]):
        for word, role in chapter_words:
            if match_key(title).endswith(match_key(word)):
                return (word if title.endswith(word) else kind_as_printed(title)), role
    return None


def extract_statements(ctx: ExtractionContext) -> Extraction:
    doc, sections, measures = ctx.doc, ctx.sections, ctx.measures
    result = Extraction()
    toc = TocIndex(ctx.toc_entries)
    measure_sections = {m.section_seq for m in measures}
    in_measure = {s.seq for s in sections if measure_of(s, measures) is not None}
    with_measures_below = {p.seq for s in sections if s.seq in measure_sections for p in _ancestors(s)}
    found = []
    for s in sections:
        body = s.body(doc.blocks)
        measure_seq = measure_of(s, measures)
        statements = statements_in_body(body, ctx.block_parts)
        chapter = _chapter_role(s, toc)
        if chapter and not statements and s.seq not in in_measure and s.seq not in with_measures_below:
            statements = _chapter_statements(s, body, chapter)
        for block, text, kind, role, inferred in statements:
            found.append((measure_seq, block, text, kind, role, inferred))
    for block, text, kind, role, inferred in statements_in_body(plan_level_blocks(doc, sections), ctx.block_parts):
        found.append((measure_of(None, measures), block, text, kind, role, inferred))
    found.sort(key=lambda f: (f[1].page or 0, f[1].line or 0))
    for seq, (measure_seq, block, text, kind, role, inferred) in enumerate(found, start=1):
        result.records.statements.append(Statement(seq=seq, measure_seq=measure_seq, kind=kind, role=role, text=text,
                                                   inferred=int(inferred), line=block.line, page=block.page))
    return result


def _chapter_statements(section: Section, body: list[Block], chapter: tuple[str, str]) -> list[tuple]:
    """The paragraphs and list items of a chapter about what is (第2章 現状と課題), outside every measure:
    each a statement of the chapter's kind, inferred unless the title is the block word itself."""
    kind, role = chapter
    direct = block_role(section.title) is not None or section.title.endswith(kind)
    return [(b, LEADING_MARKS.sub("", b.text).strip(), kind, role, not direct)
            for i, b in enumerate(body) if (b.kind == "paragraph" or _in_list(body, i))
            and not is_caption(b, body[i + 1] if i + 1 < len(body) else None)]


def _in_list(body: list[Block], index: int) -> bool:
    """An item of a printed list (● …, two or more in a row); a lone ■ line is a caption or a title."""
    return body[index].kind == "list_item" and any(
        0 <= j < len(body) and body[j].kind == "list_item" for j in (index - 1, index + 1))


def _ancestors(section: Section):
    while section is not None:
        yield section
        section = section.parent
