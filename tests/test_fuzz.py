"""Mutated copies of the supplied plans (tabs dropped or doubled, lines shuffled, tables cut off,
characters inserted): no exception escapes the reader or an extractor, and every record and warning
still points to a real, non-empty line of the mutated file as an editor shows it."""
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import CORPUS, RAW
from extractors import extract_all
from pipeline import ReadError, read_document
from pipeline.records import row, rows

TEXTS = {stem: (RAW / f"{stem}.txt").read_text(encoding="utf-8") for stem in CORPUS}
# Pieces that steer the reader and the extractors, besides any character at all.
TOKENS = ["\t", "|", " ", "\u3000", "\n", "\r", "\r\n", "\f", "\u2028", "・", "■", "①", "(1)", "（２）", "1-1",
          "第1章", "施策", "目次", "【スケジュール】", "令和5年度", "R6", "平成27年度", "→", "―", "-", "※1",
          "目標", "現状", "課題", "担当課", "<br>", "**", "｜", "…", "0", "100%", "件"]
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def editor_lines(text: str) -> list[str]:
    """Lines as an editor shows them: broken at \\r\\n, \\r and \\n only."""
    return re.split(r"\r\n|\r|\n", text)


def check(text: str) -> None:
    try:
        doc = read_document("mutated.txt", text.encode("utf-8"))
    except ReadError:
        return  # a one-line reason, which is what a bad file should get
    extraction = extract_all(doc)
    lines = editor_lines(text.removeprefix("\ufeff"))
    records = [(table, r) for table, rs in rows(extraction.records).items() for r in rs]
    records += [("warnings", row(w)) for w in extraction.warnings]
    for table, record in records:
        line = record.get("line")
        if line is None:
            continue
        assert 1 <= line <= doc.line_count <= len(lines), (table, record)
        assert lines[line - 1].strip(), (table, record, "points to an empty line")


def mutate(draw, edits) -> str:
    stem = draw(st.sampled_from(CORPUS))
    lines = TEXTS[stem].split("\n")
    for _ in range(draw(st.integers(1, 8))):
        lines = draw(st.sampled_from(edits))(draw, lines)
        if not lines:
            break
    return "\n".join(lines)


def pick(draw, lines, where=lambda line: True) -> int | None:
    candidates = [i for i, line in enumerate(lines) if where(line)]
    return draw(st.sampled_from(candidates)) if candidates else None


def drop_tab(draw, lines):
    i = pick(draw, lines, lambda line: "\t" in line)
    if i is not None:
        cut = draw(st.sampled_from([m.start() for m in re.finditer("\t", lines[i])]))
        lines[i] = lines[i][:cut] + lines[i][cut + 1:]
    return lines


def double_tab(draw, lines):
    i = pick(draw, lines, lambda line: "\t" in line)
    if i is not None:
        at = draw(st.sampled_from([m.start() for m in re.finditer("\t", lines[i])]))
        lines[i] = lines[i][:at] + "\t" + lines[i][at:]
    return lines


def shuffle_lines(draw, lines):
    start = draw(st.integers(0, len(lines) - 1))
    window = lines[start:start + draw(st.integers(2, 12))]
    return lines[:start] + draw(st.permutations(window)) + lines[start + len(window):]


def swap_lines(draw, lines):
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def cut_table(draw, lines):
    """A table cut off: a row broken mid-cell, the rows after it gone (a truncated file, or a page)."""
    i = pick(draw, lines, lambda line: "\t" in line)
    if i is None:
        return lines
    row = lines[i][:draw(st.integers(0, len(lines[i])))]
    end = i + 1 + draw(st.integers(0, 20))
    return lines[:i] + [row] + (lines[end:] if draw(st.booleans()) else [])


def double_lines(draw, lines):
    i = draw(st.integers(0, len(lines) - 1))
    return lines[:i] + lines[i:i + draw(st.integers(1, 5))] + lines[i:]


def insert_characters(draw, lines):
    i = draw(st.integers(0, len(lines) - 1))
    at = draw(st.integers(0, len(lines[i])))
    piece = "".join(draw(st.lists(st.one_of(st.sampled_from(TOKENS), st.characters(exclude_categories=["Cs"])),
                                  min_size=1, max_size=6)))
    lines[i] = lines[i][:at] + piece + lines[i][at:]
    return lines


@st.composite
def tabs_mutated(draw):
    return mutate(draw, [drop_tab, double_tab, cut_table])


@st.composite
def lines_mutated(draw):
    return mutate(draw, [shuffle_lines, swap_lines, double_lines, cut_table])


@st.composite
def characters_mutated(draw):
    return mutate(draw, [insert_characters])


@st.composite
def anything_mutated(draw):
    return mutate(draw, [drop_tab, double_tab, shuffle_lines, swap_lines, cut_table, double_lines,
                         insert_characters])


@FUZZ
@given(tabs_mutated())
def test_dropped_and_doubled_tabs(text):
    check(text)


@FUZZ
@given(lines_mutated())
def test_shuffled_doubled_and_cut_lines(text):
    check(text)


@FUZZ
@given(characters_mutated())
def test_inserted_characters(text):
    check(text)


@FUZZ
@given(anything_mutated())
def test_all_mutations_together(text):
    check(text)
