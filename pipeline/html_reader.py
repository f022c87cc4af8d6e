"""A saved web page (.html, .htm) -> Document through lxml's HTML parser, the same model the text
reader produces.

A web edition of a plan puts one measure (or several) on a page inside the site's furniture. What the
site repeats on every page is left out before anything is read: <nav>, the page's own <header> and
<footer> (or an element whose class or id says header / footer; not those of an <article> or
<section>), <aside> of links, elements marked as navigation, banner, footer or search (`role`), menus
by their class or id (gnavi, lnavi, sidebar …), breadcrumbs (パンくず: class, id or label), and link
lists printed more than once on the page (「前の施策へ | 目次 | 次の施策へ」 above and below each measure). When the page
has a <main>, only it is read.

Then the structure is the page's own: <h1>–<h6> are headings whatever their wording, <ul>/<ol> items
are list items (indented by their nesting), a <table> gives its rows with a cell spanning columns
printed in its first place and empty in the others (as the PDF and text readers see merged cells) and a
cell spanning rows in each row it spans but the first column's, <br> starts a new line, and a
paragraph, heading, list or table is followed by a blank line.
Footnote numbers in <sup> and ruby readings are left out. A table that holds headings or tables in its
cells is a page layout, read as the blocks inside it.

Provenance: `location` is the line of the file the element starts on ("line 42").
"""
from __future__ import annotations

from pathlib import Path

import regex

from pipeline.decoding import DecodeError, decode_text
from pipeline.errors import ReadError
from pipeline.model import Document
from pipeline.text_reader import SourceLine, TextReaderSettings, document_from_lines

# Elements nested deeper than this are no page of a plan (the parser itself stops at 255).
MAX_DEPTH = 200
MAX_SPAN = 1000

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol"}
# Blocks that end the line before them and start their own.
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "figure", "figcaption", "address",
           "dl", "dt", "dd", "pre", "center", "fieldset", "details", "summary", "caption", "hgroup", "body",
           "li", "hr", "header", "footer", "form", "legend", "menu"}
# Blocks a blank line follows, as a paragraph is followed in a text.
_PARAGRAPHS = {"p", "blockquote", "pre", "dl", "figure", "table", "ul", "ol"} | _HEADINGS
_DROPPED = {"script", "style", "noscript", "template", "nav", "head", "iframe", "object", "svg", "canvas",
            "button", "select", "textarea", "input", "rt", "rp", "map", "video", "audio"}
_SITE_PARTS = {"header", "footer"}  # the page's, not an article's
_SECTIONING = {"article", "section", "main", "aside", "nav"}
_NAV_ROLES = {"navigation", "banner", "contentinfo", "search", "menubar", "menu", "complementary"}
# class / id / aria-label words of breadcrumbs and page furniture on Japanese municipal sites.
_FURNITURE = regex.compile(r"breadcrumb|topic-?path|pankuzu|パンくず|pagetop|page-top|skip-?link|"
                           r"ページの先頭|本文へ", regex.IGNORECASE)
# A class or id naming a site's menus (global, local, side navigation), wherever it is.
_MENU_NAME = regex.compile(r"^(?:.*[-_])?(?:g-?navi?|global-?nav(?:i|igation)?|l-?navi?|local-?nav(?:i|igation)?|"
                           r"side-?nav(?:i|igation)?|sidebar|side-?menu|site-?menu|sns|share)(?:[-_].*)?$",
                           regex.IGNORECASE)
# A class or id naming the site's header or footer (a <div id="header"> of a page without <header>),
# dropped outside <main>, <article> and <section> as those elements are.
_SITE_PART_NAME = regex.compile(r"^(?:l|tmp|site|common|global|g)?[-_]?(?:header|footer)$", regex.IGNORECASE)
_LINK_SEPARATORS = regex.compile(r"^[\s|｜/／>＞»›・、,，:：\-–—→←]*$")
_MARKER = regex.compile(r"^[\s\d*※¹²³⁴⁵⁶⁷⁸⁹⁰()（）\[\]注]*$")
_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", regex.IGNORECASE)
_SHIFT_JIS_NAMES = {"shift_jis", "sjis", "x_sjis", "ms_kanji", "windows_31j", "csshiftjis"}
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*>")
# A segment break between two East Asian characters is no space (CSS Text 3); elsewhere white space
# collapses to one space.
_WIDE = r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303F\uFF00-\uFFEF・ー]"
_CJK_BREAK = regex.compile(rf"(?<={_WIDE})[ \t\r\f]*\n\s*(?={_WIDE})")
_SPACE = regex.compile(r"[ \t\n\r\f\xa0]+")


def _decode(data: bytes) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii")
        # Pages that say Shift_JIS are written in Windows' superset of it (～ ① Ⅱ), as browsers read them.
        name = "cp932" if name.lower().replace("-", "_") in _SHIFT_JIS_NAMES else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(data)[0]
    except DecodeError as e:
        raise ReadError(f"web page: {e}") from None


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _depth(root) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _text(element) -> str:
    return "".join(element.itertext())


def _is_link_list(element) -> bool:
    """Whether all the element's text is in links (separators aside), and it has a link."""
    if not element.xpath(".//a"):
        return False
    return bool(_LINK_SEPARATORS.match("".join(element.xpath(".//text()[not(ancestor::a)]"))))


def _is_furniture(element) -> bool:
    tag = _tag(element)
    if tag in _DROPPED:
        return True
    if (element.get("role") or "").lower() in _NAV_ROLES:
        return True
    tokens = " ".join(element.get(k) or "" for k in ("class", "id")).split()
    if any(_MENU_NAME.match(t) for t in tokens):
        return True
    if (tag in _SITE_PARTS or any(_SITE_PART_NAME.match(t) for t in tokens)) \
            and not any(_tag(a) in _SECTIONING for a in element.iterancestors()):
        return True
    if tag == "aside" and _is_link_list(element):
        return True
    names = " ".join(element.get(k) or "" for k in ("class", "id", "aria-label"))
    return bool(names.strip()) and bool(_FURNITURE.search(names))


def _remove(element) -> None:
    """Remove an element, keeping its tail text in the document."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _strip_furniture(root) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            _remove(element)
            continue
        if element.getparent() is not None and _is_furniture(element):
            _remove(element)
        elif _tag(element) == "sup" and _MARKER.match(_text(element)):
            _remove(element)  # a footnote's number
    # Link lists printed more than once (above and below each measure of a page).
    seen: dict[str, list] = {}
    for element in root.iter("ul", "ol", "p", "div", "dl", "table"):
        if _is_link_list(element):
            key = _SPACE.sub("", _text(element))
            if key:
                seen.setdefault(key, []).append(element)
    for elements in seen.values():
        if len(elements) > 1:
            for element in elements:
                if element.getparent() is not None:
                    _remove(element)


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", _CJK_BREAK.sub("", text)).strip()


class _Lines:
    """The page's printed lines in reading order, numbered as a text's lines would be."""

    def __init__(self):
        self.lines: list[SourceLine] = []
        self.pieces: list[str] = []
        self.where: int | None = None
        self.gap = True

    def add(self, text: str | None, element) -> None:
        if text:
            if self.where is None and text.strip():
                self.where = element.sourceline
            self.pieces.append(text)

    def emit(self, location: int | None, **fields) -> None:
        self.lines.append(SourceLine(line=len(self.lines) + 1,
                                     location=f"line {location}" if location else None, **fields))
        self.gap = False

    def flush(self, prefix: str = "", style: str | None = None) -> None:
        text = _collapse("".join(self.pieces))
        if text:
            self.emit(self.where, text=prefix + text, style=style)
        self.pieces, self.where = [], None

    def blank(self) -> None:
        self.flush()
        if not self.gap:
            self.lines.append(SourceLine(line=len(self.lines) + 1))
            self.gap = True


def _cell_text(cell) -> str:
    """A cell's text: its blocks and <br> on lines of their own."""
    out: list[str] = []
    current: list[str] = []

    def walk(element):
        tag = _tag(element)
        if tag == "br" or tag in _BLOCKS or tag in _HEADINGS or tag in {"tr", "table"} | _LISTS:
            out.append("".join(current))
            current.clear()
        if tag != "br":
            current.append(element.text or "")
            for child in element:
                walk(child)
                current.append(child.tail or "")
        if tag in _BLOCKS or tag in _HEADINGS or tag in ("tr",):
            out.append("".join(current))
            current.clear()
        elif tag in ("td", "th"):
            current.append(" ")

    current.append(cell.text or "")
    for child in cell:
        walk(child)
        current.append(child.tail or "")
    out.append("".join(current))
    return "\n".join(line for line in (_collapse(part) for part in out) if line)


def _span(element, name: str) -> int:
    try:
        return max(1, min(int(element.get(name) or 1), MAX_SPAN))
    except ValueError:
        return 1


def _table_rows(table) -> list[tuple[int, list[str]]]:
    """(line, cells) of each row: a cell spanning columns in its first column and empty in the others (a
    bar over several years stays one cell); a cell spanning rows in each of its rows (one 目標年度 for two
    indicators), except in the first column, where it labels a group of rows and stays in the first."""
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rowspan = min(_span(cell, "rowspan"), len(rows) - r)
            colspan = _span(cell, "colspan")
            text = _cell_text(cell)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text if dc == 0 and (dr == 0 or c > 0) else ""
            c += colspan
            width = max(width, c)
    return [(tr.sourceline, [grid.get((r, c), "") for c in range(width)]) for r, tr in enumerate(rows)]


def _nearest_table(element):
    return next((a for a in element.iterancestors() if _tag(a) == "table"), None)


def _is_layout(table) -> bool:
    """A table that holds headings or tables in its cells is the page's layout, not a table of data."""
    return any(_nearest_table(e) is table for e in table.iterdescendants("h1", "h2", "h3", "h4", "h5", "h6", "table"))


def _walk(element, lines: _Lines, list_depth: int = 0) -> None:
    tag = _tag(element)
    if tag in _HEADINGS:
        lines.blank()
        lines.add(_text(element), element)
        lines.flush(style="heading")
        lines.blank()
        return
    if tag == "table" and not _is_layout(element):
        lines.blank()
        for line, cells in _table_rows(element):
            if any(cells):
                lines.emit(line, cells=tuple(cells))
        lines.blank()
        return
    if tag == "br":
        lines.flush()
        return
    if tag in _LISTS:
        lines.flush()
        if list_depth == 0:
            lines.blank()
        for child in element:
            if _tag(child) == "li":
                _walk_item(child, lines, list_depth)
            else:
                _walk(child, lines, list_depth)
        if list_depth == 0:
            lines.blank()
        return
    block = tag in _BLOCKS or tag in ("tr", "td", "th", "tbody", "thead", "tfoot", "table")
    if block:
        lines.flush()
    lines.add(element.text, element)
    for child in element:
        _walk(child, lines, list_depth)
        lines.add(child.tail, child)
    if tag in _PARAGRAPHS:
        lines.blank()
    elif block:
        lines.flush()


def _walk_item(item, lines: _Lines, depth: int) -> None:
    """A list item: its own text on one line, a list inside it one level deeper."""
    prefix = "  " * depth + "- "
    lines.flush()
    lines.add(item.text, item)
    for child in item:
        tag = _tag(child)
        if tag in _LISTS or tag == "table" or tag in _HEADINGS or tag in ("p", "div") and child.xpath(".//ul|.//ol"):
            lines.flush(prefix)
            prefix = "  " * depth + "- "
            _walk(child, lines, depth + 1)
        elif tag == "br":
            lines.flush(prefix)
        else:
            lines.add(_text(child) if tag not in _BLOCKS else _cell_text(child), child)
        lines.add(child.tail, child)
    lines.flush(prefix)


def read_html(path: Path, data: bytes, settings: TextReaderSettings | dict | None = None) -> Document:
    import lxml.html
    from lxml import etree

    text = _XML_DECLARATION.sub("", _decode(data))
    if not text.strip():
        raise ReadError("empty web page")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(f"not a web page ({e})") from None
    deepest = _depth(root)
    if deepest > MAX_DEPTH:
        raise ReadError(f"web page nested {deepest} elements deep (the limit is {MAX_DEPTH}): not a page of a plan")
    had_text = bool(_collapse("".join(root.xpath("//body//text()[not(ancestor::script or ancestor::style or "
                                                 "ancestor::noscript or ancestor::template)]"))))
    _strip_furniture(root)
    mains = root.xpath("//main | //*[@role='main']")
    outermost = [m for m in mains if not any(a in mains for a in m.iterancestors())]
    lines = _Lines()
    for part in outermost or [root.find("body") if root.find("body") is not None else root]:
        _walk(part, lines)
        lines.blank()
    if not any(line.text.strip() or line.cells for line in lines.lines):
        if had_text:
            raise ReadError("a web page with only navigation (menus, links, header and footer) and no text of a plan")
        raise ReadError("no text in the web page")
    return document_from_lines(lines.lines, path.name, "html", settings)
