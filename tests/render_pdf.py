"""Render a plan text as a published-looking PDF: the test fixtures of the PDF reader.

    python tests/render_pdf.py raw/000_….txt out.pdf

Typeset as a municipality's word processor would: A4, IPAex Gothic embedded, lines wrapped at
the margin (Latin words kept whole, no 。、・ at a line start), a little space for a blank line, tables ruled with wrapped cells, a run of empty first-column cells merged into the cell
above, a table that does not fit continued on the next page under its repeated first row, 【…】
headings in fake bold (each glyph printed twice), a running header and a page number on every page.
What is printed is the text as the text reader sees it (HTML fragments and markers removed).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import regex
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.cleaning import clean_inline  # noqa: E402
from pipeline.text_reader import _split_cells  # noqa: E402

FONT_FILES = ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
              "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")
FONT = "IPAexGothic"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
NO_LINE_START = set("、。，．・：；？！）」』】〕〉》ー々ゝゞっゃゅょぁぃぅぇぉッャュョァィゥェォ,.:;?!)]}%")
NO_LINE_END = set("（「『【〔〈《([{")
_UNIT = regex.compile(r"[!-~]+|\s|.")
_RULE_CELLS = regex.compile(r"^:?-{3,}:?$")


def font_file() -> str | None:
    return next((f for f in FONT_FILES if Path(f).exists()), None)


@dataclass(frozen=True)
class Layout:
    width: float = A4[0]
    height: float = A4[1]
    left: float = 56
    right: float = 56
    top: float = 72
    bottom: float = 64
    body_size: float = 10
    cell_size: float = 7.5
    leading: float = 1.5
    paragraph_space: float = 0.6
    cell_padding: float = 4


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy line breaking: Latin words stay whole, kinsoku characters never start a line."""
    lines: list[str] = []
    units: list[str] = []
    used = 0.0
    for unit in _UNIT.findall(text):
        w = pdfmetrics.stringWidth(unit, FONT, size)
        if used + w <= width or not units:
            units.append(unit)
            used += w
            if used > width and len(unit) > 1:  # one word wider than the line: break inside it
                units.pop()
                used -= w
                for ch in unit:
                    cw = pdfmetrics.stringWidth(ch, FONT, size)
                    if used + cw > width and units:
                        lines.append("".join(units))
                        units, used = [], 0.0
                    units.append(ch)
                    used += cw
            continue
        if unit.isspace():  # the space stays at the end of the line, as word processors keep it
            units.append(unit)
            lines.append("".join(units))
            units, used = [], 0.0
            continue
        carried: list[str] = []
        if unit[0] in NO_LINE_START and len(units) > 1:
            carried.insert(0, units.pop())
        while len(units) > 1 and units[-1][-1] in NO_LINE_END:
            carried.insert(0, units.pop())
        lines.append("".join(units))
        units = carried + [unit]
        used = sum(pdfmetrics.stringWidth(u, FONT, size) for u in units)
    if units:
        lines.append("".join(units))
    return lines


class Renderer:
    def __init__(self, path: Path, header: str, layout: Layout):
        self.layout = layout
        self.header = header
        self.canvas = canvas.Canvas(str(path), pagesize=(layout.width, layout.height))
        self.page = 0
        self.y = 0.0
        self._new_page()

    # pages
    def _new_page(self) -> None:
        lay = self.layout
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.canvas.setFont(FONT, 8)
        if self.header:
            self.canvas.drawRightString(lay.width - lay.right, lay.height - 36, self.header)
        self.canvas.drawCentredString(lay.width / 2, 32, f"- {self.page} -")
        self.y = lay.height - lay.top

    def _room(self, height: float) -> bool:
        return self.y - height >= self.layout.bottom

    def finish(self) -> None:
        self.canvas.save()

    # text
    def paragraph(self, text: str, indent: int = 0, bold: bool = False) -> None:
        lay = self.layout
        size = lay.body_size
        x = lay.left + indent * size / 2
        for line in wrap(text, lay.width - lay.right - x, size):
            if not self._room(size * lay.leading):
                self._new_page()
            self.y -= size * lay.leading
            self._draw_text(x, self.y, line, size)
            if bold:
                self._draw_text(x + 0.3, self.y, line, size)

    def _draw_text(self, x: float, y: float, text: str, size: float) -> None:
        """Superscript digits (a footnote's number) as small raised digits, as word processors print them."""
        for part in regex.split(f"([{SUPERSCRIPTS}]+)", text):
            if part and part[0] in SUPERSCRIPTS:
                small = size * 0.6
                digits = part.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
                self.canvas.setFont(FONT, small)
                self.canvas.drawString(x, y + size * 0.4, digits)
                x += pdfmetrics.stringWidth(digits, FONT, small)
            elif part:
                self.canvas.setFont(FONT, size)
                self.canvas.drawString(x, y, part)
                x += pdfmetrics.stringWidth(part, FONT, size)

    def lines(self, lines: list[tuple[int, str, bool]]) -> None:
        lay = self.layout
        height = sum(len(wrap(text, lay.width - lay.left - lay.right - indent * lay.body_size / 2, lay.body_size))
                     for indent, text, _ in lines) * lay.body_size * lay.leading
        if not self._room(height) and height <= lay.height - lay.top - lay.bottom:
            self._new_page()
        for indent, text, bold in lines:
            self.paragraph(text, indent, bold)

    def space(self) -> None:
        self.y -= self.layout.body_size * self.layout.paragraph_space

    # tables
    def table(self, rows: list[list[str]]) -> None:
        lay = self.layout
        columns = max(len(r) for r in rows)
        rows = [r + [""] * (columns - len(r)) for r in rows]
        widths = self._column_widths(rows)
        wrapped = [[self._cell_lines(c, w) for c, w in zip(row, widths)] for row in rows]
        heights = [max(len(lines) for lines in row) * lay.cell_size * lay.leading + 2 * lay.cell_padding
                   for row in wrapped]
        self.y -= lay.body_size * 0.3
        first_on_page = True
        for index, row in enumerate(wrapped):
            if not self._room(heights[index]):
                self._new_page()
                first_on_page = True
                if index > 0 and self._room(heights[0] + heights[index]):
                    self._draw_row(wrapped[0], rows[0], None, widths, heights[0], True, False)
                    first_on_page = False
            above = None if first_on_page else rows[index - 1]
            below_merges = (index + 1 < len(rows) and not rows[index + 1][0].strip()
                            and self._room(heights[index] + heights[index + 1]))
            self._draw_row(row, rows[index], above, widths, heights[index], first_on_page, below_merges)
            first_on_page = False
        self.y -= lay.body_size * lay.paragraph_space

    def _column_widths(self, rows: list[list[str]]) -> list[float]:
        lay = self.layout
        total = lay.width - lay.left - lay.right
        pad = 2 * lay.cell_padding
        natural = [max(max((pdfmetrics.stringWidth(p, FONT, lay.cell_size) for p in c.split("\n")), default=0)
                       for c in column) + pad + 1 for column in zip(*rows)]
        if sum(natural) <= total:
            return natural
        least = 3 * lay.cell_size + pad
        spare = total - least * len(natural)
        weights = [max(n - least, 0) ** 0.5 for n in natural]
        return [least + spare * w / (sum(weights) or 1) for w in weights]

    def _cell_lines(self, text: str, width: float) -> list[str]:
        inner = width - 2 * self.layout.cell_padding
        return [line for part in text.split("\n") for line in (wrap(part, inner, self.layout.cell_size) or [""])]

    def _draw_row(self, row, texts, above, widths, height, top_rule, below_merges=False) -> None:
        lay, c = self.layout, self.canvas
        c.setLineWidth(0.6)
        x = lay.left
        top, bottom = self.y, self.y - height
        for column, (lines, width) in enumerate(zip(row, widths)):
            merged = (column == 0 and above is not None and not texts[column].strip())
            if top_rule or not merged:
                c.line(x, top, x + width, top)
            if not (column == 0 and below_merges):
                c.line(x, bottom, x + width, bottom)
            c.line(x, top, x, bottom)
            c.line(x + width, top, x + width, bottom)
            c.setFont(FONT, lay.cell_size)
            baseline = top - lay.cell_padding
            for line in lines:
                baseline -= lay.cell_size * lay.leading
                c.drawString(x + lay.cell_padding, baseline + lay.cell_size * 0.3, line)
            x += width
        self.y = bottom


def register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, font_file()))


def render(text: str, path: Path, header: str = "計画書", layout: Layout | None = None) -> int:
    """Typeset a plan text into a PDF at path; returns the number of pages."""
    register_font()
    renderer = Renderer(path, header, layout or Layout())
    for kind, content in _runs(text.splitlines()):
        if kind == "table":
            renderer.table(content)
        elif kind == "lines":
            renderer.lines(content)
        else:
            renderer.space()
    renderer.finish()
    return renderer.page


def _runs(lines: list[str]):
    """("table", rows), ("lines", [(indent, text, bold)]) and ("space", None) in order: a run of
    lines with no blank line between them is kept on one page, as a text box or paragraph is."""
    kind, run = None, []
    for raw in lines:
        cells = _split_cells(raw)
        if cells is not None:
            if kind != "table":
                if run:
                    yield kind, run
                kind, run = "table", []
            if not all(_RULE_CELLS.match(c.strip()) or not c.strip() for c in cells) or not any(cells):
                run.append([clean_inline(c) for c in cells])
            continue
        printed = clean_inline(raw)
        if not printed.strip():
            if kind != "space":
                if run:
                    yield kind, run
                yield "space", None
                kind, run = "space", []
            continue
        if kind != "lines":
            if run:
                yield kind, run
            kind, run = "lines", []
        indent = len(raw) - len(raw.lstrip(" \u3000"))
        run.extend((indent, part.strip(" \u3000"), part.startswith("【")) for part in printed.split("\n"))
    if run:
        yield kind, run


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    print(f"{target}: {render(source.read_text(encoding='utf-8'), target)} pages")
