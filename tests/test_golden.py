"""Every record the extractors produce for the five supplied plans, against checked golden files.

Run `pytest --update-golden` to rewrite them; the run then fails so that the diff is read before
it is committed.
"""
import json

import pytest

from conftest import CORPUS, GOLDEN, LAYOUTS, RAW, plan_path
from extractors import extract_all
from pipeline import read_document
from pipeline.records import row, rows


# Passages are the body lines as printed (for the search index), not answers someone reads line by
# line: test_passages_are_the_body_lines_as_printed checks them against the source instead.
NOT_GOLDEN = {"passages"}


def golden_view(stem: str) -> dict:
    extraction = extract_all(read_document(plan_path(stem)))
    view = {table: records for table, records in sorted(rows(extraction.records).items()) if table not in NOT_GOLDEN}
    view["warnings"] = [row(w) for w in extraction.warnings]
    return view


def dump(view: dict) -> str:
    return json.dumps(view, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def golden_path(stem: str):
    return GOLDEN / f"{stem}.json" if stem in CORPUS else GOLDEN / "layouts" / f"{stem}.json"


@pytest.mark.parametrize("stem", CORPUS + LAYOUTS)
def test_golden(stem, update_golden):
    path = golden_path(stem)
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


@pytest.mark.parametrize("stem", CORPUS)
def test_passages_are_the_body_lines_as_printed(stem):
    """Every passage is printed on its own line of the source (bullets, HTML and markers aside), no
    line is a passage twice, and the 目次 is not body text."""
    from pipeline.cleaning import clean_inline, fold

    lines = (RAW / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    extraction = extract_all(read_document(RAW / f"{stem}.txt"))
    records = rows(extraction.records)
    toc_lines = {e["line"] for e in records.get("toc_entries", [])}
    seen = set()
    passages = records["passages"]
    assert len(passages) > 100
    for p in passages:
        source = fold(clean_inline(lines[p["line"] - 1]))
        parts = p["text"].split("\t") if p["kind"] == "table_row" else [p["text"].lstrip("・■□●○◆◇")]
        assert all(fold(part).replace("\n", "") in source.replace("\n", "") or
                   all(fold(piece) in source for piece in part.split("\n")) for part in parts), p
        assert p["line"] not in toc_lines
        assert (p["line"], p["text"]) not in seen
        seen.add((p["line"], p["text"]))
