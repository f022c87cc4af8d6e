"""sections: the body's numbered headings as a tree, a heading repeated on every slide counted once, and
the chapters the 目次 lists at its top level without a number (用語解説), where the body prints their title
alone on a line; in a page without numbered headings, its bracketed and marked headings; and the captions
that head a series of KPI tables."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import regex

from extractors.kpi_tables import kpi_header, qualified_column_role
from extractors.leader_figures import LEADER_FIGURE
from extractors.result import Extraction
from pipeline.cleaning import fold
from pipeline.model import Block, Document
from pipeline.numbering import WORD_SCHEME, Label, label_of, ordinal, parse_heading, parse_label
from pipeline.records import Measure, TocEntry
from pipeline.records import Section as SectionRecord  # the stored row of a Section of the tree below
from pipeline.vocabulary import STATEMENT_ROLES, block_role, is_block_word, names_measures, vocabulary

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

# "-1", "- 3", "①" or "（…-2）" at the end of a title: the page number of a heading continued
# over several slides.
_CONTINUATION = regex.compile(r"(?:\s*[-－‐]\s*[0-9０-９]+|\s*[①-⑳]|\s*[（(][^（）()]*[-－][0-9０-９]+[）)])$")
# A note printed after a heading's title: "(2) 重点取組事項一覧 ※太枠内は国が…".
_TRAILING_NOTE = regex.compile(r"\s+※.*$")
# A second, deeper label inside a heading line: "3. 重点取組事項 ①利便性…", "4. 推進体制 (1) 組織体制".
_INNER_LABEL = regex.compile(r"[ \u3000](?=[（(][0-9０-９]+[）)]|[①-⑳])")
# A short unnumbered line, not a sentence, a note or a field, printed right above a KPI table: the title of
# what the table measures (「生涯学習の促進」 over its indicators).
_CAPTION = regex.compile(r"(?![(（※*＊])[^。、，,:：=＝\t|0-9０-９]{2,30}")
# Below every numbering (RANKS["caption"]): a caption heads only the table under it.
CAPTION = Label("", "caption")
# A bracketed heading of a document without numbered headings (RANKS["bracket"]).
BRACKET = Label("", "bracket")


@dataclass
class Section:
    seq: int
    label: Label
    title: str
    line: int | None
    page: int | None
    parent: "Section | None" = None
    level: int = 1
    spans: list[tuple[int, int]] = field(default_factory=list)  # block index ranges of its own body

    @property
    def base_title(self) -> str:
        return base_title(self.title)

    def body(self, blocks: list[Block]) -> list[Block]:
        return [b for start, end in self.spans for b in blocks[start:end]]


def base_title(title: str) -> str:
    """A title without its continuation marker: "社会背景①" -> "社会背景", "推進-1" -> "推進"."""
    stripped = _CONTINUATION.sub("", title).strip()
    return stripped or title


def _split_heading(label: Label, title: str) -> list[tuple[Label, str]]:
    """One line holding two headings becomes two (the second deeper than the first)."""
    for m in _INNER_LABEL.finditer(title):
        inner = parse_heading(title[m.end():])
        if inner and inner[0].rank > label.rank:
            return [(label, title[: m.start()].strip())] + _split_heading(*inner)
    return [(label, title)]


def toc_top_rank(toc_entries: list[TocEntry]) -> float | None:
    labels = [label_of(e.label) for e in toc_entries if e.label]
    ranks = [label.rank for label in labels if label]
    return min(ranks) if ranks else None


class TocIndex:
    """Look up body headings in the 目次: same label, same or prefixed title."""

    def __init__(self, entries: list[TocEntry]):
        self.entries = entries
        levels: list[TocEntry] = []
        self.parents: dict[int, TocEntry | None] = {}
        for e in entries:
            while levels and levels[-1].level >= e.level:
                levels.pop()
            self.parents[e.seq] = levels[-1] if levels else None
            levels.append(e)

    @staticmethod
    def matches(entry: TocEntry, label: Label | None, title: str) -> bool:
        entry_label = label_of(entry.label) if entry.label else None
        if (entry_label.key if entry_label else "") != (label.key if label else ""):
            return False
        a, b = fold(base_title(entry.title)), fold(base_title(title))
        return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))

    def find(self, label: Label | None, title: str) -> TocEntry | None:
        return next((e for e in self.entries if self.matches(e, label, title)), None)

    def parent(self, entry: TocEntry) -> TocEntry | None:
        return self.parents.get(entry.seq)


def is_overview(title: str) -> bool:
    """An overview (一覧, 概要, 体系) only repeats titles: its numbered lines are not headings. The
    plan's own summary (計画の概要) is a chapter, not an overview of measures."""
    return any(word in title for word in vocabulary().measures.overview_words) \
        and not any(word in title for word in vocabulary().metadata.plan_words)


def announces_measures(block: Block) -> bool:
    """A line, not a table or a numbered heading, naming the measures listed under it (「該当する施策」,
    【新たに実施する施策】, 具体的な施策): their list begins, and no block before it goes on."""
    return block.kind != "table" and block.label is None and names_measures(block.text)


def outline(doc: Document, toc_entries: list[TocEntry], block_parts: set[int] = frozenset()) -> list[Section]:
    """The section tree with, for each section, the blocks of its own body (read-only: it is shared).

    The 目次 is skipped. A heading numbered above the 目次's top level (a 第2章 quoted from another
    plan in a document whose chapters are "1.") is not a heading of this document, nor is a heading of a
    part of a block (`block_parts`, as block_part_headings gives them).
    """
    sections = _OutlineBuilder(doc, toc_entries, block_parts).build()
    _end_last_list_item(doc, sections)
    return sections


def _unnumbered_chapters(toc_entries: list[TocEntry]) -> dict[str, Label]:
    """Chapters the 目次 lists at its top level without a number (用語解説, 資料編 after 1 … 4): their
    titles (folded, without spaces) -> a label of the top level that prints as nothing. The body line
    that is exactly such a title starts that chapter, so what follows it (a glossary) is not the body of
    the last measure."""
    numbered = [e for e in toc_entries if e.label and label_of(e.label)]
    if not numbered:
        return {}
    top_level = min(e.level for e in toc_entries)
    top = min((label_of(e.label) for e in numbered), key=lambda label: label.rank)
    return {fold(e.title).replace(" ", ""): Label("", top.scheme, top.depth)
            for e in toc_entries if not e.label and e.level == top_level and e.title}


def _lone_schemes(doc: Document, toc_entries: list[TocEntry]) -> set[str]:
    """In a document with a 目次, a numbering the 目次 never uses that the body prints on one heading
    only is quoted (a heading of another plan), not this document's own."""
    if not toc_entries:
        return set()
    toc_schemes = {label.scheme for label in (label_of(e.label) for e in toc_entries if e.label) if label}
    counts: dict[str, int] = {}
    for block in doc.blocks:
        if block.kind == "heading" and block.label:
            parsed = parse_heading(block.text.replace("\t", " "))
            if parsed:
                counts[parsed[0].scheme] = counts.get(parsed[0].scheme, 0) + 1
    return {scheme for scheme, n in counts.items() if n == 1 and scheme not in toc_schemes}


def _as_read(block: Block) -> tuple[Label, str] | None:
    """The label and title the reader gave a heading whose text parses as none (「■施策1 電子申請の拡充」, 「【施策1】…」)."""
    label = label_of(block.label) if block.label and block.title else None
    return (label, block.title) if label else None


@dataclass
class _OutlineBuilder:
    """Builds the section tree of one document heading by heading: the sections so far, the open ones
    (stack) and where the body of the last one began."""
    doc: Document
    toc_entries: list[TocEntry]
    block_parts: set[int]
    sections: list[Section] = field(default_factory=list)
    stack: list[Section] = field(default_factory=list)
    current: Section | None = None
    span_start: int = 0

    def __post_init__(self):
        self.toc = TocIndex(self.toc_entries)
        self.toc_lines = {e.line for e in self.toc_entries}
        self.toc_end = max((line for line in self.toc_lines if line is not None), default=0)
        self.top_rank = toc_top_rank(self.toc_entries)
        self.unnumbered = _unnumbered_chapters(self.toc_entries)
        self.lone_schemes = _lone_schemes(self.doc, self.toc_entries)
        self.captions = _table_captions(self.doc.blocks)
        self.bracketed = _bracketed_sections(self.doc.blocks)
        self.placed = _placed_word_schemes(self.doc.blocks)

    def build(self) -> list[Section]:
        for index, block in enumerate(self.doc.blocks):
            parts = self._heading_parts(block) or self._caption_parts(index)
            if parts and self._opens_section(parts[0]):
                self._open(parts, block, index)
        if self.current is not None:
            self.current.spans.append((self.span_start, len(self.doc.blocks)))
        # A section without a parent whose numbering is not the document's top (its chapter page was
        # never printed) keeps the level its numbering has elsewhere in the document.
        ranks = sorted({s.label.rank for s in self.sections} | ({self.top_rank} if self.top_rank is not None else set()))
        for s in self.sections:
            s.level = s.parent.level + 1 if s.parent else 1 + sum(1 for r in ranks if r < s.label.rank)
        return self.sections

    def _heading_parts(self, block: Block) -> list[tuple[Label, str]] | None:
        """(label, title) of each section a block heads (「1-2 title」 heads 1 and 1-2), or None."""
        if block.line in self.toc_lines:
            return None
        chapter = self.unnumbered.get(fold(block.text).replace(" ", "")) if block.kind == "paragraph" else None
        if chapter is not None and (block.line or 0) > self.toc_end:
            return [(chapter, block.text.strip())]
        if block.line in self.bracketed:
            return [self.bracketed[block.line]]
        if block.kind != "heading" or block.label is None or part_key(block) in self.block_parts:
            return None
        parsed = parse_heading(block.text.replace("\t", " ")) or _as_read(block)
        if parsed is None or parsed[0].scheme in self.lone_schemes:
            return None  # 「2-5-5 ICTの利活用」 quoted from another plan inside a 目次'd document
        label, title = parsed
        if label.scheme not in _CHAPTER_SCHEMES and is_block_word(title) and self.stack \
                and self.stack[-1].label.scheme != label.scheme and not self.toc.find(label, title):
            # 「1.現状と課題」 under 「施策1 子育て支援」: a block of that measure, no section (「2 評価結果」 after
            # 「1 評価の方法」 is the next chapter)
            return None
        if label.scheme in self.placed:
            label = replace(label, placed=self.placed[label.scheme])
        return _split_heading(label, _TRAILING_NOTE.sub("", title))

    def _caption_parts(self, index: int) -> list[tuple[Label, str]] | None:
        return [(CAPTION, self.doc.blocks[index].text.strip())] if index in self.captions else None

    def _opens_section(self, first: tuple[Label, str]) -> bool:
        label = first[0]
        if self.top_rank is not None and label.rank < self.top_rank:
            return False
        if self.top_rank is not None and label.rank == self.top_rank and not self.toc.find(*first):
            return False  # a top-level heading the 目次 does not know: an overview row, not a chapter
        return not (self.stack and is_overview(self.stack[-1].title) and label.rank > self.stack[-1].label.rank)

    def _open(self, parts: list[tuple[Label, str]], block: Block, index: int) -> None:
        if self.current is not None:
            self.current.spans.append((self.span_start, index))
        for label, title in parts:
            self._close_to(label, title)
            parent = self.stack[-1] if self.stack else None
            existing = next((s for s in reversed(self.sections)
                             if s.parent is parent and s.label.key == label.key
                             and (base_title(title).startswith(s.base_title)
                                  or s.base_title.startswith(base_title(title)))), None)
            if existing is None:
                existing = Section(len(self.sections) + 1, label, title, block.line, block.page, parent,
                                   parent.level + 1 if parent else 1)
                self.sections.append(existing)
            elif all(start == end for start, end in existing.spans) \
                    and not any(s.parent is existing for s in self.sections):
                # First printed in a list of titles (a 体系), then again over its body: it starts there.
                existing.line, existing.page = block.line, block.page
            self.stack.append(existing)
            self.current = existing
        self.span_start = index + 1

    def _close_to(self, label: Label, title: str) -> None:
        """Close the open sections a heading of this rank ends."""
        stack = self.stack
        while stack and stack[-1].label.rank >= label.rank:
            stack.pop()
        entry = self.toc.find(label, title)
        if entry is not None and stack:
            # Trust the 目次 over a stack that misses a chapter page ("1. 推進体制" under 第4章,
            # whose heading the body never prints, is not under 第3章).
            toc_parent = self.toc.parent(entry)
            while stack and not (toc_parent and self.toc.matches(toc_parent, stack[-1].label, stack[-1].title)):
                stack.pop()


# Numberings of a plan's chapters: a chapter titled 現状と課題 is the plan's diagnosis, a section of its own (as is a
# heading its 目次 lists).
_CHAPTER_SCHEMES = ("chapter", "section", "dai")


def part_key(block: Block) -> int:
    """The block itself, told apart from every other (a page dumped on one line holds many blocks of one line, some
    of the same text): the stages read the document's own Block objects."""
    return id(block)


def block_part_headings(blocks: list[Block]) -> set[int]:
    """The headings that divide a block of statements, each by its part_key: under 「現況と課題」, 「(1)情報インフラ
    整備の促進」 and 「(2)情報の電子化促進」 each head paragraphs of the block, not sections of the plan. A numbered
    run starts right under the block's word with the first label of a series and goes on while each next
    heading is the next label of that series; a heading with nothing under it before the next makes the run a
    list of titles, no parts. Under 「■現状と課題」, a short marked line over paragraphs (「●キャリア教育の推進」) is
    the topic of the paragraphs under it, not an item of the block."""
    finder = _PartFinder()
    kept = [b for b in blocks if b.kind != "rule"]
    for index, block in enumerate(kept):
        finder.read(block, kept[index + 1] if index + 1 < len(kept) else None)
    finder.commit()
    return finder.parts


@dataclass
class _PartFinder:
    parts: set[int] = field(default_factory=set)
    run: list[Block] = field(default_factory=list)  # the numbered headings of the open run
    last: Label | None = None  # _UNDER_BLOCK_WORD right under a block word, _TOPIC, or the last label of a run
    empty: bool = False  # nothing under the run's last heading yet

    def read(self, block: Block, following: Block | None) -> None:
        if block.kind == "heading" and block.label and self.last is not None:
            parsed = parse_label(block.text)
            self.last = _next_in_run(self.last, parsed[0]) if parsed and not (self.run and self.empty) else None
            self.run, self.empty = (self.run + [block], True) if self.last is not None else ([], False)
        elif self.last in (_UNDER_BLOCK_WORD, _TOPIC) and _is_topic(block, following):
            self.parts.add(part_key(block))
            self.last = _TOPIC
        else:
            self.commit()
            opens = block.kind in ("paragraph", "list_item") and block_role(block.text) in STATEMENT_ROLES
            if opens or self.last is _UNDER_BLOCK_WORD:
                self.run, self.last = [], _UNDER_BLOCK_WORD if opens else None
            self.empty = False

    def commit(self) -> None:
        """The open run's headings are parts once something stands under the last of them."""
        if self.run and not self.empty:
            self.parts.update(part_key(b) for b in self.run)


# 「●キャリア教育の推進」: a mark and a short title, no sentence.
_TOPIC_LINE = regex.compile(r"^[●○◆◇■□]\s*[^、。\s]{2,25}$")


def _is_topic(block: Block, following: Block | None) -> bool:
    return block.kind == "list_item" and bool(_TOPIC_LINE.match(block.text.strip())) \
        and block_role(block.text) is None and following is not None and following.kind == "paragraph"


_UNDER_BLOCK_WORD = Label("", "block word")
_TOPIC = Label("", "topic")


def _next_in_run(run: Label, label: Label) -> Label | None:
    """`label` when it goes on the run (the first of a series right under the block word, or the next label
    of the run's series), else None."""
    number = ordinal(label)
    if run is _UNDER_BLOCK_WORD:
        return label if number == 1 else None
    return label if label.scheme == run.scheme and number is not None and number == (ordinal(run) or 0) + 1 else None


def _bracketed_sections(blocks: list[Block]) -> dict[int | None, tuple[Label, str]]:
    """line -> (label, title) of the bracketed and marked headings that head sections. In a document without
    numbered headings, the brackets and marks are its only structure: each 【…】 that is no block word, names
    no list of measures and has a list under it (「【5つのレスを推進】」 / 「- FAXレス実現済」), and each short line
    opened by a heading mark that no line with the same mark stands next to (「■行財政運営」 over 「▽投資的経費の
    抑制」 over its figures; a run of ● lines is a list). Which style is which level is the order the document
    first uses them in. Where numbered headings give the structure, a bracketed or marked line labels a part of
    a body (【主な取組(実証実験)】)."""
    if any(b.kind == "heading" and b.label for b in blocks):
        return {}
    styles: list[str] = []
    found = {}
    for index, block in enumerate(blocks):
        heading = _styled_heading(blocks, index)
        if heading is None:
            continue
        style, title = heading
        if style not in styles:
            styles.append(style)
        numbered = parse_heading(title)  # 〔事業No.54 人権・同和教育の推進〕: the label inside the brackets
        label, title = (numbered[0].text, numbered[1]) if numbered else ("", title)
        found[block.line] = (Label(label, BRACKET.scheme, styles.index(style)), title)
    return found


# Marks a page prints before a short heading line (「■行財政運営」, 「▽投資的経費の抑制」).
HEADING_MARKS = "■□◆◇▽▼◎"
_MARKED = regex.compile(rf"^(?P<mark>[{HEADING_MARKS}])\s*(?P<title>[^。、\s]{{2,30}})$")


def _styled_heading(blocks: list[Block], index: int) -> tuple[str, str] | None:
    """(style, title) of a bracketed or marked heading line, or None."""
    block = blocks[index]
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if block_role(block.text) is not None or names_measures(block.text) or following is None:
        return None
    if block.kind == "heading" and block.label is None and block.title and following.kind == "list_item":
        return "【】", block.title
    marked = _MARKED.match(block.text.strip()) if block.kind in ("paragraph", "list_item") else None
    if marked is None:
        return None
    previous = blocks[index - 1] if index else None
    if any(other is not None and other.text.strip().startswith(marked.group("mark"))
           and not LEADER_FIGURE.match(other.text.strip()) for other in (previous, following)):
        return None  # an item of a list of such lines (a figure line is no item: 「▽…交付率…79.28%」)
    return marked.group("mark"), marked.group("title")


def _placed_word_schemes(blocks: list[Block]) -> dict[str, float]:
    """Word labels a document first uses right under a deeper numbered heading (「(5) 防災・減災対策」 …
    「施策① 地域防災力の向上」): their scheme -> a rank just below that heading's, so that they sit under it rather
    than above it, where their word would rank them."""
    placed: dict[str, float] = {}
    seen: set[str] = set()
    previous: Label | None = None
    for block in blocks:
        if block.kind != "heading" or not block.label:
            continue
        parsed = parse_heading(block.text.replace("\t", " "))
        if parsed is None:
            continue
        label = parsed[0]
        if label.scheme.startswith(WORD_SCHEME) and label.scheme not in seen:
            seen.add(label.scheme)
            if previous is not None and not previous.scheme.startswith(WORD_SCHEME) and previous.rank > label.rank:
                placed[label.scheme] = previous.rank + 0.5
        previous = label
    return placed


def _table_captions(blocks: list[Block]) -> set[int]:
    """Indices of the captions that head KPI tables in a series: two or more with no heading between them
    (「生涯学習の促進」 and 「生涯スポーツの促進」 under 「2 成果指標達成状況」), each naming what its table measures.
    A lone one under a heading titles the table of that heading's body; in a page without headings, it is
    the only title there is."""
    series: dict[int, list[int]] = {}
    last_heading = -1
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            last_heading = index
        elif _is_caption(block, blocks[index + 1] if index + 1 < len(blocks) else None):
            series.setdefault(last_heading, []).append(index)
    return {index for heading, captions in series.items() if len(captions) >= 2 or heading < 0 for index in captions}


def _is_caption(block: Block, following: Block | None) -> bool:
    return block.kind == "paragraph" and following is not None and following.kind == "table" \
        and bool(_CAPTION.fullmatch(block.text.strip())) and block_role(block.text) is None \
        and qualified_column_role(block.text) is None and kpi_header(following) is not None \
        and not _rows_numbered(following)


def _rows_numbered(table: Block) -> bool:
    """A table whose rows open with a numbering label (第1項 | title | …) names its own parts: the line
    above it is its caption, not a part's title."""
    return any(parsed and not parsed[1] for parsed in (parse_label(row.cells[0]) for row in table.rows if row.cells))


def _end_last_list_item(doc: Document, sections: list[Section]) -> None:
    """A list of numbered items, each a heading with one paragraph under it (a web page's 「1 行政手続の
    電子化」 / 「…を目指します。」), ends with its last item's paragraph: what follows (the page's own
    prose, a table) belongs to the section around the list, not to the last item. A list of titles, one a
    line with nothing under any but the last, ends with the last title."""
    by_parent: dict[int | None, list[Section]] = {}
    for s in sections:
        by_parent.setdefault(s.parent.seq if s.parent else None, []).append(s)
    parents = {s.parent.seq for s in sections if s.parent}
    for siblings in by_parent.values():
        series = [s for s in siblings if s.label.scheme == siblings[-1].label.scheme]
        if len(series) < 2 or series[-1] is not siblings[-1] or any(s.seq in parents for s in series) \
                or len(series[-1].spans) != 1:
            continue
        kept = _list_end(series, [s.body(doc.blocks) for s in series])
        if kept is not None:
            _end_body(series[-1], kept)


def _list_end(series: list[Section], bodies: list[list[Block]]) -> int | None:
    """How many blocks of a list's last item are its own, when the items before show it: one paragraph, as each
    of theirs; none, when theirs are empty (「(1)…」 to 「(4)…」, titles one a line: 「・目標値」 after them is the
    page's). None when the list does not show it."""
    last = bodies[-1]
    if not last:
        return None
    if all(len(b) == 1 and b[0].kind == "paragraph" for b in bodies[:-1]) and len(last) > 1 \
            and last[0].kind == "paragraph":
        return 1
    if len(series) >= MIN_TITLE_LIST and not any(bodies[:-1]):
        return 0
    return None


MIN_TITLE_LIST = 3


def _end_body(last: Section, kept: int) -> None:
    """Keep the first `kept` blocks of a list's last item as its body; the rest goes to the section around."""
    start, end = last.spans[0]
    last.spans = [(start, start + kept)]
    if last.parent is not None:
        last.parent.spans.append((start + kept, end))


def block_sections(sections: list[Section]) -> dict[int, Section]:
    """The section whose own body holds each block (by block index)."""
    owner = {}
    for s in sections:
        for start, end in s.spans:
            for index in range(start, end):
                owner[index] = s
    return owner


def plan_level_blocks(doc: Document, sections: list[Section]) -> list[Block]:
    """Blocks of the plan's body outside every section: all of a page without headings; after the first
    heading, what no section owns (a KPI table after a list of measures that belongs to none of them).
    Blocks before the first heading (a cover, a 目次: cover_blocks) are no body."""
    owned = block_sections(sections)
    first = _first_heading(doc, sections)
    return [b for i, b in enumerate(doc.blocks) if i not in owned and i >= first]


def cover_blocks(doc: Document, sections: list[Section]) -> list[Block]:
    """The blocks before the first heading: a cover, a 目次, or a form's fields above its only heading."""
    return doc.blocks[:_first_heading(doc, sections)]


def _first_heading(doc: Document, sections: list[Section]) -> int:
    lines = {(s.line, s.page) for s in sections}
    return next((i for i, b in enumerate(doc.blocks) if (b.line, b.page) in lines), len(doc.blocks)) if sections else 0


def sheet_measure(measures: list[Measure]) -> int | None:
    """The seq of an evaluation sheet's one measure, named in a field rather than by a heading: all of
    the sheet outside headings is its body. None for any other document."""
    return measures[0].seq if len(measures) == 1 and measures[0].section_seq is None else None


def row_measures(doc: Document, measures: list[Measure]) -> dict[tuple[int | None, int | None], int]:
    """(line, page) of each table row -> the measure printed as that row or as a row above it in the same
    table (a measure named in a table row: 「第3項 | … | 27.1% | 29.0%」 and its continued row 「(2)NPO法人の数 |
    26団体 | 40団体」)."""
    at = {(m.line, m.page): m.seq for m in measures if m.section_seq is None and m.line is not None}
    owner: dict[tuple[int | None, int | None], int] = {}
    for table in (b for b in doc.blocks if b.kind == "table"):
        current = None
        for row in table.rows:
            current = at.get((row.line, row.page), current)
            if current is not None:
                owner[(row.line, row.page)] = current
    return owner


def measure_of(section: Section | None, measures: list[Measure]) -> int | None:
    """The seq of the measure a section is, or sits in (None for blocks outside every section); on an
    evaluation sheet, its one measure; None outside every measure."""
    measure_sections = {m.section_seq: m.seq for m in measures}
    while section is not None and section.seq not in measure_sections:
        section = section.parent
    return measure_sections[section.seq] if section else sheet_measure(measures)


def extract_sections(ctx: ExtractionContext) -> Extraction:
    result = Extraction()
    for s in ctx.sections:
        result.records.sections.append(SectionRecord(
            seq=s.seq, parent_seq=s.parent.seq if s.parent else None, level=s.level,
            label=s.label.text or None, title=s.base_title, line=s.line, page=s.page,
        ))
    return result

