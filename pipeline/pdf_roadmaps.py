"""Roadmaps drawn without a table (a slide's ロードマップ): a row of year labels (「R6」 「R7」 「R8」 「R9」, each in its
own box), the items' titles left of the years, and under the years bars or arrows with their labels in or beside
them. Geometry only: the schedule table the drawing stands for, as rows of cells (pdf_reader makes it a table).

Each year's column is the box its label is printed in, or runs half way to its neighbours' labels. An item's row runs half way to the titles above
and below it. A label in a row stands in the year its middle is in; a bar or an arrow covers the years it spans
(pdf_bars.covered), each without a label of its own 「→」.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

import regex

from pipeline.eras import parse_year_label
from pipeline.patterns import YEAR
from pipeline.pdf_bars import Ink, covered

if TYPE_CHECKING:
    from pipeline.pdf_reader import PdfReaderSettings

MIN_YEARS = 3
# A year's label alone: 「R6」, 「令和6年度」, 「2026年度」.
_YEAR_LABEL = regex.compile(rf"^{YEAR}\s?(?:年度?)?末?$")
# Titles further apart than this many title heights end the roadmap.
MAX_ROW_GAP = 6.0


@dataclass(frozen=True)
class Piece:
    """A stretch of a printed line between wide gaps: its box, its text and its characters."""
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    chars: tuple

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Roadmap:
    bbox: tuple[float, float, float, float]
    rows: list[tuple[str, ...]]
    drawn: dict[int, tuple[int, ...]]  # row -> year columns filled from a bar
    columns: tuple[float, ...]          # left edges of the columns
    pieces: tuple[Piece, ...]           # what it printed (its characters are read nowhere else)


def roadmaps(pieces: list[Piece], ink: Ink, settings: PdfReaderSettings) -> list[Roadmap]:
    found = []
    for header in _year_rows(pieces):
        roadmap = _roadmap(header, pieces, ink, settings)
        if roadmap is not None:
            found.append(roadmap)
    return found


def _year_rows(pieces: list[Piece]) -> list[list[Piece]]:
    """Runs of MIN_YEARS or more year labels side by side at one height, the years one after another."""
    labels = sorted((p for p in pieces if _YEAR_LABEL.match(p.text.strip())), key=lambda p: (round(p.top), p.x0))
    rows: list[list[Piece]] = []
    for label in labels:
        row = next((r for r in rows if abs(r[0].top - label.top) <= 0.5 * (label.bottom - label.top)), None)
        if row is None:
            rows.append([label])
        else:
            row.append(label)
    found = []
    for row in rows:
        row.sort(key=lambda p: p.x0)
        years = [parse_year_label(p.text.strip()) for p in row]
        if len(row) >= MIN_YEARS and all(b == a + 1 for a, b in zip(years, years[1:])):
            found.append(row)
    return found


def _spans(header: list[Piece], ink: Ink) -> list[tuple[float, float]]:
    """Each year's column: the box its label is printed in (a slide's year header is a row of filled boxes), or
    else half way to its neighbours' labels."""
    boxes = [_box_of(p, header, ink) for p in header]
    if all(boxes):
        return [(box["x0"], box["x1"]) for box in boxes]
    middles = [p.middle[0] for p in header]
    step = median(b - a for a, b in zip(middles, middles[1:]))
    return [(m - step / 2, m + step / 2) for m in middles]


def _box_of(piece: Piece, header: list[Piece], ink: Ink) -> dict | None:
    """The filled shape a year's label is printed in, holding no other year's label (not a slide's background)."""
    def holds(shape: dict, p: Piece) -> bool:
        x, y = p.middle
        return shape["x0"] <= x <= shape["x1"] and shape["top"] <= y <= shape["bottom"]
    return next((s for s in (*ink.fills, *ink.bars) if holds(s, piece) and not any(holds(s, o) for o in header if o is not piece)),
                None)


def _titles(header: list[Piece], pieces: list[Piece], left: float) -> list[Piece]:
    """The items' titles: pieces under the years, left of them, near one another."""
    below = sorted((p for p in pieces if p.top > header[0].bottom and p.x0 < left and p.x1 <= left + 2), key=lambda p: p.top)
    titles: list[Piece] = []
    for piece in below:
        if titles and piece.top - titles[-1].bottom > MAX_ROW_GAP * (piece.bottom - piece.top):
            break
        titles.append(piece)
    return titles


def _bands(titles: list[Piece], header_bottom: float) -> list[tuple[float, float]]:
    bands = []
    for i, title in enumerate(titles):
        top = (titles[i - 1].bottom + title.top) / 2 if i else header_bottom
        bottom = (title.bottom + titles[i + 1].top) / 2 if i + 1 < len(titles) else title.bottom + (title.bottom - title.top)
        bands.append((top, bottom))
    return bands


def _roadmap(header: list[Piece], pieces: list[Piece], ink: Ink, settings: PdfReaderSettings) -> Roadmap | None:
    spans = _spans(header, ink)
    titles = _titles(header, pieces, spans[0][0])
    if not titles:
        return None
    bands = _bands(titles, header[0].bottom)
    rows: list[tuple[str, ...]] = [("", *(p.text.strip() for p in header))]
    drawn: dict[int, tuple[int, ...]] = {}
    used = [*header, *titles]
    for title, band in zip(titles, bands):
        labels = [p for p in pieces if _in_row(p, band, spans) and p not in header]
        cells, filled = _row_cells(labels, band, spans, ink, settings)
        if filled:
            drawn[len(rows)] = filled
        rows.append((title.text.strip(), *cells))
        used += labels
    if not drawn and not any(any(row[1:]) for row in rows[1:]):
        return None  # years over titles and nothing under the years: no roadmap
    bbox = (min(t.x0 for t in titles), min(p.top for p in header), spans[-1][1], bands[-1][1])
    return Roadmap(bbox, rows, drawn, (bbox[0], *(s[0] for s in spans)), tuple(used))


def _in_row(piece: Piece, band: tuple[float, float], spans: list[tuple[float, float]]) -> bool:
    return piece.x0 >= spans[0][0] - 2 and piece.x1 <= spans[-1][1] + 2 and band[0] <= piece.middle[1] <= band[1]


def _row_cells(labels: list[Piece], band: tuple[float, float], spans: list[tuple[float, float]], ink: Ink,
               settings: PdfReaderSettings) -> tuple[list[str], tuple[int, ...]]:
    """A row's year cells: each label in the year its middle is nearest, 「→」 in each other year a bar or an
    arrow of the row covers; and the columns (1 the first year's) filled so."""
    cells = ["" for _ in spans]
    for label in sorted(labels, key=lambda p: p.x0):
        column = min(range(len(spans)), key=lambda c: abs((spans[c][0] + spans[c][1]) / 2 - label.middle[0]))
        cells[column] = f"{cells[column]}\n{label.text.strip()}".strip()
    shapes = [s for s in (*ink.bars, *ink.fills) if band[0] <= (s["top"] + s["bottom"]) / 2 <= band[1]
              and s["x0"] >= spans[0][0] - 2 and s["x1"] <= spans[-1][1] + 2]
    arrows = {c for s in shapes for c in covered(s["x0"], s["x1"], dict(enumerate(spans)), settings)}
    filled = tuple(sorted(c + 1 for c in arrows if not cells[c]))
    for c in filled:
        cells[c - 1] = "→"
    return cells, filled
