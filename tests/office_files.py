"""A plan's text written out as the other formats a municipality publishes: a Word file (python-docx), an
Excel workbook (openpyxl) and a web page (hand-written HTML). Used by tests/test_formats.py.

The text is cut into paragraphs (runs of lines), `|` or tab-separated tables (a row per line, the `|---|` rule left out)
and headings (`headings`: the text lines the caller wants written as headings, by 1-based line). Each
becomes what the format has for it: a Word heading style / <h2> / a line of its own, a Word table /
<table> / a block of cells, a paragraph / <p> / a cell in column A.
"""
from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

_RULE = re.compile(r"^\|?\s*:?-{2,}")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


@dataclass
class Part:
    kind: str  # "heading", "paragraph" (its lines), "table" (its rows of cells), "blank"
    lines: list


def parts(text: str, headings: set[int] = frozenset()) -> list[Part]:
    out: list[Part] = []
    lines = text.splitlines()
    wrapped: list[str] = []  # a table row's first cell printed over lines of its own before its tab
    for number, line in enumerate(lines, start=1):
        if out and out[-1].kind == "table" and line.strip() and "\t" not in line and not line.startswith("|") \
                and _first_cell_wraps(lines, number):
            wrapped.append(line.strip())
            continue
        if wrapped and line.startswith("\t"):
            line = "".join(wrapped) + line
        wrapped = []
        if not line.strip():
            out.append(Part("blank", []))
        elif line.lstrip().startswith("|") or "\t" in line:
            if _RULE.match(line.strip()):
                continue
            if line.lstrip().startswith("|"):
                cells = [_BR.sub("\n", c.strip()) for c in line.strip().strip("|").split("|")]
            else:
                cells = [c.strip() for c in line.split("\t")]
            if out and out[-1].kind == "table":
                out[-1].lines.append(cells)
            else:
                out.append(Part("table", [cells]))
        elif number in headings:
            out.append(Part("heading", [line.strip(" \u3000")]))
        elif out and out[-1].kind == "paragraph":
            out[-1].lines.append(line)
        else:
            out.append(Part("paragraph", [line]))
    return out


def _first_cell_wraps(lines: list[str], number: int) -> bool:
    """Whether the text lines from `number` (1-based) on are the rest of a table row's first cell: lines
    without a tab up to one that starts with a tab."""
    for line in lines[number - 1:]:
        if line.startswith("\t"):
            return True
        if not line.strip() or "\t" in line or line.startswith("|"):
            return False
    return False


def to_docx(text: str, headings: set[int] = frozenset()) -> bytes:
    """Paragraphs (one per line), Heading 2 for the heading lines, Word tables for `|` tables."""
    import docx

    document = docx.Document()
    for part in parts(text, headings):
        if part.kind == "heading":
            document.add_heading(part.lines[0], level=2)
        elif part.kind == "paragraph":
            for line in part.lines:
                document.add_paragraph(line)
        elif part.kind == "blank":
            document.add_paragraph("")
        else:
            width = max(len(row) for row in part.lines)
            table = document.add_table(rows=len(part.lines), cols=width)
            for r, row in enumerate(part.lines):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_html(text: str, headings: set[int] = frozenset(), title: str = "計画") -> bytes:
    """A web page: site navigation and footer around a <main> of <h2>, <p> (lines joined by <br>) and
    <table>."""
    body = []
    for part in parts(text, headings):
        if part.kind == "heading":
            body.append(f"<h2>{html.escape(part.lines[0])}</h2>")
        elif part.kind == "paragraph":
            body.append("<p>" + "<br>\n".join(html.escape(line) for line in part.lines) + "</p>")
        elif part.kind == "table":
            rows = "\n".join("<tr>" + "".join(f"<td>{html.escape(c).replace(chr(10), '<br>')}</td>" for c in row)
                             + "</tr>" for row in part.lines)
            body.append(f"<table>\n{rows}\n</table>")
    return f"""<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body>
<header><a href="/">トップページ</a>
<nav><ul><li><a href="/kurashi/">くらし</a></li><li><a href="/shisei/">市政情報</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">ホーム</a> &gt; <a href="/shisei/">市政情報</a> &gt; 計画</div>
<main>
{chr(10).join(body)}
</main>
<footer><p>Copyright © 市役所 All rights reserved.</p><ul><li><a href="/privacy/">個人情報の取扱い</a></li></ul></footer>
</body>
</html>
""".encode("utf-8")


def to_xlsx(text: str, sheet: str = "計画") -> bytes:
    """One sheet: each text line in column A of its own row, a `|` table's cells across columns A, B, …
    (an empty row where the text has a blank line)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    row = 1
    for part in parts(text):
        if part.kind == "blank":
            row += 1
        elif part.kind in ("paragraph", "heading"):
            for line in part.lines:
                ws.cell(row=row, column=1, value=line)
                row += 1
        else:
            for cells in part.lines:
                for c, value in enumerate(cells, start=1):
                    if value:
                        ws.cell(row=row, column=c, value=value)
                row += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
