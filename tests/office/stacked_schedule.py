"""A schedule whose bars span several rows or stand stacked in one row, as plans draw them when items
share one schedule or when one item has two steps that overlap (検討 while 運用 begins).

Drawn with reportlab over a ruled table (the rules stay under the bars, as a layout program leaves
them). Each drawing's place is given below in row and year-column units; the hand reading of the
page is in schedule-multi-row-and-stacked-bars.txt, written from these drawings: the label in the
row and year where it stands, 「→」 in each other year a bar covers more than half of, in every row
it covers; two bars stacked in one row are two lines of that row (the lower one on a line of its
own, as a text prints a second bar), so a year both cover has both.
"""
from __future__ import annotations

from pathlib import Path

from schedule import FONT, HEADER_HEIGHT, LEFT, page_with_title, ruled_table, year_x

MEASURE = "③-1 情報システムの最適化"
LEAD = "庁内と施設のシステムを順に更新し、クラウドへの移行と電子化で運用の負担を減らします。"
# Rows: (title, height in points). A row of height 50 holds two bars, one over the other.
ROWS = [
    ("庁内ネットワークの更新", 34.0),
    ("無線LANの整備", 34.0),
    ("公共施設予約システム", 34.0),
    ("図書館システム", 34.0),
    ("施設管理システム", 34.0),
    ("電子契約の導入", 50.0),
    ("AI議事録作成", 50.0),
    ("ペーパーレス会議の推進", 34.0),
]

# Drawings: (kind, first row, last row, start, end, label, label offset, label row, lane, place).
# start / end in year-column units (0.0 = left edge of 令和6年度, 4.0 = right edge of 令和9年度); the label
# stands at start + offset in `label row`, "in" the bar (white) or "above" it. A bar over several rows
# runs from 6 pt below the first row's top rule to 6 pt above the last row's bottom rule. `lane` is
# None for such a bar or a bar centred in its row, 0 (upper) or 1 (lower) for two bars stacked in one row.
# Kinds: "bar" (a filled rectangle), "arrow" (a rectangle and a triangular head, two shapes),
# "pentagon" (one filled path with a pointed end), "dashed" (short rectangles), "thin" (a 1 pt line
# ending in a head).
DRAWINGS = [
    ("bar", 0, 1, 0.05, 1.95, "更新", 0.1, 0, None, "in"),
    ("arrow", 0, 1, 2.05, 3.95, "運用", 0.1, 0, None, "in"),
    # from 60 % into 令和6年度: 令和6年度 holds 40 % of the bar's width there, so it is not covered
    ("pentagon", 2, 4, 0.6, 3.95, "クラウド移行", 0.55, 3, None, "in"),
    ("bar", 5, 5, 0.05, 1.95, "検討", 0.1, 5, 0, "in"),
    ("arrow", 5, 5, 1.05, 3.95, "運用", 0.1, 5, 1, "in"),
    ("dashed", 6, 6, 0.05, 0.95, "試行", 0.1, 6, 0, "above"),
    ("thin", 6, 6, 0.7, 3.95, "本格運用", 0.4, 6, 1, "above"),
    ("arrow", 7, 7, 0.05, 3.95, "実施", 0.1, 7, None, "in"),
]

BLUE = (0.18, 0.40, 0.65)


def _row_top(table_top: float, row: int) -> float:
    """The PDF y of a row's top rule (y grows upwards)."""
    return table_top - HEADER_HEIGHT - sum(height for _, height in ROWS[:row])


def _extent(table_top: float, first: int, last: int, lane: int | None) -> tuple[float, float]:
    """(low, high) PDF y of a bar: over its rows, centred in its row, or in its lane of a row."""
    top, bottom = _row_top(table_top, first), _row_top(table_top, last + 1)
    if first != last:
        return bottom + 6, top - 6
    if lane is None:
        middle = (top + bottom) / 2
        return middle - 5.5, middle + 5.5
    high = top - 12 - 22 * lane
    return high - 11, high


def _triangle(c, x: float, low: float, high: float) -> None:
    middle, half = (low + high) / 2, (high - low) / 2 + 3
    path = c.beginPath()
    path.moveTo(x, middle + half)
    path.lineTo(x + min(1.6 * half, 14), middle)
    path.lineTo(x, middle - half)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _shape(c, kind: str, x0: float, x1: float, low: float, high: float) -> None:
    if kind == "bar":
        c.rect(x0, low, x1 - x0, high - low, stroke=0, fill=1)
    elif kind == "arrow":
        head = min(1.6 * ((high - low) / 2 + 3), 14)
        c.rect(x0, low, x1 - head - x0, high - low, stroke=0, fill=1)
        _triangle(c, x1 - head, low, high)
    elif kind == "pentagon":
        point = 16
        path = c.beginPath()
        path.moveTo(x0, low)
        path.lineTo(x1 - point, low)
        path.lineTo(x1, (low + high) / 2)
        path.lineTo(x1 - point, high)
        path.lineTo(x0, high)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
    elif kind == "dashed":
        x = x0
        while x < x1:
            c.rect(x, low + 2, min(8, x1 - x), high - low - 4, stroke=0, fill=1)
            x += 12
    elif kind == "thin":
        middle = (low + high) / 2
        c.setLineWidth(1)
        c.line(x0, middle, x1 - 7, middle)
        path = c.beginPath()
        path.moveTo(x1 - 7, middle + 4)
        path.lineTo(x1, middle)
        path.lineTo(x1 - 7, middle - 4)
        path.close()
        c.drawPath(path, stroke=0, fill=1)


def _drawing(c, table_top: float, kind, first, last, start, end, label, offset, label_row, lane, place) -> None:
    low, high = _extent(table_top, first, last, lane)
    c.setFillColorRGB(*BLUE)
    c.setStrokeColorRGB(*BLUE)
    _shape(c, kind, year_x(start), year_x(end), low, high)
    lx = year_x(start + offset) + 3
    c.setFont(FONT, 8)
    if place == "in":
        c.setFillColorRGB(1, 1, 1)
        if first != last:  # a label inside a bar over several rows stands in the middle of its row
            middle = (_row_top(table_top, label_row) + _row_top(table_top, label_row + 1)) / 2
            c.drawString(lx, middle - 3, label)
        else:
            c.drawString(lx, low + 3, label)
    else:
        c.setFillColorRGB(0, 0, 0)
        c.drawString(lx, high + 2.5, label)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.6)


def build(path: Path) -> None:
    c, top = page_with_title(path, MEASURE, LEAD)
    ruled_table(c, top, [_row_top(top, i) for i in range(len(ROWS) + 1)])
    for index, (title, height) in enumerate(ROWS):
        c.setFont(FONT, 9)
        c.drawString(LEFT + 4, _row_top(top, index) - height / 2 - 3, title)
    for drawing in DRAWINGS:
        _drawing(c, top, *drawing)
    c.showPage()
    c.save()


if __name__ == "__main__":
    import sys

    build(Path(sys.argv[1]))
