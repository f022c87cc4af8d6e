"""toc: every line of the 目次 in order, with level, label, title, page and a sub-title line."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from extractors.kpi_tables import kpi_header
from extractors.result import Extraction
from pipeline.cleaning import fold
from pipeline.model import Block
from pipeline.numbering import Label, parse_label, tree_levels
from pipeline.patterns import TOC_LEADERS
from pipeline.records import TocEntry
from pipeline.vocabulary import vocabulary

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

_PAGE = regex.compile(rf"^(?P<body>.*?)\s*(?:{TOC_LEADERS}|\t|[ \u3000]{{2,}})\s*(?:[PpＰｐ][.．]?\s?)?(?P<page>[0-9]{{1,3}})\s*$")
_SENTENCE = regex.compile(r"[。．]\s*$")


@dataclass(frozen=True)
class TocLine:
    text: str
    line: int | None
    page: int | None


@dataclass(frozen=True)
class TocSettings:
    """Where a 目次 without its heading may start, and how long an entry may be."""

    max_entry_length: int = 50
    search_fraction: float = 0.25
    min_paged_entries: int = 3

    def __post_init__(self):
        if not 0 < self.search_fraction <= 1:
            raise ValueError(f"search_fraction must be in (0, 1]: {self.search_fraction}")


def _lines(blocks: list[Block]) -> list[TocLine]:
    out = []
    for block in blocks:
        if block.kind == "table":
            if kpi_header(block):
                continue  # its last column is a figure, not a page number
            for row in block.rows:
                cells = row.non_empty()
                if cells:
                    out.append(TocLine("\t".join(cells), row.line, row.page))
        elif block.kind != "rule":
            out.append(TocLine(block.text, block.line, block.page))
    return out


def parse_entry(text: str, settings: TocSettings) -> dict | None:
    """One 目次 line -> {label, title, page, rank, key} or None if it cannot be an entry."""
    text = text.strip()
    page = None
    m = _PAGE.match(text)
    if m and m.group("body").strip():
        text, page = m.group("body").strip(), int(m.group("page"))
    text = text.replace("\t", " ").strip()
    if not text or _SENTENCE.search(text) or len(text) > settings.max_entry_length:
        return None
    parsed = parse_label(text)
    label: Label | None = None
    title = text
    if parsed and parsed[1]:
        label, title = parsed
    return {"label": label.text if label else None, "title": title, "page": page,
            "rank": label.rank if label else None, "key": (label.key if label else "", fold(title))}


def _start(lines: list[TocLine], settings: TocSettings) -> int | None:
    headings = {fold(w) for w in vocabulary().toc.headings}
    for i, line in enumerate(lines):
        if fold(line.text) in headings:
            return i + 1
    # No 目次 heading: a run of paged entries near the top, pages never decreasing; it starts at
    # the numbered lines (第1章 …) just before its first page number.
    limit = min(len(lines), max(settings.min_paged_entries * 4, int(len(lines) * settings.search_fraction)))
    for i in range(limit):
        first = parse_entry(lines[i].text, settings)
        if first is None or first["page"] is None:
            continue
        pages = []
        for line in lines[i:i + settings.min_paged_entries * 3]:
            entry = parse_entry(line.text, settings)
            if entry is None:
                break
            if entry["page"] is not None:
                pages.append(entry["page"])
        if len(pages) >= settings.min_paged_entries and pages == sorted(pages):
            while i > 0 and (entry := parse_entry(lines[i - 1].text, settings)) and entry["label"]:
                i -= 1
            return i
    return None


def _ranks(entries: list[dict]) -> list[float | None]:
    """Ranks for the tree. An unnumbered entry between a numbered one and a deeper numbered one
    (第2章 / 施策体系 / 施策1) sits at the deeper one's level; any other unnumbered entry at the top."""
    ranks = [e["rank"] for e in entries]
    for i, rank in enumerate(ranks):
        if rank is not None:
            continue
        before = next((r for r in reversed(ranks[:i]) if r is not None), None)
        after = next((e["rank"] for e in entries[i + 1:] if e["rank"] is not None), None)
        if before is not None and after is not None and after > before:
            ranks[i] = after
    return ranks


def extract_toc(ctx: ExtractionContext) -> Extraction:
    settings = ctx.settings.toc
    lines = _lines(ctx.doc.blocks)
    start = _start(lines, settings)
    result = Extraction()
    if start is None:
        return result
    entries: list[dict] = []
    seen_keys: set = set()
    for line in lines[start:]:
        entry = parse_entry(line.text, settings)
        if entry is None:
            break
        if entry["key"] in seen_keys and entry["page"] is None:
            break  # the body begins: a heading that repeats an entry
        if entry["label"] is None and entry["page"] is None and entries:
            previous = entries[-1]
            previous["subtitle"] = (previous["subtitle"] + " " if previous["subtitle"] else "") + entry["title"]
            continue
        seen_keys.add(entry["key"])
        entry.update(line=line.line, source_page=line.page, subtitle=None)
        entries.append(entry)
    levels = tree_levels(_ranks(entries))
    for seq, (e, level) in enumerate(zip(entries, levels), start=1):
        result.records.toc_entries.append(TocEntry(
            seq=seq,
            level=level,
            label=e["label"], title=e["title"], subtitle=e["subtitle"], page=e["page"],
            line=e["line"], source_page=e["source_page"],
        ))
    return result
