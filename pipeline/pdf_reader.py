"""PDF -> Document through pdfplumber, the same model the text reader produces.

Each page gives text lines (characters grouped by baseline, overprinted characters removed, no
spaces invented between Japanese characters) and ruled tables (pdfplumber's table finder; a merged
cell is an empty cell). Then, over the whole document: running headers, footers and page numbers
are dropped, wrapped lines of one paragraph (or one table cell) are joined, a table that runs onto
the next page stays one table, and the lines go through the text reader's `blocks_from_lines`.

Provenance: `page` is the 1-based page. `line` numbers the lines in the reconstructed reading order
so that extractors can rely on order and adjacency as they do for text; `extract_all` drops it from
the records of a PDF, where only the page is a real place.
"""
from __future__ import annotations

import functools
import io
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from pipeline.cleaning import fold
from pipeline.errors import ReadError
from pipeline.layout import Atom, LayoutSettings, regions
from pipeline.model import Document
from pipeline.numbering import parse_heading, parse_label
from pipeline.pdf_bars import Ink, Lane, covered, kept_out, lane_of, page_ink, row_lanes, year_columns, year_groups
from pipeline.pdf_bars import key as shape_key
from pipeline.pdf_roadmaps import MIN_YEARS, Piece, roadmaps
from pipeline.patterns import BULLETS, MORE_BULLETS, NO_LINE_START, TOC_LEADERS, YEAR
from pipeline.pdf_guards import capped_streams, reference_cycle
from pipeline.settings import resolve_settings
from pipeline.text_reader import PRINTED_BULLET, SourceLine, TextReaderSettings, blocks_from_lines


@dataclass(frozen=True)
class PdfReaderSettings:
    max_pages: int = 2000
    # A compressed stream that inflates to more bytes is refused (a decompression bomb): pdf_guards.py.
    max_stream_size: int = 100_000_000
    # Refuse when more than this share of the characters have no Unicode mapping ((cid:NNN)).
    max_unmapped_share: float = 0.1
    # Running headers, footers and page numbers sit in this share of the page height at the top and
    # bottom, at the same height on at least this share of the pages.
    furniture_band: float = 0.12
    furniture_pages: float = 0.4
    # A line is full (its paragraph goes on) when the room left at its end, less the width of the
    # next line's first character or Latin word, is under this many font sizes.
    full_line_slack: float = 0.5
    # A baseline distance above this times the document's (or the text box's) own line pitch starts a
    # new paragraph.
    paragraph_pitch: float = 1.2
    # Columns (text boxes side by side): a vertical gutter at least this many font sizes wide, kept
    # open by bands of the page no further apart than column_band_gap font sizes.
    column_gap: float = 1.0
    column_band_gap: float = 2.5
    # A drawn shape is a box that holds text when it is at least this many font sizes wide and high.
    box_min_size: float = 1.0
    # Drawn schedule bars: a filled shape this many points high at most (and at least bar_min_height),
    # or a horizontal line at least bar_line_width wide; pieces of one bar (dashes, an arrow's head)
    # lie no more than bar_join points apart. A bar covers a year column when it spans at least
    # bar_cover of its width (a bar inside one column: the column holding most of it).
    bar_min_height: float = 2.0
    bar_max_height: float = 16.0
    bar_line_width: float = 2.0
    bar_join: float = 6.0
    bar_cover: float = 0.5
    text: TextReaderSettings = field(default_factory=TextReaderSettings)

    def __post_init__(self):
        if self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1: {self.max_pages}")
        if self.column_gap <= 0 or self.column_band_gap < 0 or self.box_min_size <= 0:
            raise ValueError(f"column_gap and box_min_size must be positive, column_band_gap not negative: {self}")
        if not 0 < self.bar_min_height <= self.bar_max_height or not 0 < self.bar_cover <= 1:
            raise ValueError(f"bar heights must be 0 < min <= max and bar_cover in (0, 1]: {self}")
        if self.max_stream_size < 1:
            raise ValueError(f"max_stream_size must be a number of bytes: {self.max_stream_size}")

    @classmethod
    def resolve(cls, settings: "PdfReaderSettings | dict | None") -> "PdfReaderSettings":
        return resolve_settings(cls, settings)


# Line-breaking rules of Japanese typesetting (JIS X 4051): NO_LINE_START never starts a line, and an
# opening bracket never ends one, so a line can end this much short of full.
OPENING = set("（「『【〔〈《([{")
_UNMAPPED = regex.compile(r"^\(cid:\d+\)$")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303F\uFF00-\uFFEF・ー]")
_LATIN_WORD = regex.compile(r"[!-~]+")
_PAGE_NUMBER = regex.compile(r"^[-–—‐－ー(（]?\s*(?:[pP]\.?\s*)?\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—‐－ー)）]?$")
# What starts a new line of its own even right after a full line: a bullet, a note, a numbered item.
_OWN_LINE_START = regex.compile(
    rf"^(?:[{BULLETS}{MORE_BULLETS}※【\-*+]|[\u2460-\u24FF\u2776-\u2793]"
    r"|[(（]\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[)）]|第\s*[0-9０-９一二三四五六七八九十]+\s*[章節部])")


# A 目次 line: its title, dot leaders, its page number.
_TOC_LINE = regex.compile(rf"^(?P<title>.*?\S)\s*{TOC_LEADERS}\s*(?:[PpＰｐ][.．]?\s?)?[0-9０-９]{{1,3}}\s*$")
# A footnote mark followed by the sentence it stands in (no space, colon or bracket after the number).
_MARK_IN_TEXT = regex.compile(r"^(?:※|\*)[0-9０-９¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=[^\s:：)）.．、])")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    first_unit: float  # width of what could not have fitted at the end of the line above
    page: int
    region: int = 0  # the page's layout region (a column, a text box): a paragraph stays in one
    right: float | None = None  # where a full line of its region ends (None: the document's margin)
    pitch: float | None = None  # its region's own line pitch in font sizes (None: the document's)


@dataclass
class _Table:
    rows: list[tuple[str, ...]]
    top: float
    page: int
    columns: tuple[float, ...]  # left edges of the columns
    drawn: dict[int, tuple[int, ...]] = field(default_factory=dict)  # row -> columns filled from drawn bars
    last_full: tuple[bool, ...] = ()  # per cell of the last row: its last line is full

    def split_row(self, row: tuple[str, ...]) -> bool:
        """Whether `row`, at the top of the next page, is the rest of this piece's last row broken by
        the page: text only in cells whose last line here was full (a new row has its own title)."""
        return (len(row) == len(self.last_full) and any(c.strip() for c in row)
                and all(full for c, full in zip(row, self.last_full) if c.strip()))

    def continued_by(self, other: "_Table") -> bool:
        """Whether `other` (at the top of the next page) goes on with this table: the same columns, and
        not a table of the same form started again (its first row a title numbered as this one's, as
        one measure sheet follows another)."""
        if len(self.columns) != len(other.columns) or any(
                abs(a - b) > 4 for a, b in zip(self.columns, other.columns)):  # edges snap by up to 3 pt
            return False
        scheme = _title_scheme(self.rows[0]) if self.rows else None
        return not (scheme and other.rows and not _same_row(other.rows[0], self.rows[0])
                    and _title_scheme(other.rows[0]) == scheme)


def _title_scheme(row: tuple[str, ...]) -> str | None:
    """The numbering of a title row (one cell filled, with a numbered heading: 「②証明書のコンビニ交付」)."""
    filled = [c for c in row if c.strip()]
    heading = parse_heading(filled[0].strip()) if len(filled) == 1 else None
    return heading[0].scheme if heading else None


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list  # _Line and _Table in reading order


def _char_is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _middle(ch: dict) -> float:
    return (ch["top"] + ch["bottom"]) / 2


def _group_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into printed lines (the same middle height, so a raised footnote number
    stays in its line), each sorted left to right."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(_middle(c), 1), c["x0"])):
        if lines and abs(_middle(lines[-1][0]) - _middle(ch)) <= max(ch["size"], lines[-1][0]["size"], 1) * 0.35:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


WIDE_GAP = 2.0  # font sizes between two characters of a line that no text sets apart but items printed apart


def _line_text(chars: list[dict]) -> str:
    """A line's characters as text: a space only where Latin words stand apart, never between kana/kanji;
    small digits raised above the line (a footnote's number) as superscript digits."""
    out = []
    previous = None
    size = max(c["size"] for c in chars)
    baseline = max(c["bottom"] for c in chars)
    for ch in chars:
        text = ch["text"]
        if text.isdigit() and ch["size"] < 0.8 * size and ch["bottom"] < baseline - 0.2 * size:
            text = text.translate(_SUPERSCRIPT)
        if previous is not None and not text.isspace() and not out[-1].isspace():
            gap = ch["x0"] - previous["x1"]
            if gap > 0.25 * ch["size"] and not (_char_is_cjk(text[0]) or _char_is_cjk(out[-1][-1])) \
                    or gap > WIDE_GAP * ch["size"]:  # two things printed on one line (a title, its department far right)
                out.append(" ")
        out.append(text)
        previous = ch
    return "".join(out)


def _first_unit_width(chars: list[dict]) -> float:
    """Width of what could not fit at the end of the line above: the first character or Latin word,
    with an opening bracket before it and a closing mark after it (neither may be split off)."""
    text = "".join(c["text"][0] for c in chars)
    end = 0
    while end < len(text):
        word = _LATIN_WORD.match(text, end) if not _char_is_cjk(text[end]) else None
        end = word.end() if word else end + 1
        if text[end - 1] not in OPENING:
            break
    while end < len(text) and text[end] in NO_LINE_START:
        end += 1
    word = _LATIN_WORD.match(text, end) if end < len(text) and text[end - 1] in "、。，．" else None
    if word:  # 「ト、SNS」: a Latin word run on after a comma stays with it
        end = word.end()
    return chars[end - 1]["x1"] - chars[0]["x0"]


def _make_line(chars: list[dict], page: int) -> _Line:
    size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
    visible = [c for c in chars if not c["text"].isspace()] or chars
    return _Line(_line_text(chars), visible[0]["x0"], chars[-1]["x1"], min(c["top"] for c in chars), size,
                 _first_unit_width(visible), page)


def _joined(previous: str, following: str) -> str:
    if previous.endswith((" ", "\u3000")) or not previous:
        return previous + following
    if previous[-1].isascii() and previous[-1].isalnum() and following[:1].isascii() and following[:1].isalnum():
        return previous + " " + following
    return previous + following


def _continues(previous: _Line, following: _Line, right_edge: float, settings: PdfReaderSettings) -> bool:
    """Whether `following` is the wrapped rest of `previous` (a full line, the same type size). A line
    may begin with a footnote mark run into the text (「※1の推進により」): the mark of a word at the end
    of the line above."""
    if abs(previous.size - following.size) > 0.5:
        return False
    if _OWN_LINE_START.match(following.text) and not _MARK_IN_TEXT.match(following.text):
        return False
    if _TOC_LINE.match(previous.text):  # a 目次 line's leaders run to the page number at the edge
        return False
    room = right_edge - previous.x1
    return room - following.first_unit < settings.full_line_slack * previous.size


def _ruled(x: float, rules: list[float]) -> float:
    """The printed vertical rule nearest to x: the table finder moves rules by up to 3 pt when it
    snaps them to the rules of other tables on the page."""
    near = [r for r in rules if abs(r - x) <= 3.5]
    return min(near, key=lambda r: abs(r - x)) if near else x


def _cell_text(inside: list[dict], bbox: tuple, rules: list[float],
               settings: PdfReaderSettings) -> tuple[str, bool]:
    """A cell's text: wrapped lines joined, printed line breaks kept as \\n; and whether its last line
    is full (the text may go on in the same cell on the next page)."""
    x0, x1 = _ruled(bbox[0], rules), _ruled(bbox[2], rules)
    if not inside:
        return "", False
    lines = [_make_line(group, 0) for group in _group_lines(inside)]
    padding = max(min(line.x0 for line in lines) - x0, 0)
    text = lines[0].text
    for previous, following in zip(lines, lines[1:]):
        if _continues(previous, following, x1 - padding, settings):
            text = _joined(text, following.text)
        else:
            text += "\n" + following.text
    last = lines[-1]
    full = x1 - padding - last.x1 < (1 + settings.full_line_slack) * last.size
    return text.strip(" "), full


def _inside(chars: list[dict], bbox: tuple) -> list[dict]:
    """The characters whose centre lies in bbox (x0, top, x1, bottom)."""
    x0, top, x1, bottom = bbox
    return [c for c in chars
            if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]


def _without_overprint(chars: list[dict]) -> list[dict]:
    """Drop a character printed again within 1 pt of itself (fake bold): what pdfplumber's
    dedupe_chars does, in one pass instead of a sort of every character."""
    kept, seen = [], {}
    for c in chars:
        row = round(c["top"])
        if any(abs(x - c["x0"]) <= 1 and abs(t - c["top"]) <= 1
               for r in (row - 1, row, row + 1) for x, t in seen.get((c["text"], r), ())):
            continue
        seen.setdefault((c["text"], row), []).append((c["x0"], c["top"]))
        kept.append(c)
    return kept


def _read_page(page, number: int, settings: PdfReaderSettings) -> tuple[_Page, int, int]:
    """One page's lines and tables in reading order, and its counts of characters and unmapped ones."""
    chars = _without_overprint([c for c in page.chars if c["text"]])
    unmapped = sum(1 for c in chars if _UNMAPPED.match(c["text"]))
    tables = _page_tables(page, chars, number, settings)
    in_tables = {id(c) for bbox, _ in tables for c in _inside(chars, bbox)}
    free = [c for c in chars if id(c) not in in_tables]
    drawn_tables, in_roadmaps = _roadmap_tables(page, free, number, settings)
    free = [c for c in free if id(c) not in in_roadmaps]
    items = _layout_items(page, free, tables + drawn_tables, number, settings)
    return _Page(number, float(page.width), float(page.height), items), len(chars), unmapped


_YEAR_MENTION = regex.compile(YEAR)


def _roadmap_tables(page, free: list[dict], number: int, settings: PdfReaderSettings) -> tuple[list, set[int]]:
    """Roadmaps drawn without a table (pipeline/pdf_roadmaps.py) as tables (bbox, table), and the ids of the
    characters they printed."""
    visible = [c for c in free if not c["text"].isspace()]
    if len(_YEAR_MENTION.findall("".join(c["text"] for c in visible))) < MIN_YEARS:
        return [], set()  # most pages: no row of years to look for
    size = Counter(round(c["size"], 1) for c in visible).most_common(1)[0][0]
    pieces = [Piece(min(c["x0"] for c in shown), min(c["top"] for c in shown), max(c["x1"] for c in shown),
                    max(c["bottom"] for c in shown), _line_text(shown), tuple(shown))
              for group in _group_lines(visible) for segment in _segments(group, settings.column_gap * size)
              if (shown := [c for c in segment if not c["text"].isspace()])]
    found = roadmaps(pieces, page_ink(page, settings), settings)
    tables = [(r.bbox, _Table(r.rows, r.bbox[1], number, r.columns, r.drawn)) for r in found]
    return tables, {id(c) for r in found for piece in r.pieces for c in piece.chars}


def _page_tables(page, chars: list[dict], number: int, settings: PdfReaderSettings) -> list[tuple[tuple, _Table]]:
    """The page's tables (bbox, table): pdfplumber's, found with drawn schedule bars taken out of the
    ruling lines, each row's cells with their text and the years a bar or a filled cell covers."""
    rules = sorted({e["x0"] for e in page.edges if e["orientation"] == "v"})
    ink = page_ink(page, settings)
    finder = page
    if ink:  # bars are no rules
        keys = kept_out(page, ink)
        if keys:
            finder = page.filter(lambda o: o.get("object_type") not in ("rect", "curve", "line") or shape_key(o) not in keys)
    tables = []
    for found in finder.find_tables():
        rows, full = [], ()
        for row in found.rows:
            cells = _row_cells(_held(row, chars, bool(ink)), row.cells, rules, settings)
            rows.append(tuple(text for text, _ in cells))
            full = tuple(f for _, f in cells)
        if rows:
            columns = tuple(sorted({round(cell[0], 1) for row in found.rows for cell in row.cells if cell}))
            drawn = {}
            if ink:
                rows, drawn = _drawn_rows(found, rows, _Drawing(ink, chars, rules), settings)
            rows, drawn, full = _by_year(found, rows, drawn, full)
            tables.append((found.bbox, _Table(rows, found.bbox[1], number, columns, drawn, full)))
    return tables


def _held(row, chars: list[dict], drawn: bool) -> list[list[dict]]:
    """The characters of each cell of a table row; on a page with drawn bars a label centred across a
    column rule goes whole to one cell."""
    row_chars = _inside(chars, row.bbox)
    held = [_inside(row_chars, cell) if cell else [] for cell in row.cells]
    return _whole_labels(held, row.cells, row_chars) if drawn else held


def _row_cells(held: list[list[dict]], cells: list, rules: list[float],
               settings: PdfReaderSettings) -> list[tuple[str, bool]]:
    """(text, whether it ran to the cell's edge) of each cell of a table row."""
    return [_cell_text(inside, cell, rules, settings) if cell else ("", False) for inside, cell in zip(held, cells)]


def _boxes(page, chars: list[dict], tables: list, size: float, settings: PdfReaderSettings) -> dict[int, list]:
    """Drawn shapes that hold text (text boxes, header bars, rounded frames), innermost only, with the
    characters printed in each: {index of the box: (bbox, chars)}. A page-sized background, a shape
    around a table and a shape around other boxes are no boxes."""
    least = settings.box_min_size * size
    area = float(page.width) * float(page.height)
    shapes = []
    for shape in list(page.rects) + list(page.curves):
        x0, top, x1, bottom = shape["x0"], shape["top"], shape["x1"], shape["bottom"]
        if x1 - x0 < least or bottom - top < least or (x1 - x0) * (bottom - top) > 0.8 * area:
            continue
        if any(x0 <= (b[0] + b[2]) / 2 <= x1 and top <= (b[1] + b[3]) / 2 <= bottom for b, _ in tables):
            continue  # around a table
        if any(b[0] <= (x0 + x1) / 2 <= b[2] and b[1] <= (top + bottom) / 2 <= b[3] for b, _ in tables):
            continue  # a cell's shading
        shapes.append((x0, top, x1, bottom))
    shapes = sorted(set(shapes), key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    if not shapes:
        return {}

    order = sorted(chars, key=_middle)
    heights = [_middle(c) for c in order]

    def assign(candidates):
        """Each character to the smallest shape around it (candidates come smallest first)."""
        held: dict[int, list] = {}
        owned: set[int] = set()
        for index in candidates:
            b = shapes[index]
            for c in order[bisect_left(heights, b[1]):bisect_right(heights, b[3])]:
                if id(c) not in owned and b[0] <= (c["x0"] + c["x1"]) / 2 <= b[2]:
                    owned.add(id(c))
                    held.setdefault(index, []).append(c)
        return held

    held = assign(range(len(shapes)))

    def contains(outer, inner):
        return outer[0] <= inner[0] + 1 and outer[1] <= inner[1] + 1 and outer[2] >= inner[2] - 1 and outer[3] >= inner[3] - 1

    innermost = sorted(i for i in held if not any(j != i and contains(shapes[i], shapes[j]) for j in held))
    held = assign(innermost)
    return {i: (shapes[i], held[i]) for i in held}


def _segments(line: list[dict], gap: float) -> list[list[dict]]:
    """A printed line cut where a gap at least `gap` wide stands between two characters."""
    out = [[line[0]]]
    for previous, ch in zip(line, line[1:]):
        if ch["x0"] - previous["x1"] >= gap and not ch["text"].isspace():
            out.append([])
        out[-1].append(ch)
    return out


def _layout_items(page, free: list[dict], tables: list, number: int, settings: PdfReaderSettings) -> list:
    """The page's lines and tables in reading order, region by region (pipeline/layout.py)."""
    visible = [c for c in free if not c["text"].isspace()]
    size = Counter(round(c["size"], 1) for c in visible).most_common(1)[0][0] if visible else 10.0
    atoms = _atoms(page, free, tables, size, settings)
    layout = LayoutSettings(gap=settings.column_gap * size, band_gap=settings.column_band_gap * size)
    items: list = []
    for index, region in enumerate(regions(atoms, layout, is_box=lambda a: a.payload[0] == "box")):
        found = _region_lines(region, index, number) + [a.payload[1] for a in region.atoms if a.payload[0] == "table"]
        items.extend(sorted(found, key=lambda item: item.top))
    return items


def _atoms(page, free: list[dict], tables: list, size: float, settings: PdfReaderSettings) -> list[Atom]:
    """What the layout is cut from: the pieces of printed lines outside boxes (cut at wide gaps), the
    text boxes with their characters, the tables."""
    boxes = _boxes(page, free, tables, size, settings)
    in_boxes = {id(c) for _, held in boxes.values() for c in held}
    atoms = []
    for group in _group_lines([c for c in free if id(c) not in in_boxes]):
        for segment in _segments(group, settings.column_gap * size):
            shown = [c for c in segment if not c["text"].isspace()]
            if shown:
                item = _item_kind("".join(c["text"] for c in shown[:8]))
                atoms.append(Atom(shown[0]["x0"], min(c["top"] for c in shown), max(c["x1"] for c in shown),
                                  max(c["bottom"] for c in shown), 1, ("chars", segment), item))
    for bbox, held in boxes.values():
        atoms.append(Atom(*bbox, len(_group_lines(held)), ("box", held)))
    for bbox, table in tables:
        atoms.append(Atom(*bbox, len(table.rows), ("table", table)))
    return atoms


def _item_kind(text: str) -> str:
    """A list item's kind of mark: its bullet, or the numbering scheme of its label (「①」 circled,
    「(1)」 paren); "" for a line that is no item."""
    if PRINTED_BULLET.match(text):
        return text[0]
    label = parse_label(text)
    return label[0].scheme if label and label[0].scheme in ("circled", "paren") else ""


def _region_lines(region, index: int, number: int) -> list[_Line]:
    """A region's printed lines, each knowing its region, the right edge a full line reaches there (a
    box's, less its inner margin) and the region's own line pitch."""
    chars = [c for a in region.atoms if a.payload[0] != "table" for c in a.payload[1]]
    lines = [_make_line(group, number) for group in _group_lines(chars)]
    lines = [line for line in lines if line.text.strip()]
    right = region.right
    if region.box is not None and lines:
        right = region.box.x1 - max(min(line.x0 for line in lines) - region.box.x0, 0)
    pitch = _region_pitch(lines) if region.box is not None or region.right is not None else None
    for line in lines:
        line.region, line.right, line.pitch = index, right, pitch
    return lines


def _region_pitch(lines: list[_Line]) -> float | None:
    """A text box's or column's own baseline distance within a paragraph, in font sizes: the smallest
    that occurs twice (None: too few lines to tell; the document's pitch holds)."""
    ratios = Counter(round((b.top - a.top) / a.size, 1) for a, b in zip(lines, lines[1:])
                     if abs(a.size - b.size) <= 0.5 and b.top > a.top)
    frequent = [r for r, n in ratios.items() if n >= 2]
    return min(frequent) if frequent else None


def _whole_labels(held: list[list[dict]], cells: list, row_chars: list[dict]) -> list[list[dict]]:
    """A short label printed across a rule (centred on a bar that spans two columns) goes whole to the
    cell its middle stands in, instead of being cut character by character."""
    where = {id(c): i for i, inside in enumerate(held) for c in inside}
    if not where:
        return held
    moved = False
    for run in _split_labels(row_chars, where):
        middle = (run[0]["x0"] + run[-1]["x1"]) / 2
        target = next((i for i, cell in enumerate(cells) if cell and cell[0] <= middle <= cell[2]), None)
        if target is not None:
            for c in run:
                where[id(c)] = target
            moved = True
    if not moved:
        return held
    out: list[list[dict]] = [[] for _ in held]
    for c in row_chars:
        if id(c) in where:
            out[where[id(c)]].append(c)
    return out


def _split_labels(row_chars: list[dict], where: dict[int, int]):
    """Runs of a row's characters (no wide gap inside) of at most 12 characters that the cells cut in two."""
    for line in _group_lines(row_chars):
        size = max(c["size"] for c in line)
        for run in _segments(line, 0.5 * size):
            run = [c for c in run if not c["text"].isspace() and id(c) in where]
            if run and len(run) <= 12 and len({where[id(c)] for c in run}) >= 2:
                yield run


@dataclass(frozen=True)
class _Drawing:
    """What a page's tables are read against for drawn bars: its shapes, characters and column rules."""
    ink: Ink
    chars: list[dict]
    rules: list[float]


def _drawn_rows(found, rows: list[tuple[str, ...]], drawing: _Drawing,
                settings: PdfReaderSettings) -> tuple[list[tuple[str, ...]], dict[int, tuple[int, ...]]]:
    """The rows with the empty year cells a drawn bar covers filled with 「→」, and the columns so filled
    by row. A label printed in or above a bar stays the text of its own year. A row whose bars stand
    stacked at two heights gives a row for each (the lower ones with empty leading cells, as a text
    prints a second bar on a line of its own); a bar over several rows fills each of them."""
    header, years = year_columns(rows)
    if not years:
        return rows, {}
    columns = {c for group in year_groups(found.rows[header].cells, years).values() for c in group}
    spans: dict[int, tuple[float, float]] = {}
    for row in [*found.rows[header + 1:], found.rows[header]]:  # a quarter's cells, not its year's
        for column, cell in enumerate(row.cells):
            if cell and column in columns:
                spans.setdefault(column, (cell[0], cell[2]))
    first_year = min(s[0] for s in spans.values())
    years = set(spans)
    out, drawn = list(rows[:header + 1]), {}
    for index in range(header + 1, len(rows)):
        row = found.rows[index]
        lanes = row_lanes(row.bbox[1], row.bbox[3], drawing.ink, first_year, settings)
        lines = _lane_rows(row, lanes, years, drawing, settings) if len(lanes) > 1 else [rows[index]]
        for cells, lane in zip(lines, lanes or [Lane(0.0, 0.0)]):
            cells, filled = _filled(cells, lane, spans, settings)
            if filled:
                drawn[len(out)] = filled
            out.append(cells)
    return out, drawn


def _by_year(found, rows: list[tuple[str, ...]], drawn: dict[int, tuple[int, ...]], full: tuple[bool, ...]):
    """A table whose years are each split into columns (quarters, months) under a header cell merged
    over them, as one column per year: the labels printed in a year's columns, a line each, or 「→」
    where a bar covers any of them; the row naming the quarters is left out. (rows, drawn, full)."""
    header, years = year_columns(rows)
    groups = year_groups(found.rows[header].cells, years) if years else {}
    if all(len(group) == 1 for group in groups.values()):
        return rows, drawn, full
    kept = [c for c in range(len(rows[0])) if not any(c in group[1:] for group in groups.values())]
    out, out_drawn = [], {}
    for index, cells in enumerate(rows):
        if index == header + 1 and _names_parts(cells, groups):
            continue
        texts = [_year_text(cells, groups[c], drawn.get(index, ())) if c in groups else (cells[c], False)
                 for c in kept]
        bars = tuple(i for i, (_, bar) in enumerate(texts) if bar)
        if bars:
            out_drawn[len(out)] = bars
        out.append(tuple(text for text, _ in texts))
    return out, out_drawn, tuple(any(full[c] for c in groups.get(c, (c,))) for c in kept) if full else full


def _names_parts(cells: tuple[str, ...], groups: dict[int, tuple[int, ...]]) -> bool:
    """Whether a row names the parts of the years (4-6月 …): text only in the years' columns."""
    parts = {c for group in groups.values() for c in group}
    filled = [c for c, text in enumerate(cells) if text.strip()]
    return len(filled) >= 2 and all(c in parts for c in filled)


def _year_text(cells: tuple[str, ...], group: tuple[int, ...], drawn: tuple[int, ...]) -> tuple[str, bool]:
    """A year's text from its columns, and whether it is a drawn 「→」."""
    labels = [cells[c].strip() for c in group if cells[c].strip() and not (c in drawn and cells[c].strip() == "→")]
    if labels:
        return "\n".join(labels), False
    return ("→", True) if any(c in drawn for c in group) else ("", False)


def _filled(cells: tuple[str, ...], lane: Lane, spans: dict[int, tuple[float, float]],
            settings: PdfReaderSettings) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A row's cells with 「→」 in each empty year column the lane's bars cover, and those columns."""
    out, filled = list(cells), []
    for x0, x1 in lane.stretches:
        for column in covered(x0, x1, spans, settings):
            if column < len(out) and not out[column].strip():
                out[column] = "→"
                filled.append(column)
    return tuple(out), tuple(sorted(filled))


def _lane_rows(row, lanes: list[Lane], years: set[int], drawing: _Drawing,
               settings: PdfReaderSettings) -> list[tuple[str, ...]]:
    """A row's cells once per lane of stacked bars: each year cell's characters go to the lane they
    label; the other cells' to the first."""
    held = _held(row, drawing.chars, True)
    out = []
    for number in range(len(lanes)):
        lane_held = [[c for c in inside if lane_of(_middle(c), lanes) == number] if column in years
                     else (inside if number == 0 else []) for column, inside in enumerate(held)]
        out.append(tuple(text for text, _ in _row_cells(lane_held, row.cells, drawing.rules, settings)))
    return out


def _furniture_key(line: _Line) -> tuple[str, int]:
    """What repeats from page to page: the text with its numbers as #, all page numbers alike, at the
    same height of the page (within 4 pt)."""
    text = regex.sub(r"\s+", "", line.text)
    return ("#page" if _PAGE_NUMBER.match(text) else regex.sub(r"\d+", "#", text)), round(line.top / 4)


def _drop_furniture(pages: list[_Page], settings: PdfReaderSettings) -> None:
    """Remove running headers, footers and page numbers: the first or last line of a page, in the
    page's top or bottom band, printed at the same height on many pages. A top line repeated so that
    is a heading of the document (_kept_heading) is kept once."""
    kept: dict[str, int] = {}  # heading text -> the one line kept
    for _ in range(2):  # a header over a header, a page number under a footer
        found, repeated = _repeated(pages, settings)
        shown: dict[tuple, set[str]] = {}  # a repeated line's texts: one, or its number changes
        for _, line, key in found:
            shown.setdefault(key, set()).add(fold(line.text))
        ids = {id(line) for _, line, key in found if key in repeated}
        body = _Body([i for page in pages for i in page.items if isinstance(i, _Line) and id(i) not in ids])
        removed = False
        for page, line, key in found:
            heading = len(shown[key]) == 1 and line.top < page.height / 2
            if key in repeated and not (heading and _kept_heading(line, key, body, kept)):
                page.items.remove(line)
                removed = True
        if not removed:
            break


def _repeated(pages: list[_Page], settings: PdfReaderSettings) -> tuple[list[tuple], set[tuple]]:
    """The furniture candidates (page, line, key), and the keys printed on enough pages to be furniture."""
    needed = max(2, settings.furniture_pages * len(pages))
    found = [(page, line, _furniture_key(line)) for page in pages for line in _furniture_candidates(page, settings)]
    counts = Counter(key for page in pages
                     for key in {_furniture_key(line) for line in _furniture_candidates(page, settings)})
    return found, {key for key, n in counts.items() if n >= needed or len(pages) == 1 and key[0] == "#page"}


class _Body:
    """What a document prints besides its repeated page furniture: its lines' texts, its headings'
    numbering schemes and its 目次 entries, each worked out when first asked."""

    def __init__(self, lines: list[_Line]):
        self.lines = lines

    @functools.cached_property
    def texts(self) -> set[str]:
        return {fold(line.text) for line in self.lines}

    @functools.cached_property
    def schemes(self) -> set[str]:
        return {heading[0].scheme for line in self.lines if (heading := parse_heading(line.text))}

    @functools.cached_property
    def toc(self) -> set[str]:
        """The titles of the lines that end in dot leaders and a page number, with and without their number."""
        return {key for line in self.lines if (entry := _TOC_LINE.match(line.text))
                for key in _title_keys(entry.group("title"))}


def _title_keys(text: str) -> set[str]:
    parsed = parse_label(text.strip())
    return {fold(text)} | ({fold(parsed[1])} if parsed and parsed[1] else set())


def _furniture_candidates(page: _Page, settings: PdfReaderSettings) -> list[_Line]:
    """The page's first line, if it is its first item and in its top band, and its last likewise."""
    lines = [i for i in page.items if isinstance(i, _Line)]
    band = settings.furniture_band * page.height
    out = []
    if lines and lines[0].top < band and lines[0] is page.items[0]:
        out.append(lines[0])
    if lines and lines[-1].top > page.height - band and lines[-1] is page.items[-1] and lines[-1] not in out:
        out.append(lines[-1])
    return out


def _kept_heading(line: _Line, key: tuple[str, int], body: _Body, kept: dict[str, int]) -> bool:
    """Whether a repeated top line of one text stays: the one kept (noted in `kept` when it is the first)
    of a heading printed atop its pages and nowhere else, that the 目次 lists or that is numbered as
    the body's headings are (a chapter heading atop each slide). Any other is a running header."""
    text = fold(line.text)
    if kept.get(text) == id(line):
        return True
    if text in kept or key[0] == "#page" or text in body.texts:
        return False
    heading = parse_heading(line.text)
    if _title_keys(line.text) & body.toc or heading is not None and heading[0].scheme in body.schemes:
        kept[text] = id(line)
        return True
    return False


def _right_edge(pages: list[_Page]) -> float:
    """Where full body lines end: the third-rightmost line end (one overlong line does not count),
    or, where no line is that long, the left margin mirrored (a page of short lines has no full one)."""
    lines = [i for page in pages for i in page.items if isinstance(i, _Line)]
    if not lines:
        return 0.0
    ends = sorted((line.x1 for line in lines), reverse=True)
    width = Counter(round(page.width) for page in pages).most_common(1)[0][0]
    return max(ends[min(2, len(ends) - 1)], width - min(line.x0 for line in lines))


def _line_pitch(pages: list[_Page]) -> float:
    """The document's own baseline distance within a paragraph, in font sizes: the smallest one that
    occurs three times (a short document gets at most 1.6, an ordinary line spacing)."""
    ratios = Counter()
    for page in pages:
        lines = [i for i in page.items if isinstance(i, _Line)]
        for a, b in zip(lines, lines[1:]):
            if abs(a.size - b.size) <= 0.5 and b.top > a.top:
                ratios[round((b.top - a.top) / a.size, 1)] += 1
    frequent = [r for r, n in ratios.items() if n >= 3]
    return min(frequent) if frequent else min([*ratios, 1.6])


def _text_top(pages: list[_Page]) -> float:
    """Where the text of a page begins: the highest top of a page's first item that another page shares
    (within 2 pt), or the highest of them."""
    tops = sorted(page.items[0].top for page in pages if page.items)
    shared = [t for i, t in enumerate(tops) if i and t - tops[i - 1] <= 2 or i + 1 < len(tops) and tops[i + 1] - t <= 2]
    return (shared or tops or [0.0])[0]


def _body_size(pages: list[_Page]) -> float:
    sizes = Counter(round(i.size, 1) for page in pages for i in page.items if isinstance(i, _Line))
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _same_row(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return [regex.sub(r"\s+", "", c) for c in a] == [regex.sub(r"\s+", "", c) for c in b]


def _source_lines(pages: list[_Page], settings: PdfReaderSettings) -> list[SourceLine]:
    """The document's printed lines in reading order: wrapped lines joined, tables continued across
    pages, and a line number left out where the page shows space between paragraphs (as a blank
    line of a text file would)."""
    writer = _LineWriter(settings, _right_edge(pages), _line_pitch(pages) * settings.paragraph_pitch)
    writer.text_top, writer.line_space = _text_top(pages), _body_size(pages) * _line_pitch(pages)
    for index, page in enumerate(pages):
        for position, item in enumerate(page.items):
            if isinstance(item, _Table):
                writer.table(item, continuing=position == 0 and index > 0)
            else:
                writer.text(item, first_on_page=position == 0)
        if not page.items or not isinstance(page.items[-1], _Table):
            writer.open_table = None  # a table goes on to the next page only from the foot of this one
    writer.flush_paragraph()
    return writer.out


class _LineWriter:
    """Writes the printed lines of a PDF, item after item, as the text reader's SourceLines."""

    def __init__(self, settings: PdfReaderSettings, right_edge: float, pitch: float):
        self.settings, self.right_edge, self.pitch = settings, right_edge, pitch
        self.out: list[SourceLine] = []
        self.number = 0
        self.paragraph: tuple[_Line, str, int, _Line] | None = None  # its last line, text, first page, first line
        self.open_table: _Table | None = None
        self.piece: _Table | None = None  # the part of that table on the page before
        self.text_top, self.line_space = 0.0, 0.0  # where a page's text begins; a body line's height

    def emit(self, **fields) -> None:
        self.number += 1
        self.out.append(SourceLine(line=self.number, **fields))

    def flush_paragraph(self) -> None:
        if self.paragraph:
            self.emit(text=self.paragraph[1], page=self.paragraph[2])
            self.paragraph = None

    def table(self, item: _Table, continuing: bool) -> None:
        """A table, or the part of the open table on a new page (its header row repeated, a row broken by
        the page joined to its start)."""
        self.flush_paragraph()
        table = self.open_table
        # A part on the next page starts where the page's text begins: space above it (an empty
        # paragraph) means a new table.
        continued = (table is not None and continuing and table.continued_by(item)
                     and item.top - self.text_top < 0.8 * self.line_space)
        if table is not None and not continued:
            self.emit(page=table.page)  # ends the table
        first = 0
        if continued and item.rows and _same_row(item.rows[0], table.rows[0]):
            first = 1  # the header row repeated on the new page
        if continued and first < len(item.rows) and self.piece.split_row(item.rows[first]) and self.out[-1].cells:
            broken = self.out.pop()  # a row broken by the page: its cells go on
            cells = tuple(_joined(a, b) if b else a for a, b in zip(broken.cells, item.rows[first]))
            self.out.append(SourceLine(cells=cells, line=broken.line, page=broken.page, drawn=broken.drawn))
            first += 1
        if not continued:
            self.open_table = item
        self.piece = item
        for row_index in range(first, len(item.rows)):
            self.emit(cells=item.rows[row_index], page=item.page, drawn=item.drawn.get(row_index, ()))

    def text(self, item: _Line, first_on_page: bool) -> None:
        """A line of text: it continues the open paragraph when it is close below it in the same region
        and the paragraph's last line ran to the edge; else it starts one, after a left-out line number
        where there is space between them or a list ends."""
        if self.open_table is not None:
            self.emit(page=item.page)
            self.open_table = None
        if self.paragraph:
            last = self.paragraph[0]
            limit = self.pitch if last.pitch is None else last.pitch * self.settings.paragraph_pitch
            close = (item.top - last.top) / last.size <= limit if last.page == item.page else first_on_page
            if last.page == item.page and last.region != item.region:
                close = False  # another column or text box
            edge = self.right_edge if last.right is None else last.right
            if close and _continues(last, item, edge, self.settings):
                self.paragraph = (item, _joined(self.paragraph[1], item.text), self.paragraph[2], self.paragraph[3])
                return
            first_line = self.paragraph[3]
            self.flush_paragraph()
            outdented = (PRINTED_BULLET.match(first_line.text) and not PRINTED_BULLET.match(item.text)
                         and item.x0 < first_line.x0 - 0.25 * first_line.size)
            if not close or last.page != item.page or outdented:
                self.number += 1  # the space between two paragraphs (or a list's end, as a blank line marks it)
        self.paragraph = (item, item.text, item.page, item)


def read_pdf(path: Path, data: bytes, settings: PdfReaderSettings | dict | None = None) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    settings = PdfReaderSettings.resolve(settings)
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError("truncated PDF (no %%EOF at the end: an incomplete download?)")
    cycle = reference_cycle(data)
    if cycle:
        raise ReadError(cycle)
    pages: list[_Page] = []
    chars = unmapped = 0
    try:
        with capped_streams(settings.max_stream_size), pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > settings.max_pages:
                raise ReadError(f"too many pages ({count}; the limit is {settings.max_pages})")
            for number, page in enumerate(pdf.pages, start=1):
                read, page_chars, page_unmapped = _read_page(page, number, settings)
                page.close()  # frees the page's parsed objects: memory stays flat over long files
                pages.append(read)
                chars += page_chars
                unmapped += page_unmapped
    except (ReadError, MemoryError):  # ours; the worker's memory limit (keikaku/worker.py)
        raise
    except RecursionError:
        raise ReadError("broken PDF: objects nested too deeply to read (a hostile file?)") from None
    except Exception as e:  # pdfminer raises many types for broken files; pdfplumber wraps some
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
        if isinstance(cause, ReadError):
            raise cause from None
        if isinstance(cause, RecursionError):
            raise ReadError("broken PDF: objects nested too deeply to read (a hostile file?)") from None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError("encrypted PDF (it needs a password to open)") from None
        raise ReadError(f"broken PDF ({type(cause).__name__}: {cause})".replace("\n", " ")[:200]) from None
    if not chars or not any(p.items for p in pages):
        raise ReadError("no text layer (a scanned PDF?): it needs OCR before Keikaku can read it")
    if unmapped > settings.max_unmapped_share * chars:
        raise ReadError(f"{unmapped} of {chars} characters have no Unicode mapping ((cid:NNN) glyphs): "
                        "the PDF's fonts cannot be read as text")
    _drop_furniture(pages, settings)
    lines = _source_lines(pages, settings)
    return Document(source=path.name, source_format="pdf", blocks=blocks_from_lines(lines, settings.text),
                    line_count=lines[-1].line if lines else 0, page_count=len(pages))
