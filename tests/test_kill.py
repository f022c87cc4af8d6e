"""A batch killed (SIGKILL) in the middle of loading a document: every document that had finished is
complete, the one being loaded left nothing, and running the batch again finishes it."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils

from conftest import CORPUS, RAW
from db.loader import document_counts
from keikaku.ingest import ingest

COPIES = 4

# Every table of records that belongs to one document, and how to reach the document from it.
OWNED = {
    "toc_entries": "document_id", "sections": "document_id", "measures": "document_id",
    "schedule_items": "document_id", "statements": "document_id", "targets": "document_id",
    "warnings": "document_id",
}


def write_batch(folder):
    """COPIES copies of each supplied plan that differ only by trailing blank lines (a new sha256 each,
    the same records)."""
    folder.mkdir()
    for i in range(COPIES):
        for stem in CORPUS:
            text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
            (folder / f"{stem}_copy{i}.txt").write_text(text + "\n" * (i + 1), encoding="utf-8")


def expected_counts(tmp_path):
    """Records and warnings of a full load of each supplied plan, by file stem."""
    path = tmp_path / "reference.db"
    ingest([str(RAW)], str(path), echo=lambda line: None)
    db = sqlite_utils.Database(path)
    return {Path(row["source_file"]).stem: counts(db, row["id"]) for row in db["documents"].rows}


def counts(db, document_id):
    warnings = db.execute("select count(*) from warnings where document_id = ?", [document_id]).fetchone()[0]
    return {**document_counts(db, document_id), "warnings": warnings}


def writing(path) -> bool:
    """True while another connection holds the write lock (a document's transaction is open)."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("begin immediate")
        conn.execute("rollback")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def loaded_documents(path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0)
        try:
            return conn.execute("select count(*) from documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or busy
        return 0


def kill_while_loading(folder, db_path, after: int) -> None:
    """Run the batch; SIGKILL it inside a document's transaction once `after` documents are loaded."""
    command = [sys.executable, "-m", "keikaku", "ingest", str(folder), "--db", str(db_path)]
    process = subprocess.Popen(command, cwd=folder.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"the batch finished (exit {process.returncode}) before it could be killed: "
                            f"{process.stderr.read().decode()}")
            if db_path.exists() and loaded_documents(db_path) >= after and writing(db_path):
                os.kill(process.pid, signal.SIGKILL)
                process.wait(10)
                return
            time.sleep(0.001)
        pytest.fail("the batch was never seen loading a document")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_killed_batch_keeps_every_finished_document_whole(tmp_path):
    folder = tmp_path / "batch"
    write_batch(folder)
    expected = expected_counts(tmp_path)
    db_path = tmp_path / "killed.db"

    kill_while_loading(folder, db_path, after=3)

    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    documents = list(db["documents"].rows)
    assert 3 <= len(documents) < COPIES * len(CORPUS)
    for document in documents:
        stem = Path(document["source_file"]).name.rsplit("_copy", 1)[0]
        assert counts(db, document["id"]) == expected[stem], document["source_file"]
    # nothing of the document that was being loaded: no orphans, no plan or town without a document
    for table, column in OWNED.items():
        orphans = db.execute(f"select count(*) from {table} where {column} not in (select id from documents)")
        assert orphans.fetchone()[0] == 0, table
    assert db.execute("select count(*) from schedule_cells where schedule_item_id not in "
                      "(select id from schedule_items)").fetchone()[0] == 0
    assert db.execute("select count(*) from plans where id not in (select plan_id from documents)").fetchone()[0] == 0
    assert db.execute("select count(*) from municipalities where id not in "
                      "(select municipality_id from plans where municipality_id is not null)").fetchone()[0] == 0
    # one current revision per plan, the latest
    for plan in db["plans"].rows:
        revisions = [(d["revision"], d["is_current"]) for d in documents if d["plan_id"] == plan["id"]]
        assert sorted(revisions)[-1][1] == 1 and sum(current for _, current in revisions) == 1
    # each loaded document was logged in its own transaction: log rows and documents match
    logged = {r["document_id"] for r in db.query("select document_id from ingest_log where outcome = 'loaded'")}
    assert logged == {d["id"] for d in documents}

    # running the batch again loads the rest and keeps what had finished
    before = {d["sha256"]: d["id"] for d in documents}
    result = subprocess.run([sys.executable, "-m", "keikaku", "ingest", str(folder), "--db", str(db_path),
                             "--jobs", "2"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": unchanged:") == len(documents)
    db = sqlite_utils.Database(db_path)
    assert db["documents"].count == COPIES * len(CORPUS)
    assert {d["sha256"]: d["id"] for d in db["documents"].rows if d["sha256"] in before} == before
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
