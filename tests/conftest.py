import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"
CORPUS = sorted(p.stem for p in RAW.glob("*.txt"))
# Plans written for the tests in layouts other than the supplied five (see tests/layouts/README.md).
LAYOUT_DIR = Path(__file__).resolve().parent / "layouts"
LAYOUTS = sorted(p.stem for p in LAYOUT_DIR.glob("*.txt"))


def plan_path(stem: str) -> Path:
    """The text of a supplied plan (raw/) or of a layout written for the tests (tests/layouts/)."""
    return RAW / f"{stem}.txt" if stem in CORPUS else LAYOUT_DIR / f"{stem}.txt"


PROVENANCE = {"line", "page", "goal_line", "goal_page", "title_line", "source_page"}


def comparable(extraction) -> dict[str, list[str]]:
    """Records without provenance (a text has lines, a PDF pages); the 目次's printed page stays.

    Passages are the body as printed, one per line: a PDF line that ends at the margin reads as
    wrapped, so where the text broke a line exactly there, the PDF has one passage for two (and a
    table cell no line break). They are compared as each section's text.
    """
    from pipeline.records import rows

    out = {}
    for table, records in rows(extraction.records).items():
        if table == "passages":
            sections: dict = {}
            for r in records:
                sections.setdefault((r["section_seq"], r["measure_seq"]), []).append(r["text"])
            out[table] = [f"{key}: {''.join(texts).replace(chr(10), '')}" for key, texts in sections.items()]
            continue
        keep = (lambda k: k not in PROVENANCE or (table == "toc_entries" and k == "page"))
        out[table] = [json.dumps({k: v for k, v in r.items() if keep(k)}, ensure_ascii=False, sort_keys=True)
                      for r in records]
    out["warnings"] = [f"{w.stage}: {w.message}" for w in extraction.warnings]
    return out


# Lines for the terminal summary (tests/test_topics.py adds the precision and recall of the topics).
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter):
    for line in SUMMARY:
        terminalreporter.write_line(line)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current extractors (the run still fails)")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture
def memory_db():
    from db.schema import open_database

    return open_database(":memory:")


@pytest.fixture(scope="session")
def corpus_db_path(tmp_path_factory):
    """The five supplied plans ingested into a real SQLite file (shared: tests must not write to it)."""
    from keikaku.ingest import ingest

    path = tmp_path_factory.mktemp("corpus") / "keikaku.db"
    ingest([str(RAW)], str(path), echo=lambda line: None)
    with closing(sqlite3.connect(path)) as conn:  # as the keikaku command leaves it: the WAL folded in
        conn.execute("pragma wal_checkpoint(truncate)")
    return path


@pytest.fixture
def plans(tmp_path, monkeypatch):
    """A copy of raw/ in a temporary folder, which is the working folder."""
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    monkeypatch.chdir(tmp_path)
    return folder
