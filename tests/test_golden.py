"""Every record the extractors produce for the five supplied plans, against checked golden files.

Run `pytest --update-golden` to rewrite them; the run then fails so that the diff is read before
it is committed.
"""
import json

import pytest

from conftest import CORPUS, GOLDEN, RAW
from extractors import extract_all
from pipeline import read_document


def golden_view(stem: str) -> dict:
    extraction = extract_all(read_document(RAW / f"{stem}.txt"))
    view = {table: records for table, records in sorted(extraction.records.items())}
    view["warnings"] = extraction.warnings
    return view


def dump(view: dict) -> str:
    return json.dumps(view, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("stem", CORPUS)
def test_golden(stem, update_golden):
    path = GOLDEN / f"{stem}.json"
    actual = dump(golden_view(stem))
    if update_golden:
        path.write_text(actual, encoding="utf-8")
        pytest.fail(f"rewrote {path.name}: read the diff before committing")
    assert path.exists(), f"no golden for {stem}: run pytest --update-golden and read it"
    expected = json.loads(path.read_text(encoding="utf-8"))
    got = json.loads(actual)
    for table in sorted(set(expected) | set(got)):
        assert got.get(table) == expected.get(table), f"{stem}: {table} differs from the golden"


def test_corpus_is_the_five_supplied_plans():
    assert len(CORPUS) == 5
