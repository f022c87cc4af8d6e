"""Drawn schedule bars in a PDF's tables: which shapes are bars, where in a row they stand, which
fiscal-year columns they cover. Geometry only; pdf_reader turns it into cells.

A bar is a low filled shape (a bar, an arrow's body or head, a dash of a dashed bar), a thick
horizontal line or a thin one ending in an arrowhead, or a taller filled shape: Excel's filled
cells, and bars drawn over several rows of a ruled table. Bars stacked one over the other in a row
are lanes of that row; each lane is read as a line of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.eras import parse_year_label

if TYPE_CHECKING:
    from pipeline.pdf_reader import PdfReaderSettings


@dataclass(frozen=True)
class Ink:
    """A page's bar shapes (low shapes, bar lines) and other filled shapes (filled cells, tall bars)."""
    bars: list[dict]
    fills: list[dict]

    def __bool__(self) -> bool:
        return bool(self.bars or self.fills)


@dataclass
class Lane:
    """Bars at one height of a row: their vertical extent and the stretches [x0, x1] they cover."""
    top: float
    bottom: float
    stretches: list[list[float]] = field(default_factory=list)


def is_bar(obj: dict, settings: PdfReaderSettings) -> bool:
    """A drawn schedule bar or a piece of one: a low filled shape, or a thick horizontal line."""
    kind = obj.get("object_type")
    width, height = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    if kind == "line":
        return height <= 1 and (obj.get("linewidth") or 0) >= settings.bar_line_width and width >= 3 * settings.bar_join
    if kind in ("rect", "curve"):
        return bool(obj.get("fill")) and settings.bar_min_height <= height <= settings.bar_max_height and width >= 3
    return False


def key(obj: dict) -> tuple:
    return obj.get("object_type"), round(obj["x0"], 2), round(obj["top"], 2), round(obj["x1"], 2), round(obj["bottom"], 2)


def page_ink(page, settings: PdfReaderSettings) -> Ink:
    """The page's bars (is_bar, and thin horizontal lines that end in an arrowhead: a small filled
    shape at the same height touching one end) and its other filled shapes."""
    bars = [o for o in (*page.rects, *page.curves, *page.lines) if is_bar(o, settings)]
    heads = [o for o in bars if o.get("object_type") == "curve"]
    if heads:
        for line in page.lines:
            if line["bottom"] - line["top"] > 1 or is_bar(line, settings):
                continue
            y = line["top"]
            if any(abs((h["top"] + h["bottom"]) / 2 - y) <= 1.5
                   and (abs(h["x0"] - line["x1"]) <= settings.bar_join or abs(h["x1"] - line["x0"]) <= settings.bar_join)
                   for h in heads):
                bars.append(line)
    fills = [o for o in (*page.rects, *page.curves) if o.get("fill") and not is_bar(o, settings)
             and o["bottom"] - o["top"] > settings.bar_max_height]
    return Ink(bars, fills)


def kept_out(page, ink: Ink) -> set[tuple]:
    """The shapes the table finder must not take for rules: the bars, and the filled shapes that a
    printed rule runs through (a bar drawn over the rules of a table, not a cell's shading)."""
    keys = {key(o) for o in ink.bars}
    if ink.fills:
        flat = [o for o in page.lines if o["bottom"] - o["top"] <= 1] + \
               [{**r, "top": y, "bottom": y} for r in page.rects if r.get("stroke") and not r.get("fill")
                for y in (r["top"], r["bottom"])]
        upright = [o for o in page.lines if o["x1"] - o["x0"] <= 1] + \
                  [{**r, "x0": x, "x1": x} for r in page.rects if r.get("stroke") and not r.get("fill")
                   for x in (r["x0"], r["x1"])]
        keys |= {key(f) for f in ink.fills if _crossed(f, flat, upright)}
    return keys


def _crossed(shape: dict, flat: list[dict], upright: list[dict]) -> bool:
    """Whether a horizontal rule runs through the shape's inside, or an upright one does."""
    x0, top, x1, bottom = shape["x0"], shape["top"], shape["x1"], shape["bottom"]
    return any(top + 2 < r["top"] < bottom - 2 and min(x1, r["x1"]) - max(x0, r["x0"]) > 2 for r in flat) or \
        any(x0 + 2 < r["x0"] < x1 - 2 and min(bottom, r["bottom"]) - max(top, r["top"]) > 2 for r in upright)


def year_columns(rows: list[tuple[str, ...]]) -> tuple[int, set[int]]:
    """The header row among the first three that names two or more fiscal years, and its year columns."""
    for index, row in enumerate(rows[:3]):
        years = {i for i, cell in enumerate(row) if cell and len(cell) <= 24 and parse_year_label(cell) is not None}
        if len(years) >= 2:
            return index, years
    return -1, set()


def year_groups(header: list, years: set[int]) -> dict[int, tuple[int, ...]]:
    """Each year column with the columns its header cell spans (a year merged over its quarter or
    month columns): the year's column first, then the columns under it that start no header cell."""
    groups = {}
    for column in sorted(years):
        end = column + 1
        while end < len(header) and header[end] is None and end not in years:
            end += 1
        groups[column] = tuple(range(column, end))
    return groups


def row_lanes(top: float, bottom: float, ink: Ink, first_year: float, settings: PdfReaderSettings) -> list[Lane]:
    """The row's bars from top to bottom, one lane for each height at which bars stand (pieces of a
    lane nearer than bar_join joined): low bar shapes inside the row, and filled shapes over at least
    half of its height (Excel's filled cells, a bar over several rows) unless the row is shaded from
    before the years."""
    height = bottom - top
    pieces = [b for b in ink.bars
              if top <= (b["top"] + b["bottom"]) / 2 <= bottom and b["bottom"] - b["top"] <= 0.75 * height]
    filled = [f for f in ink.fills if min(bottom, f["bottom"]) - max(top, f["top"]) >= 0.5 * height] + \
             [f for f in ink.bars if f["bottom"] - f["top"] > 0.75 * height
              and f["top"] >= top - 1.5 and f["bottom"] <= bottom + 1.5]
    if not any(f["x0"] < first_year - 1.5 for f in filled):  # a shaded row (title too) is no bar
        pieces += [{**f, "top": max(top, f["top"]), "bottom": min(bottom, f["bottom"])} for f in filled]
    lanes: list[Lane] = []
    for piece in sorted(pieces, key=lambda p: p["top"]):
        if lanes and piece["top"] <= lanes[-1].bottom + 0.5:
            lanes[-1].bottom = max(lanes[-1].bottom, piece["bottom"])
            lanes[-1].stretches.append([piece["x0"], piece["x1"]])
        else:
            lanes.append(Lane(piece["top"], piece["bottom"], [[piece["x0"], piece["x1"]]]))
    for lane in lanes:
        lane.stretches = _joined(lane.stretches, settings.bar_join)
    return lanes


def _joined(stretches: list[list[float]], gap: float) -> list[list[float]]:
    joined: list[list[float]] = []
    for x0, x1 in sorted(stretches):
        if joined and x0 - joined[-1][1] <= gap:
            joined[-1][1] = max(joined[-1][1], x1)
        else:
            joined.append([x0, x1])
    return joined


def lane_of(middle: float, lanes: list[Lane]) -> int:
    """The lane a character at this height labels: the first whose bar is level with or below it
    (a label stands in or above its bar)."""
    return next((i for i, lane in enumerate(lanes) if middle <= lane.bottom), len(lanes) - 1)


def covered(x0: float, x1: float, spans: dict[int, tuple[float, float]], settings: PdfReaderSettings) -> list[int]:
    """The year columns a bar from x0 to x1 covers: each it covers for bar_cover of its width, or else the
    one holding most of the bar."""
    overlap = {c: min(x1, s[1]) - max(x0, s[0]) for c, s in spans.items()}
    found = [c for c, o in overlap.items() if o >= settings.bar_cover * (spans[c][1] - spans[c][0])]
    if not found and overlap and max(overlap.values()) > 0:
        found = [max(overlap, key=overlap.get)]
    return found
