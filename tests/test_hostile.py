"""Issue 30: a batch of hostile files (tests/hostile.py) beside a good plan. Every bad file is refused
with one line, in seconds or at the limits, the good plan loads, memory stays bounded, the database
stays whole."""
import sqlite3
import subprocess
import sys
import time

from conftest import CORPUS, RAW
import hostile

TIME_LIMIT = 5  # seconds: what is not refused for a reason of its own (long_table.txt) stops here


def test_hostile_batch_is_refused_file_by_file(tmp_path):
    paths = hostile.write_batch(tmp_path / "hostile")
    assert all(p.stat().st_size < 10_000_000 for p in paths)
    good = tmp_path / "good.txt"
    good.write_bytes((RAW / f"{CORPUS[1]}.txt").read_bytes())
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "keikaku", "ingest", *(str(p) for p in paths), str(good),
                             "--db", "x.db", "--jobs", "2", "--time-limit", str(TIME_LIMIT)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - started
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for path in paths:  # one line each, naming the file
        assert len([line for line in lines if line.startswith(f"error: {path}: ")]) == 1, (path, lines)
    assert any(line.startswith(f"{good}: revision 1:") for line in lines)
    db = sqlite3.connect(tmp_path / "x.db")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert [r[0] for r in db.execute("select source_file from documents")] == ["good.txt"]
    peak = db.execute("select peak_worker_memory from ingest_batches").fetchone()[0]
    assert peak < 1_500_000_000
    assert elapsed < 300
    figures = db.execute("select file, round((julianday(finished_at) - julianday(started_at)) * 86400, 1), "
                         "message from ingest_log where outcome = 'failed' order by id").fetchall()
    for file, seconds, message in figures:
        print(f"{file}: {seconds} s: {message}")
    print(f"batch: {elapsed:.1f} s, peak worker memory {peak / 1e6:.0f} MB")
