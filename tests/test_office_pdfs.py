"""PDFs made as municipalities make them (tests/pdfs/, built by tests/office/build_fixtures.py with
python-pptx / python-docx / openpyxl and LibreOffice): each gives the records of its own plan text."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import SUMMARY, comparable
from extractors import extract_all
from pipeline import read_document
from pipeline.layout import Atom, LayoutSettings, regions

PDFS = Path(__file__).resolve().parent / "pdfs"
FIXTURES = sorted(p.stem for p in PDFS.glob("*.pdf") if p.with_suffix(".txt").exists())


@pytest.mark.parametrize("stem", FIXTURES)
def test_office_pdf_gives_the_records_of_its_text(stem):
    from_text = extract_all(read_document(PDFS / f"{stem}.txt"))
    from_pdf = extract_all(read_document(PDFS / f"{stem}.pdf"))
    text_statements = comparable(from_text)["statements"]
    kept = sum((Counter(text_statements) & Counter(comparable(from_pdf)["statements"])).values())
    SUMMARY.append(f"{stem}: {kept} of {len(text_statements)} statements as in its text")
    a, b = comparable(from_text), comparable(from_pdf)
    for table in sorted(set(a) | set(b)):
        assert b.get(table, []) == a.get(table, []), f"{stem}: {table} differ"
    assert len(text_statements) >= 30


def test_the_deck_reads_each_box_whole():
    doc = read_document(PDFS / "deck-side-by-side-boxes.pdf")
    texts = [b.text for b in doc.blocks]
    assert "現状課題" not in texts and texts.count("現状") == 5 and texts.count("課題") == 5
    # a wrapped item inside a box is one block, the box's title before its items
    item = "・転入や出生の届出では、複数の窓口で同じ内容を何度も記入する必要がある"
    at = texts.index(item)
    assert texts[at - 1] == "現状" and texts[at + 2] == "課題"


# --- regions from atoms alone: (atoms as (x0, top, x1, bottom, rows), expected reading order) ------

def _line(x0, top, x1, rows=1):
    return (x0, top, x1, top + 10, rows)


CASES = [
    # one column: top to bottom
    ([_line(50, 0, 500), _line(50, 15, 500), _line(50, 30, 300)], [[0, 1, 2]]),
    # two boxes side by side under a full-width title: title, left box, right box, then the line below
    ([_line(50, 0, 500), _line(50, 20, 250), _line(300, 20, 500), _line(50, 35, 250), _line(300, 35, 480),
      _line(300, 50, 500), _line(50, 80, 500)], [[0], [1, 3], [2, 4, 5], [6]]),
    # a 目次: titles and a narrow column of page numbers stay in their rows
    ([_line(50, 0, 300), _line(480, 0, 500), _line(50, 15, 250), _line(480, 15, 500), _line(50, 30, 280),
      _line(480, 30, 500)], [[0, 1, 2, 3, 4, 5]]),
    # one line with a wide gap in it is no pair of columns
    ([_line(50, 0, 100), _line(200, 0, 500), _line(50, 15, 500)], [[0, 1, 2]]),
    # the left column runs longer than the right: its last line stays with it
    ([_line(50, 0, 250), _line(300, 0, 500), _line(50, 15, 250), _line(300, 15, 500), _line(50, 30, 200)],
     [[0, 2, 4], [1, 3]]),
]


@pytest.mark.parametrize("boxes, expected", CASES)
def test_regions_in_reading_order(boxes, expected):
    atoms = [Atom(*box, payload=i) for i, box in enumerate(boxes)]
    found = regions(atoms, LayoutSettings(gap=10, band_gap=25))
    assert [[a.payload for a in region.atoms] for region in found] == expected
