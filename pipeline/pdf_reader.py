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

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

from pipeline.errors import ReadError
from pipeline.pdf_guards import capped_streams, reference_cycle
from pipeline.model import Document
from pipeline.settings import resolve_settings
from pipeline.text_reader import SourceLine, TextReaderSettings, blocks_from_lines


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
    # A baseline distance above this times the document's own line pitch starts a new paragraph.
    paragraph_pitch: float = 1.2
    text: TextReaderSettings = field(default_factory=TextReaderSettings)

    def __post_init__(self):
        if self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1: {self.max_pages}")
        if self.max_stream_size < 1:
            raise ValueError(f"max_stream_size must be a number of bytes: {self.max_stream_size}")

    @classmethod
    def resolve(cls, settings: "PdfReaderSettings | dict | None") -> "PdfReaderSettings":
        return resolve_settings(cls, settings)


# Line-breaking rules of Japanese typesetting (JIS X 4051): these never start a line, and an opening
# bracket never ends one, so a line can end this much short of full.
NO_LINE_START = set("、。，．・：；？！）」』】〕〉》ー々ゝゞっゃゅょぁぃぅぇぉッャュョァィゥェォ,.:;?!)]}%")
OPENING = set("（「『【〔〈《([{")
_UNMAPPED = regex.compile(r"^\(cid:\d+\)$")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303F\uFF00-\uFFEF・ー]")
_LATIN_WORD = regex.compile(r"[!-~]+")
_PAGE_NUMBER = regex.compile(r"^[-–—‐－ー(（]?\s*(?:[pP]\.?\s*)?\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–—‐－ー)）]?$")
# What starts a new line of its own even right after a full line: a bullet, a note, a numbered item.
_OWN_LINE_START = regex.compile(
    r"^(?:[・■□●○◆◇▪✓✔➢▶►◎※【\-*+]|[\u2460-\u24FF\u2776-\u2793]"
    r"|[(（]\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[)）]|第\s*[0-9０-９一二三四五六七八九十]+\s*[章節部])")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    first_unit: float  # width of what could not have fitted at the end of the line above
    page: int


@dataclass
class _Table:
    rows: list[tuple[str, ...]]
    top: float
    page: int
    columns: tuple[float, ...]  # left edges of the columns

    def continued_by(self, other: "_Table") -> bool:
        """Whether `other` (at the top of the next page) goes on with this table: the same columns."""
        return len(self.columns) == len(other.columns) and all(
            abs(a - b) <= 4 for a, b in zip(self.columns, other.columns))  # edges snap by up to 3 pt


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
            if gap > 0.25 * ch["size"] and not (_char_is_cjk(text[0]) or _char_is_cjk(out[-1][-1])):
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
    """Whether `following` is the wrapped rest of `previous` (a full line, the same type size)."""
    if abs(previous.size - following.size) > 0.5 or _OWN_LINE_START.match(following.text):
        return False
    room = right_edge - previous.x1
    return room - following.first_unit < settings.full_line_slack * previous.size


def _ruled(x: float, rules: list[float]) -> float:
    """The printed vertical rule nearest to x: the table finder moves rules by up to 3 pt when it
    snaps them to the rules of other tables on the page."""
    near = [r for r in rules if abs(r - x) <= 3.5]
    return min(near, key=lambda r: abs(r - x)) if near else x


def _cell_text(inside: list[dict], bbox: tuple, rules: list[float], settings: PdfReaderSettings) -> str:
    """A cell's text: wrapped lines joined, printed line breaks kept as \\n."""
    x0, x1 = _ruled(bbox[0], rules), _ruled(bbox[2], rules)
    if not inside:
        return ""
    lines = [_make_line(group, 0) for group in _group_lines(inside)]
    padding = max(min(line.x0 for line in lines) - x0, 0)
    text = lines[0].text
    for previous, following in zip(lines, lines[1:]):
        if _continues(previous, following, x1 - padding, settings):
            text = _joined(text, following.text)
        else:
            text += "\n" + following.text
    return text.strip(" ")


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
    tables = []
    rules = sorted({e["x0"] for e in page.edges if e["orientation"] == "v"})
    for found in page.find_tables():
        rows = []
        for row in found.rows:
            row_chars = _inside(chars, row.bbox)
            rows.append(tuple(_cell_text(_inside(row_chars, cell), cell, rules, settings) if cell else ""
                              for cell in row.cells))
        if rows:
            columns = tuple(sorted({round(cell[0], 1) for row in found.rows for cell in row.cells if cell}))
            tables.append((found.bbox, _Table(rows, found.bbox[1], number, columns)))
    in_tables = {id(c) for bbox, _ in tables for c in _inside(chars, bbox)}
    free = [c for c in chars if id(c) not in in_tables]
    lines = [_make_line(group, number) for group in _group_lines(free)]
    lines = [line for line in lines if line.text.strip()]
    items = sorted(lines + [t for _, t in tables], key=lambda item: item.top)
    return _Page(number, float(page.width), float(page.height), items), len(chars), unmapped


def _furniture_key(line: _Line) -> tuple[str, int]:
    """What repeats from page to page: the text with its numbers as #, all page numbers alike, at the
    same height of the page (within 4 pt)."""
    text = regex.sub(r"\s+", "", line.text)
    return ("#page" if _PAGE_NUMBER.match(text) else regex.sub(r"\d+", "#", text)), round(line.top / 4)


def _drop_furniture(pages: list[_Page], settings: PdfReaderSettings) -> None:
    """Remove running headers, footers and page numbers: the first or last line of a page, in the
    page's top or bottom band, printed at the same height on many pages."""
    def candidates(page: _Page):
        lines = [i for i in page.items if isinstance(i, _Line)]
        band = settings.furniture_band * page.height
        out = []
        if lines and lines[0].top < band and lines[0] is page.items[0]:
            out.append(lines[0])
        if lines and lines[-1].top > page.height - band and lines[-1] is page.items[-1] and lines[-1] not in out:
            out.append(lines[-1])
        return out

    needed = max(2, settings.furniture_pages * len(pages))
    for _ in range(2):  # a header over a header, a page number under a footer
        counts = Counter(key for page in pages for key in {_furniture_key(line) for line in candidates(page)})
        removed = False
        for page in pages:
            for line in candidates(page):
                key = _furniture_key(line)
                if counts[key] >= needed or (len(pages) == 1 and key[0] == "#page"):
                    page.items.remove(line)
                    removed = True
        if not removed:
            break


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


def _same_row(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return [regex.sub(r"\s+", "", c) for c in a] == [regex.sub(r"\s+", "", c) for c in b]


def _source_lines(pages: list[_Page], settings: PdfReaderSettings) -> list[SourceLine]:
    """The document's printed lines in reading order: wrapped lines joined, tables continued across
    pages, and a line number left out where the page shows space between paragraphs (as a blank
    line of a text file would)."""
    right_edge = _right_edge(pages)
    pitch = _line_pitch(pages) * settings.paragraph_pitch
    out: list[SourceLine] = []
    number = 0
    paragraph: tuple[_Line, str, int] | None = None  # its last printed line, its text, its first page
    table: _Table | None = None

    def emit(**fields):
        nonlocal number
        number += 1
        out.append(SourceLine(line=number, **fields))

    def flush_paragraph():
        nonlocal paragraph
        if paragraph:
            emit(text=paragraph[1], page=paragraph[2])
            paragraph = None

    for index, page in enumerate(pages):
        for position, item in enumerate(page.items):
            first_on_page = position == 0
            if isinstance(item, _Table):
                flush_paragraph()
                continued = table is not None and first_on_page and index > 0 and table.continued_by(item)
                if table is not None and not continued:
                    emit(page=table.page)  # ends the table
                rows = item.rows
                if continued and rows and _same_row(rows[0], table.rows[0]):
                    rows = rows[1:]  # the header row repeated on the new page
                if not continued:
                    table = item
                for row in rows:
                    emit(cells=row, page=item.page)
                continue
            if table is not None:
                emit(page=item.page)
                table = None
            if paragraph:
                last = paragraph[0]
                close = (item.top - last.top) / last.size <= pitch if last.page == item.page else first_on_page
                if close and _continues(last, item, right_edge, settings):
                    paragraph = (item, _joined(paragraph[1], item.text), paragraph[2])
                    continue
                flush_paragraph()
                if not close or last.page != item.page:
                    number += 1  # the space between two paragraphs
            paragraph = (item, item.text, item.page)
        last_item = page.items[-1] if page.items else None
        if not isinstance(last_item, _Table):
            table = None
    flush_paragraph()
    return out


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
