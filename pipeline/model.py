"""The document model every reader produces and every extractor reads."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    """One row of a table: cells as printed (converter debris removed)."""

    cells: tuple[str, ...]
    line: int | None = None
    page: int | None = None
    end_line: int | None = None  # the last line of a row printed over several lines
    drawn: tuple[int, ...] = ()  # columns whose 「→」 is a bar drawn across them (PDF), not printed text

    def non_empty(self) -> list[str]:
        return [c for c in self.cells if c.strip()]


@dataclass(frozen=True)
class Block:
    """One ordered piece of a document.

    kind is one of BLOCK_KINDS. For a heading, `label` is its numbering as printed
    ("(1)", "①-1", "第3章", or None for a bracketed heading such as 【スケジュール】) and
    `title` the rest. `text` is always the whole cleaned line (cells joined by a tab for
    tables). `line` is the 1-based source line of a text source, `page` the 1-based page of
    a PDF source.
    """

    kind: str
    text: str
    line: int | None = None
    page: int | None = None
    rows: tuple[Row, ...] = ()
    label: str | None = None
    title: str | None = None
    indent: int = 0

    @property
    def where(self) -> dict:
        return {"line": self.line, "page": self.page}


BLOCK_KINDS = ("heading", "paragraph", "list_item", "table", "note", "rule")


@dataclass
class Document:
    """A read document: its blocks in reading order plus where it came from.

    For a PDF (`page_count` > 0), `line` numbers the lines in the reader's reading order: extractors
    may rely on it for order and adjacency, but it is no place in the file, so records keep the page.
    HTML, Word and Excel documents number their lines the same way and keep each line's place in
    `locations`, which records keep instead.
    """

    source: str
    source_format: str
    blocks: list[Block] = field(default_factory=list)
    line_count: int = 0
    page_count: int = 0
    nonempty_lines: int = 0  # printed (non-blank) lines of a text source
    # HTML, Word, Excel: `line` numbers the lines in reading order, as for a PDF, and this gives each
    # line's place in the file ("line 12" of the HTML, "paragraph 4", "table 2, row 3", "施策!C12").
    locations: dict[int, str] = field(default_factory=dict)

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]
