"""A page printed on one line (a PDF page dumped to text, a web form's one-field export) -> its lines back.

A dump keeps the order the page was drawn in, with a space where a line or a cell ended, so the structure
a plan prints at the start of a line is still there to split at:
- numbered labels: ① (also after a short word, 「数値目標①」), 基本目標Ⅰ, 第1章, and plain numbers when they
  run 1, 2, 3 … in order (「1 下水道による…を増加させる 2 重要な管渠の…」); a single 「1」 may be a page number;
- a block word of a measure's body (as listed, not a phrase ending in one) printed as a cell of its own
  (「現状等」, 「取組概要」, 「効 果」 spelt out a letter a token): a form's label, where prose puts a line
  break both before and after a word only by chance;
- a bullet (● ○ ◆ ■) opening a token, and a bracketed heading 【…】 standing as a token of its own
  (「【具体的な事業】 ➀… ●延長保育の実施【こども部】 ●…」);
- a KPI table's header words in a row (「目標(指標)名 単位 現状 目標(平成31年度)」), its rows after it
  (「待機児童 人 0 0」);
- a table of years flattened to its years, then its figures (「婚姻率 平成 25 (基準値) 平成 27 平成 28
  (現状値) 平成 31 (目標値) 5.5‰ 5.4‰ 5.0‰ 5.9‰」), and a header of three or more year columns (「内容 年度
  H27 H28 H29 H30 ◎ 実施 ⇒ 継続 …」), which ends the text before it.
Each piece becomes a line of its own, or a table row, on the dump's line number. Where the dump
interleaves columns, nothing here can put them back: those pieces stay text.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.cleaning import fold
from pipeline.numbering import CIRCLED, WORD_SCHEME, parse_label
from pipeline.patterns import YEAR
from pipeline.vocabulary import (block_role, is_block_word, is_kpi_header_cell, kpi_column_words, match_key, match_keys,
                                 vocabulary)


@dataclass(frozen=True)
class DumpSettings:
    """What makes a line a dump: long, with a space every few words (prose has almost none; an e-book page's
    text layer, a space between items only, has two or three in 100 characters)."""

    min_length: int = 300
    min_spaces_per_100_chars: float = 2.0
    min_header_cells: int = 3
    min_numbered_run: int = 3


_SPACES = regex.compile(r"\s+")
# A split point: a circled number opening a token, after at most a short word (「数値目標①」).
_CIRCLED_START = regex.compile(rf"(?<=\s)[\p{{Han}}\p{{Katakana}}]{{0,6}}[{CIRCLED}](?=\s?[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}])")
_LABEL_SCHEMES = (WORD_SCHEME,)
_BULLET_START = regex.compile(r"(?<=\s)[●○◆■](?=\S)")
# 「- 成果指標:… - 現状値:… - 目標:…」, 「1. 成果指標:…」: a text edition's fields, each after a dash or a number.
_DASHED_FIELD = regex.compile(r"(?<=\s)(?:-|[0-9０-９]{1,2}[.．])\s(?=[^\s:：]{1,8}[:：])")
# A bracketed heading, its word padded with spaces or not (「【具体的な事業】」, 「【 基本的な目標 】」, 「[ 現状・課題 ]」).
_BRACKET_HEADING = regex.compile(r"(?<=\s)(?:【\s?(?P<word>[^】\s]{2,12})\s?】|[\[［]\s?(?P<word>[^\]］\s]{2,12})\s?[\]］])(?=\s)")
# A column of a flattened year table: 「平成 25 (基準値)」, 「平成 27」, 「2022年度」.
_YEAR_HEADER = (rf"{YEAR}\s?(?:年度?)?"
                r"(?:\s?[(（][^()（）\s]{1,6}[)）])?")
_YEAR_RUN = regex.compile(rf"(?P<run>{_YEAR_HEADER}(?:\s+{_YEAR_HEADER})+)\s+")
_FIGURE = regex.compile(r"^(?:[約概]?[-+]?[0-9０-９][0-9０-９,，.．]*\S*|[—－―-])$")


def is_dump(text: str, settings: DumpSettings = DumpSettings()) -> bool:
    stripped = text.strip()
    if len(stripped) < settings.min_length or "\t" in stripped or "|" in stripped:
        return False
    return len(_SPACES.findall(stripped)) * 100 >= settings.min_spaces_per_100_chars * len(stripped)


def split_dump(text: str, settings: DumpSettings = DumpSettings()) -> list[str | tuple[str, ...]]:
    """The pieces of a dump in order: a str is a line of text, a tuple the cells of a table row."""
    pieces: list[str | tuple[str, ...]] = []
    for part in _label_parts(text.strip(), settings):
        pieces.extend(_tables_in(part, settings))
    return pieces


def _label_parts(text: str, settings: DumpSettings) -> list[str]:
    starts = {m.start() for m in _CIRCLED_START.finditer(text)}
    starts.update(_numbered_run(text, settings.min_numbered_run))
    starts.update(_bracketed_runs(text))
    for m in regex.finditer(r"(?<=\s)\S", text):
        parsed = parse_label(text[m.start():m.start() + 40])
        if parsed and parsed[1] and parsed[0].scheme.startswith(_LABEL_SCHEMES):
            starts.add(m.start())
    cells = _block_word_cells(text)
    brackets = [(m.start(), m.group("word")) for m in _BRACKET_HEADING.finditer(text)]
    starts.update(cells)
    starts.update(_headings_before(text, cells + [start for start, word in brackets if block_role(word)]))
    starts.update(_year_column_starts(text))
    starts.update(m.start() for m in _BULLET_START.finditer(text))
    starts.update(m.start() for m in _DASHED_FIELD.finditer(text))
    starts.update(start for start, _word in brackets)
    starts.update(m.end() for m in _SENTENCE_THEN_SPACE.finditer(text))
    page = _PAGE_NUMBER_FIRST.match(text)
    if page and parse_label(text[page.end():page.end() + 40]):
        starts.add(page.end())  # 「27 (5) 防災・減災対策 …」: the page's number, then its first heading
    bounds = [0, *sorted(s for s in starts if s > 0), len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


# 「…意識の高揚を図る。 地震対策及び…」: a space after a sentence's end is where a line of the page ended.
_SENTENCE_THEN_SPACE = regex.compile(r"。\s+")
_PAGE_NUMBER_FIRST = regex.compile(r"[0-9]{1,3}\s+")
# A token that may be a label cell: a word, or a run of single letters (「効 果」, 「現 状 と 課 題」).
_CELL = regex.compile(r"(?<=^|\s)(?P<cell>[^\s\d]{2,12}|\S(?:\s\S){1,7})(?=\s)")


def _block_word_cells(text: str) -> list[int]:
    """Where a cell that is only a block word (現状と課題, 効果 …) starts, when sentences follow it. A word
    that also names a KPI column (現状, 実績, 目標) is left to the tables (a header 「単位 現状 目標」)."""
    starts = []
    for m in _CELL.finditer(text):
        cell = m.group("cell")
        if " " in cell and any(len(letter) > 1 for letter in cell.split()):
            continue
        word = cell.replace(" ", "")
        following = _NEXT_TOKEN.match(text, m.end())
        if is_block_word(word) and not is_kpi_header_cell(word) and following \
                and len(_KANA.findall(following.group(1))) >= MIN_KANA:
            starts.append(m.start())
    return starts


_TITLE_START = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}「『]")


def _headings_before(text: str, cells: list[int]) -> list[int]:
    """Where the numbered heading a block word is printed under starts: 「… 目標(平成35年度)面的体制整備 (1)保健・医療
    体制の充実 現状と課題 障害のある…」 splits before 「(1)」 too. The label nearest the block word, its title at
    most MAX_TITLE long and no sentence."""
    starts = []
    for cell in cells:
        before = text[max(0, cell - MAX_TITLE - 8):cell]
        for m in regex.finditer(r"(?<=\s)\S", before):
            title = before[m.start():].strip()
            parsed = parse_label(title)
            if parsed and _TITLE_START.match(parsed[1]) and "。" not in title and len(title) <= MAX_TITLE:
                starts.append(cell - len(before) + m.start())
                break
    return starts


MIN_YEAR_COLUMNS = 3
MAX_COLUMN_WORD = 4
MAX_COLUMN_WORDS = 2
_COLUMN_WORD = regex.compile(rf"^[^\p{{Hiragana}}。、]{{1,{MAX_COLUMN_WORD}}}$")
_LAST_TOKEN = regex.compile(r"(?<=^|\s)(\S+)\s+$")


def _year_column_starts(text: str) -> list[int]:
    """Where a table's header of year columns starts (「内容 年度 H27 H28 H29 H30 ◎ 実施 ⇒ 継続 …」): at the
    short column words before the years, or at the years. A run naming roles in brackets (「平成 25 (基準値)」)
    is a flattened KPI row, left to _flattened_year_table."""
    starts = []
    for m in _YEAR_RUN.finditer(text):
        run = m.group("run")
        if len(regex.findall(_YEAR_HEADER, run)) < MIN_YEAR_COLUMNS or "(" in run or "（" in run:
            continue
        start = m.start()
        for _ in range(MAX_COLUMN_WORDS):
            word = _LAST_TOKEN.search(text[:start])
            if word is None or not _COLUMN_WORD.match(word.group(1)):
                break
            start = word.start()
        starts.append(start)
    return starts


# What follows a label cell in a form is a sentence, with kana; a 目次 line goes on to page numbers
# (「6ページ 第3章」), a table's header to the next column's name (「施策内容 計画以前 当初計画」).
_NEXT_TOKEN = regex.compile(r"\s+(\S+)")
_KANA = regex.compile(r"\p{Hiragana}")
MIN_KANA = 2


# A plain number opening an item: a token of its own, followed by a word, not by a unit (「平成 26 年 2 月」).
_PLAIN_NUMBER = regex.compile(r"(?<=^|\s)(?P<n>[1-9][0-9]?)\s+(?![年月日時件人回円個歳箇ヶカ])(?=[\p{Han}\p{Hiragana}\p{Katakana}])")


# 「(1)施設からの地域移行者数 … (2)地域生活支援拠点の検討 …」: a bracketed number opening a token, a word after it.
_BRACKETED_NUMBER = regex.compile(r"(?<=\s)[（(](?P<n>[0-9０-９]{1,2})[）)]\s?(?=[\p{Han}\p{Hiragana}\p{Katakana}「])")


def _bracketed_runs(text: str) -> list[int]:
    """Where the items (1), (2) … of a bracketed list start, when at least two follow in order (a bracketed
    number is no page number or figure, so two in order are a list)."""
    starts: list[int] = []
    run: list[int] = []
    expected = 1
    for m in _BRACKETED_NUMBER.finditer(text):
        n = int(fold(m.group("n")))
        if n == expected and run:
            run.append(m.start())
        else:
            starts += run if len(run) >= 2 else []
            run = [m.start()] if n == 1 else []
        expected = n + 1 if run else 1
    return starts + (run if len(run) >= 2 else [])


def _numbered_run(text: str, min_run: int) -> list[int]:
    """Where the items 1, 2, 3 … of a numbered list start, when at least `min_run` of them follow in order;
    the 1 taken is the last one before the 2, so a page number 「1」 earlier in the dump is passed over."""
    numbers = [(m.start(), int(m.group("n"))) for m in _PLAIN_NUMBER.finditer(text)]
    twos = [i for i, (_, n) in enumerate(numbers) if n == 2]
    if not twos:
        return []
    ones = [i for i in range(twos[0]) if numbers[i][1] == 1]
    if not ones:
        return []
    run = [numbers[ones[-1]][0]]
    expected = 2
    for k in range(ones[-1] + 1, len(numbers)):
        if numbers[k][1] == expected:
            run.append(numbers[k][0])
            expected += 1
    return run if len(run) >= min_run else []


def _tables_in(part: str, settings: DumpSettings) -> list[str | tuple[str, ...]]:
    """Text and table rows of one piece: a run of KPI header words with the rows after it, or a run of
    years with one figure per year after it; what fits neither stays text."""
    tokens = _header_tokens(part)
    for i in range(len(tokens)):
        run = 0
        while i + run < len(tokens) and is_kpi_header_cell(tokens[i + run][2]):
            run += 1
        if run < settings.min_header_cells:
            continue
        header = [t[2] for t in tokens[i:i + run]]
        rows, used = _header_rows(header, [t[2] for t in tokens[i + run:]])
        if not rows:
            continue
        before = _title_then_rest(part[:tokens[i][0]].strip())
        after_index = i + run + used
        after = part[tokens[after_index][0]:].strip() if after_index < len(tokens) else ""
        width = max(len(r) for r in rows)
        table = [tuple([""] * (width - len(header)) + header), *rows]
        return before + table + (_tables_in(after, settings) if after else [])
    year_run = _flattened_year_table(part)
    if year_run:
        return year_run
    return _title_then_rest(part)


# 「基準値 (H26)」: a header word and the year in brackets printed after it, one cell.
_BRACKETED_TOKEN = regex.compile(r"[(（][^()（）\s]{1,10}[)）]")


def _header_tokens(part: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each token of a piece, a bracketed note joined to the KPI header word before it."""
    tokens: list[tuple[int, int, str]] = []
    for m in regex.finditer(r"\S+", part):
        if tokens and _BRACKETED_TOKEN.fullmatch(m.group(0)) and is_kpi_header_cell(tokens[-1][2]):
            start = tokens[-1][0]
            tokens[-1] = (start, m.end(), part[start:m.end()])
        else:
            tokens.append((m.start(), m.end(), m.group(0)))
    return tokens


def kpi_header_cells(text: str, settings: DumpSettings = DumpSettings()) -> tuple[str, ...] | None:
    """The cells of a line that is only a KPI table's header words, spaced (「指標名 現状値 目標値」), or None."""
    cells = tuple(token for _start, _end, token in _header_tokens(text.strip()))
    return cells if len(cells) >= settings.min_header_cells and all(is_kpi_header_cell(c) for c in cells) else None


def kpi_row_cells(header: tuple[str, ...], text: str) -> tuple[str, ...] | None:
    """The cells of a line that is one row under such a header (「書かない窓口の対象手続数 0手続 50手続」), or None."""
    tokens = text.split()
    rows, used = _header_rows(list(header), tokens)
    return rows[0] if len(rows) == 1 and used == len(tokens) else None


def _title_then_rest(part: str) -> list[str]:
    """A numbered title ends where a table's header begins: 「②義務教育 目標(指標)名 単位 % …」."""
    if not part or parse_label(part) is None:
        return [part] if part else []
    tokens = [(m.start(), m.group(0)) for m in regex.finditer(r"\S+", part)]
    cut = next((start for start, token in tokens[1:] if is_kpi_header_cell(token)), None)
    if cut is None:
        cut = _end_of_title(part)
    if cut is None:
        return [part]
    return [part[:cut].strip(), part[cut:].strip()]


MAX_TITLE = 40


def _end_of_title(part: str) -> int | None:
    """Where a numbered title ends and the sentences under it begin, in a piece too long to be a heading
    (「推進施策1 旬の花とくだものに出会える仕掛けづくり いつ訪れても、…増やし、」): at the first space after the title,
    when what follows reads as prose (a comma or a sentence's end in it)."""
    label, rest = parse_label(part) or (None, "")
    if label is None or len(part) <= MAX_TITLE:
        return None
    title = regex.match(r"\S+", rest)
    if title is None or len(title.group(0)) > MAX_TITLE or title.group(0).endswith("。"):
        return None
    after = rest[title.end():]
    if not regex.search(r"[、。]", after):
        return None
    return len(part) - len(rest) + title.end()


def _header_rows(header: list[str], tokens: list[str]) -> tuple[list[tuple[str, ...]], int]:
    """Rows of `len(header)` cells after a flattened header (one more when the header names no indicator
    column): a name, then figures, or a unit where the header has 単位."""
    named = not _is_value_word(header[0])
    width = len(header) + (0 if named else 1)
    unit_words = match_keys(vocabulary().kpi_tables.unit)
    unit_column = next((k for k, cell in enumerate(header) if match_key(cell) in unit_words), None)
    if unit_column is not None and not named:
        unit_column += 1
    rows, used = [], 0
    while used + width <= len(tokens):
        cells = tokens[used:used + width]
        if _FIGURE.match(cells[0]) or is_kpi_header_cell(cells[0]):
            break
        if not all(k == unit_column and not _FIGURE.match(cell) and len(cell) <= 4 or _FIGURE.match(cell)
                   for k, cell in enumerate(cells[1:], start=1)):
            break
        rows.append(tuple(cells))
        used += width
    return rows, used


def _is_value_word(cell: str) -> bool:
    """A header cell over figures (現状, 目標(平成31年度), 単位), not over the indicators' names (目標(指標)名)."""
    kpi = vocabulary().kpi_tables
    values = match_keys(kpi.baseline + kpi.current + kpi.actual + kpi.target + kpi.unit)
    word = regex.sub(r"[(（][^()（）]*[)）]", "", cell)
    return is_kpi_header_cell(cell) and not cell.endswith("名") and match_key(word) in values


def _flattened_year_table(part: str) -> list[str | tuple[str, ...]] | None:
    """「数値目標① 婚姻率 平成 25 (基準値) 平成 27 平成 28 (現状値) 平成 31 (目標値) 5.5‰ 5.4‰ 5.0‰ 5.9‰ 参考)…」
    -> a header row of the years, a row of the name and its figures, the rest as text. Only a run that
    names a role (基準値, 目標値 …) in brackets is taken, so a list of dates in prose stays prose."""
    for m in _YEAR_RUN.finditer(part):
        years = [y.strip() for y in regex.findall(_YEAR_HEADER, m.group("run"))]
        if not any(match_key(regex.sub(r".*[(（]|[)）]", "", y)) in kpi_column_words() for y in years if "(" in y or "（" in y):
            continue
        figures = part[m.end():].split()
        if len(figures) < len(years) or not all(_FIGURE.match(f) for f in figures[:len(years)]):
            continue
        name = part[:m.start()].strip()
        rest = part[m.end():].split(maxsplit=len(years))
        after = rest[len(years)] if len(rest) > len(years) else ""
        return [("", *years), (name, *figures[:len(years)])] + ([after] if after else [])
    return None
