"""A live database (issue 27): served while ingests run, two ingests at once, a killed ingest, time
limits that always hold, read-only commands that never create a database. Real processes, a real
SQLite file, Datasette over loopback."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile

from conftest import CORPUS, LAYOUT_DIR, LAYOUTS, RAW
from keikaku.cli import main
from test_serve import free_port

REVISIONS = 20
PLAN = LAYOUT_DIR / f"{LAYOUTS[2]}.txt"  # the shortest plan: its revisions load quickly


def keikaku(*args, cwd):
    return subprocess.Popen([sys.executable, "-m", "keikaku", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def start_server(db_path, cwd):
    """`keikaku serve` on a free port, its log in a file (a pipe nobody reads would fill and stop it)."""
    port = free_port()
    log = open(Path(cwd) / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "keikaku", "serve", "--db", str(db_path), "--port", str(port)],
                              cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=2)
            return server, url
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                server.wait(10)
                raise AssertionError("keikaku serve did not start: " + (Path(cwd) / "serve.log").read_text())
            time.sleep(0.1)


class Client:
    """Queries the served database over and over until stopped: the canned search and by_fiscal_year
    (the schedule), and what is committed (documents, and documents lacking their log row or index)."""

    STATE = ("select (select count(*) from documents) as documents, "
             "(select count(*) from documents d where not exists "
             "(select 1 from ingest_log l where l.document_id = d.id and l.outcome = 'loaded')) as unlogged, "
             "(select count(*) from documents d where not exists "
             "(select 1 from search_index s where s.document_id = d.id)) as unindexed")

    def __init__(self, url):
        self.url, self.stop = url, threading.Event()
        self.answered, self.errors, self.counts, self.slowest = 0, [], [], 0.0

    def get(self, path, **params):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{self.url}{path}?{urllib.parse.urlencode(params)}", timeout=30) as r:
                return json.loads(r.read())
        except Exception as e:
            raise type(e)(f"{path} after {time.monotonic() - started:.1f} s: {e}") from None
        finally:
            self.slowest = max(self.slowest, time.monotonic() - started)

    def run(self):
        while not self.stop.is_set():
            try:
                self.get("/keikaku/search.json", q="窓口", _shape="objects")
                self.get("/keikaku/by_fiscal_year.json", fy="2024", _shape="objects")
                state = self.get("/keikaku.json", sql=self.STATE, _shape="objects")["rows"][0]
                self.answered += 3
                self.counts.append(state["documents"])
                if state["unlogged"] or state["unindexed"]:
                    self.errors.append(f"a half-loaded document: {state}")
            except Exception as e:  # every failure is counted, none stops the client
                self.errors.append(f"{type(e).__name__}: {e}")


def write_revisions(folder: Path) -> None:
    """REVISIONS revisions of one plan, each a new file: a year cell changed, a line added."""
    folder.mkdir()
    text = PLAN.read_text(encoding="utf-8")
    for i in range(1, REVISIONS + 1):
        (folder / f"rev{i:02}.txt").write_text(text + f"\n改定{i}回目の追記\n", encoding="utf-8")


def test_served_database_sees_every_revision_while_two_ingests_write(tmp_path):
    """The soak: `keikaku serve` answers throughout while one process ingests 20 revisions of a plan
    and another a folder, started together (both load everything, neither fails a file on the lock);
    the folder's ingest is killed (SIGKILL) once and run again. Every answer is a committed state."""
    db_path = tmp_path / "live.db"
    seed = subprocess.run([sys.executable, "-m", "keikaku", "ingest", str(RAW / f"{CORPUS[0]}.txt"),
                           "--db", str(db_path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert seed.returncode == 0, seed.stdout + seed.stderr
    write_revisions(tmp_path / "revisions")
    folder = tmp_path / "folder"
    folder.mkdir()
    for stem in CORPUS[1:]:
        (folder / f"{stem}.txt").write_bytes((RAW / f"{stem}.txt").read_bytes())

    server, url = start_server(db_path, tmp_path)
    client = Client(url)
    reader = threading.Thread(target=client.run)
    started = time.monotonic()
    try:
        reader.start()
        revisions = keikaku("ingest", "revisions", "--db", str(db_path), cwd=tmp_path)
        batch = keikaku("ingest", "folder", "--db", str(db_path), cwd=tmp_path)
        deadline = time.monotonic() + 120
        while batch.poll() is None and loaded(db_path) < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        if batch.poll() is None:
            os.kill(batch.pid, signal.SIGKILL)  # wherever it is: in a transaction, waiting, or reading
        batch.wait(10)
        rerun = keikaku("ingest", "folder", "--db", str(db_path), cwd=tmp_path)
        revisions_out = revisions.communicate(timeout=180)[0]
        rerun_out = rerun.communicate(timeout=180)[0]
        client.stop.set()
        reader.join(60)
    finally:
        client.stop.set()
        for process in (server, locals().get("revisions"), locals().get("batch"), locals().get("rerun")):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(10)
    elapsed = time.monotonic() - started

    assert revisions.returncode == 0, revisions_out
    assert revisions_out.count(": revision ") == REVISIONS and "locked" not in revisions_out
    assert rerun.returncode == 0, rerun_out
    assert "locked" not in rerun_out
    db = sqlite3.connect(db_path)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select count(*) from documents").fetchone()[0] == 1 + REVISIONS + len(CORPUS) - 1
    assert [r[0] for r in db.execute("select revision from documents where source_file like 'rev%' "
                                     "order by source_file")] == list(range(1, REVISIONS + 1))
    assert db.execute("select count(*) from documents where source_file like 'rev%' and is_current = 1"
                      ).fetchone()[0] == 1
    revision_batches = {r[0] for r in db.execute("select batch from ingest_log where file like 'rev%'")}
    other_batches = {r[0] for r in db.execute("select batch from ingest_log where file not like 'rev%'")}
    assert len(revision_batches) == 1 and not revision_batches & other_batches  # each run its own number
    assert client.errors == []
    assert client.counts == sorted(client.counts)  # never goes down
    assert client.counts[-1] == 1 + REVISIONS + len(CORPUS) - 1 and client.answered > 30
    print(f"soak: {client.answered} queries answered in {elapsed:.1f} s, {len(client.errors)} errors, "
          f"{REVISIONS} revisions and {len(CORPUS) - 1} plans loaded by two ingests (one killed and rerun), "
          f"document count seen {client.counts[0]} → {client.counts[-1]}, slowest answer {client.slowest:.2f} s")


def loaded(db_path) -> int:
    """Documents loaded from the folder (not the seed, not a revision); 0 while none can be read."""
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from documents where source_file not like 'rev%' and "
                                "source_file != ?", [f"{CORPUS[0]}.txt"]).fetchone()[0]
    except sqlite3.Error:
        return 0


def slow_plan() -> str:
    return (RAW / f"{CORPUS[3]}.txt").read_text(encoding="utf-8") * 10


def test_time_limit_holds_every_time(tmp_path):
    """50 over-long documents, each stopped at the limit (the worker ended from outside): every one
    refused with its line, none loaded, no exception swallowed in a finaliser."""
    folder = tmp_path / "slow"
    folder.mkdir()
    for i in range(50):
        (folder / f"slow{i:02}.txt").write_text(slow_plan() + "\n" * i, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "keikaku", "ingest", "slow", "--db", "x.db", "--jobs", "2",
                             "--time-limit", "0.1"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    refused = [line for line in result.stdout.splitlines()
               if line.endswith(": reading and extraction stopped at the time limit of 0.1 s (--time-limit)")]
    assert len(refused) == 50, result.stdout + result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    db = sqlite3.connect(tmp_path / "x.db")
    assert db.execute("select count(*) from documents").fetchone()[0] == 0
    assert db.execute("select count(*) from ingest_log where outcome = 'failed'").fetchone()[0] == 50


def test_memory_limit_stops_one_document(tmp_path, monkeypatch):
    """A document whose worker passes the memory limit (a PDF stream inflating to 80 MB, under the
    stream cap, in a worker of about 200 MB) is refused with one line; the next one loads."""
    monkeypatch.chdir(tmp_path)
    stream = hostile._stream(hostile._deflate(80 << 20), b"/Filter /FlateDecode ")
    Path("big.pdf").write_bytes(hostile._pdf(hostile._page_objects(stream)))
    Path("good.txt").write_bytes((RAW / f"{CORPUS[1]}.txt").read_bytes())
    result = CliRunner().invoke(main, ["ingest", "big.pdf", "good.txt", "--db", "x.db", "--memory-limit", "250"])
    lines = result.output.splitlines()
    assert lines[0] == "error: big.pdf: reading and extraction stopped at the memory limit of 250 MB (--memory-limit)"
    assert lines[1].startswith("good.txt: revision 1:") and result.exit_code == 1


@pytest.mark.parametrize("command", [["status"], ["diff", "柴田町"]])
def test_read_only_commands_never_create_a_database(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*command, "--db", "none.db"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: none.db: no such database (run `keikaku ingest PATH --db none.db` or `make ingest` first, "
        "or give --db)"]
    assert list(tmp_path.iterdir()) == []


def test_a_writer_waits_for_another_and_says_so(tmp_path):
    """While another connection holds the write lock for 2 s, an ingest waits (one line after a
    second) and then loads, instead of failing its file with 'database is locked'."""
    from keikaku.ingest import ingest

    db_path = tmp_path / "x.db"
    ingest([str(LAYOUT_DIR / f"{LAYOUTS[0]}.txt")], str(db_path), echo=lambda line: None)
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("begin immediate")
    release = threading.Timer(2.0, holder.execute, ["commit"])
    release.start()
    lines = []
    try:
        outcomes = ingest([str(PLAN)], str(db_path), echo=lines.append)
    finally:
        release.join()
    assert [o.outcome for o in outcomes] == ["loaded"]
    assert any(line.startswith(f"waiting: {db_path} is being written by another process") for line in lines)


def test_loading_stops_at_the_time_limit(tmp_path):
    """Loading, with its analysis (topics, search index, changes), is inside the time limit too: SQLite
    interrupts it and nothing of the document is kept."""
    from db.connection import open_writer, write_transaction
    from db.schema import create_schema
    from db.topics import sync_topics
    from keikaku.ingest import IngestSettings, Source, Task, _Batch, prepare

    path = tmp_path / "long.txt"
    path.write_text(hostile.long_table(3000), encoding="utf-8")
    item = prepare(Task(Source(path, "long.txt"), "2026-01-01T00:00:00", "", 0), IngestSettings(time_limit=0))
    assert item.error is None
    db = open_writer(tmp_path / "x.db")
    with write_transaction(db):
        create_schema(db)
        sync_topics(db)
    lines = []
    _Batch(db, lines.append, False, 1, time_limit=0.05).load(item)
    assert lines == [f"error: {path.as_posix()}: loading stopped at the time limit of 0.05 s (--time-limit); "
                     "nothing of it was kept"]
    assert db["documents"].count == 0 and db["search_index"].count == 0
    assert [r["outcome"] for r in db["ingest_log"].rows] == ["failed"]
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
