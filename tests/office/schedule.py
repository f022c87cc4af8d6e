"""A schedule whose years are drawn, not written: bars and arrows across the fiscal-year columns of a
ruled table, with a label such as 「検討」 or 「運用」 in or above each, as plans print their 工程表.

Drawn with reportlab (the way a design office's layout program writes a PDF). What each bar covers is
given in column units below; the hand reading of the page is in schedule-drawn-bars.txt (written
from these drawings: the label in the year where it stands, 「→」 in each other year a bar covers more
than half of, or, for a bar inside one year, that year).
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "IPAexGothic"
FONT_FILE = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

TITLE = "緑ヶ丘町DX推進計画"
HEADING = "2. 重点取組事項"
MEASURE = "①-1 行政手続のオンライン化"
LEAD = "住民の利用が多い手続から順にオンライン化を進め、窓口の手続も書かずに済むよう改めます。"
YEARS = ["令和6年度", "令和7年度", "令和8年度", "令和9年度"]

# Each row: its title, plain texts by year column (0-3), and drawings. A drawing is
# (kind, start, end, label, label column offset or "centre", label place) with start/end in year-column
# units (0.0 = left edge of 令和6年度, 4.0 = right edge of 令和9年度); kind is "bar" (filled rectangle),
# "arrow" (filled rectangle with a triangular head), "dashed" (a row of short rectangles) or "line"
# (a thick stroked line with a head); the label stands at start + offset, "in" (white, inside the
# bar) or "above" it; "thin" and "thin_dashed" are 1 pt lines (solid, dashed) ending in a head.
ROWS = [
    ("電子申請システムの導入", {}, [
        ("bar", 0.03, 1.97, "導入", 0.1, "in"),
        ("arrow", 2.05, 3.95, "運用", 0.1, "above")]),
    ("手続のオンライン化の拡大", {}, [
        ("arrow", 0.03, 3.95, "順次拡大", 1.15, "in")]),
    ("書かない窓口の導入", {}, [
        ("bar", 0.7, 1.97, "検討", 0.45, "above"),
        ("arrow", 2.05, 3.7, "試行", 0.1, "in")]),
    ("マイナンバーカード交付体制の充実", {0: "実施"}, [
        ("dashed", 1.05, 3.97, "拡充", 0.1, "above")]),
    ("キャッシュレス決済の導入", {}, [
        ("bar", 0.2, 0.6, "調査", 0.0, "above"),
        ("line", 2.05, 3.95, "導入", 0.1, "above")]),
    # a label centred on its bar, printed across the rule between 令和6年度 and 令和7年度
    ("基幹系システムの標準化", {}, [
        ("bar", 0.1, 1.97, "要件定義", "centre", "in"),
        ("arrow", 2.05, 3.95, "移行", 0.1, "in")]),
    # thin arrows: a 1 pt line with a head, solid and dashed
    ("窓口の混雑状況の発信", {}, [
        ("thin", 1.05, 3.95, "実施", 0.1, "above")]),
    ("オープンデータの公開", {2: "公開"}, [
        ("thin_dashed", 0.05, 1.95, "準備", 0.1, "above")]),
]

LEFT, TITLE_WIDTH, YEAR_WIDTH = 56.0, 180.0, 75.0
HEADER_HEIGHT, ROW_HEIGHT = 22.0, 34.0


def year_x(units: float) -> float:
    """The PDF x of a point `units` year columns from the left edge of the first year column."""
    return LEFT + TITLE_WIDTH + units * YEAR_WIDTH


def _head(c, x: float, middle: float, half: float) -> None:
    path = c.beginPath()
    path.moveTo(x, middle + half)
    path.lineTo(x + 1.6 * half, middle)
    path.lineTo(x, middle - half)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _drawing(c, top: float, kind: str, start: float, end: float, label: str, offset: float, place: str) -> None:
    x0, x1 = year_x(start), year_x(end)
    low, high = top - 28, top - 17  # the bar's bottom and top (PDF y grows upwards)
    middle = (low + high) / 2
    c.setFillColorRGB(0.18, 0.40, 0.65)
    c.setStrokeColorRGB(0.18, 0.40, 0.65)
    if kind in ("bar", "arrow"):
        body = x1 - (1.6 * 7 if kind == "arrow" else 0)
        c.rect(x0, low, body - x0, high - low, stroke=0, fill=1)
        if kind == "arrow":
            _head(c, body, middle, 7)
    elif kind == "dashed":
        x = x0
        while x < x1:
            c.rect(x, low + 2, min(8, x1 - x), high - low - 4, stroke=0, fill=1)
            x += 12
    elif kind == "line":
        c.setLineWidth(4)
        c.line(x0, middle, x1 - 10, middle)
        _head(c, x1 - 10, middle, 6)
    elif kind in ("thin", "thin_dashed"):
        c.setLineWidth(1)
        if kind == "thin_dashed":
            c.setDash(4, 3)
        c.line(x0, middle, x1 - 7, middle)
        c.setDash()
        _head(c, x1 - 7, middle, 4)
    if offset == "centre":
        lx = (x0 + x1) / 2 - pdfmetrics.stringWidth(label, FONT, 8) / 2
    else:
        lx = year_x(start + offset) + 3
    if place == "in":
        c.setFillColorRGB(1, 1, 1)
        c.setFont(FONT, 8)
        c.drawString(lx, low + 3, label)
    else:
        c.setFillColorRGB(0, 0, 0)
        c.setFont(FONT, 8)
        c.drawString(lx, high + 3, label)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.6)


def page_with_title(path: Path, measure: str, lead: str):
    """A reportlab canvas on A4 with the plan's title lines, the measure and its lead; and the PDF y
    (growing upwards) where the schedule table's top rule goes."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_FILE))
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 72
    for text, size in ((TITLE, 16), ("令和6年3月", 10.5), ("緑ヶ丘町", 10.5), (HEADING, 12), (measure, 12), (lead, 10)):
        c.setFont(FONT, size)
        y -= size * 2.2
        c.drawString(LEFT, y, text)
    return c, y - 24


def ruled_table(c, top: float, row_rules: list[float]) -> None:
    """The schedule's rules (the header's and each row's bottom rule at `row_rules`) and its header row:
    取組 and the years."""
    right = year_x(len(YEARS))
    c.setLineWidth(0.6)
    for edge in [top] + row_rules:
        c.line(LEFT, edge, right, edge)
    for x in [LEFT] + [year_x(i) for i in range(len(YEARS) + 1)]:
        c.line(x, top, x, row_rules[-1])
    c.setFont(FONT, 9)
    c.drawString(LEFT + 4, top - 15, "取組")
    for i, year in enumerate(YEARS):
        c.drawCentredString(year_x(i + 0.5), top - 15, year)


def build(path: Path) -> None:
    c, top = page_with_title(path, MEASURE, LEAD)
    ruled_table(c, top, [top - HEADER_HEIGHT - ROW_HEIGHT * i for i in range(len(ROWS) + 1)])
    for index, (title, plain, drawings) in enumerate(ROWS):
        row_top = top - HEADER_HEIGHT - ROW_HEIGHT * index
        c.setFont(FONT, 9)
        c.drawString(LEFT + 4, row_top - 20, title)
        for column, text in plain.items():
            c.drawString(year_x(column) + 4, row_top - 20, text)
        for drawing in drawings:
            _drawing(c, row_top, *drawing)
    c.showPage()
    c.save()


if __name__ == "__main__":
    import sys

    build(Path(sys.argv[1]))
