"""Bad input as a user meets it: each bad file gets one line `error: FILE: reason`, the batch goes on,
every attempt is in ingest_log, nothing already loaded is lost, and no path of this machine is stored."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from conftest import CORPUS, RAW
from keikaku.cli import main

# A Japanese text that is not a plan: a press release with a date, a department and numbered items.
PRESS_RELEASE = """報道発表資料
令和6年4月1日
○○市 総務部 広報広聴課

市立図書館の開館時間を延長します

市は、令和6年5月1日から市立図書館の開館時間を午後8時まで延長します。
利用者アンケートで要望の多かった平日夜間の利用に応えるものです。

1 開始日 令和6年5月1日（水）
2 開館時間 午前9時から午後8時まで
3 問い合わせ先 教育委員会 生涯学習課 電話 0000-00-0000
"""


def enormous_line(size: int = 5_000_000) -> bytes:
    """A supplied plan with its line breaks lost, repeated to `size` bytes: one line."""
    flat = (RAW / f"{CORPUS[0]}.txt").read_text(encoding="utf-8").replace("\n", " ").encode("utf-8")
    return (flat * (size // len(flat) + 1))[:size].decode("utf-8", errors="ignore").encode("utf-8")


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer: the lines in Helvetica."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def run(args, cwd, timeout=60):
    """The keikaku command in its own process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "keikaku", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def stored_text(db) -> list[str]:
    """Every text value of every table."""
    values = []
    for table in db.table_names():
        for row in db[table].rows:
            values.extend(v for v in row.values() if isinstance(v, str))
    return values


def test_a_batch_of_good_and_bad_files(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for stem in CORPUS[:4]:
        shutil.copy(RAW / f"{stem}.txt", batch)
    (batch / "nested").mkdir()
    shutil.copy(RAW / f"{CORPUS[4]}.txt", batch / "nested")
    bad = {  # stored name -> the reason printed
        "empty.txt": "empty file",
        "garbage.txt": "binary data (NUL bytes), not a text file",
        "undecodable.txt": "text is neither UTF-8 nor Shift_JIS (CP932)",
        "cut_off.txt": "Shift_JIS text cut off in the middle of a character (a truncated download?)",
        "one_line.txt": "a line of 1,953,861 characters: not a text rendering of a plan (line breaks lost?)",
        "press_release.txt": "not read as a plan: no measures, schedule tables, targets, statements, block words, KPI lines, 目次 or plan title, and 0 of the words of a plan's structure (計画期間, 施策, 指標 …; 3 needed) in 12 lines",
        "pipe.txt": "not a regular file (a named pipe)",
        "loop.txt": "cannot read file (Too many levels of symbolic links)",
        "truncated.pdf": None,  # the PDF reader's own reason
        "leaflet.pdf": "not read as a plan: no measures, schedule tables, targets, statements, block words, KPI lines, 目次 or plan title, and 0 of the words of a plan's structure (計画期間, 施策, 指標 …; 3 needed) in 1 page",
    }
    (batch / "empty.txt").write_bytes(b"")
    (batch / "garbage.txt").write_bytes(bytes(range(256)) * 16)
    (batch / "undecodable.txt").write_bytes("計画".encode("cp932") + b"\x85\x40" + "施策".encode("utf-8"))
    (batch / "cut_off.txt").write_bytes(PRESS_RELEASE.encode("cp932") + "計".encode("cp932")[:1])
    (batch / "one_line.txt").write_bytes(enormous_line())
    (batch / "press_release.txt").write_text(PRESS_RELEASE, encoding="utf-8")
    os.mkfifo(batch / "pipe.txt")  # opening it would wait for a writer forever
    (batch / "loop.txt").symlink_to("loop.txt")
    (batch / "nested" / "back").symlink_to("..")  # a folder loop: links to folders are not followed
    (batch / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    (batch / "leaflet.pdf").write_bytes(tiny_pdf(["Press release", "The library opens on 1 May."]))

    started = time.monotonic()
    result = run(["ingest", "batch", "--db", "x.db"], cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    summaries = [line for line in lines if ": revision 1: " in line]
    errors = [line for line in lines if line.startswith("error: ")]
    good = [f"batch/{stem}.txt" for stem in CORPUS[:4]] + [f"batch/nested/{CORPUS[4]}.txt"]
    assert sorted(line.split(": ")[0] for line in summaries) == sorted(good)
    assert lines[-1] == f"5 loaded, 0 unchanged, {len(bad)} failed -> x.db"
    assert len(lines) == len(summaries) + len(errors) + 1
    for name, reason in bad.items():
        named = [line for line in errors if line.startswith(f"error: batch/{name}: ")]
        assert len(named) == 1, name
        if reason:
            assert named[0] == f"error: batch/{name}: {reason}"
    assert any("PDF" in line for line in errors if "truncated.pdf" in line)

    db = sqlite_utils.Database(tmp_path / "x.db")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert sorted(r["source_file"] for r in db["documents"].rows) == sorted(
        [f"{s}.txt" for s in CORPUS[:4]] + [f"nested/{CORPUS[4]}.txt"])
    log = list(db.query("select * from ingest_log order by id"))
    assert len(log) == 5 + len(bad) and {r["batch"] for r in log} == {1}
    assert {r["file"] for r in log if r["outcome"] == "failed"} == set(bad)
    assert all(r["started_at"] <= r["finished_at"] for r in log)
    for row in log:
        if row["outcome"] == "loaded":
            assert row["document_id"] and row["sha256"] and '"measures"' in row["counts"]
        else:
            assert row["document_id"] is None and row["message"]
    by_file = {r["file"]: r for r in log}
    assert by_file["pipe.txt"]["sha256"] is None and by_file["loop.txt"]["sha256"] is None
    assert by_file["press_release.txt"]["sha256"] and by_file["press_release.txt"]["size"] > 0
    assert not any(str(tmp_path) in value for value in stored_text(db))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="runs as root, who can read a file and a folder of mode 000")
def test_unreadable_file_and_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "plans"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(RAW / f"{CORPUS[0]}.txt", folder)
    shutil.copy(RAW / f"{CORPUS[1]}.txt", folder / "unreadable.txt")
    (folder / "unreadable.txt").chmod(0)
    (folder / "locked").chmod(0)
    try:
        result = CliRunner().invoke(main, ["ingest", "plans", "--db", "x.db"])
    finally:
        (folder / "unreadable.txt").chmod(0o644)
        (folder / "locked").chmod(0o755)
    assert result.exit_code == 1
    assert "error: plans/unreadable.txt: cannot read file (Permission denied)" in result.output
    assert "error: plans/locked: cannot read folder (Permission denied)" in result.output
    assert sqlite_utils.Database(tmp_path / "x.db")["documents"].count == 1


def test_a_text_that_is_not_a_plan_is_refused(tmp_path, monkeypatch):
    """Decision (README): a document with no measure, schedule table or target is not loaded."""
    monkeypatch.chdir(tmp_path)
    Path("press.txt").write_text(PRESS_RELEASE, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "press.txt", "--db", "x.db"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == \
        "error: press.txt: not read as a plan: no measures, schedule tables, targets, statements, block words, KPI lines, 目次 or plan title, and 0 of the words of a plan's structure (計画期間, 施策, 指標 …; 3 needed) in 12 lines"
    db = sqlite_utils.Database("x.db")
    assert [db[t].count for t in ("documents", "plans", "municipalities", "sections")] == [0, 0, 0, 0]
    [row] = db["ingest_log"].rows
    assert (row["file"], row["outcome"], row["size"]) == ("press.txt", "failed", len(PRESS_RELEASE.encode()))


MINUTES = """令和6年度第1回みどり市DX推進委員会 会議結果
開催日時
令和6年8月9日(金曜日)13時30分から15時まで
出席者
委員8名
議事概要
○「みどり市DX推進計画」の令和5年度の取組実績と、次期計画の施策体系、目標値の設定について説明した。
【今後の取組について】
委員から、行政手続のオンライン化の進捗を指標で示すよう意見があった。
"""


def test_a_meetings_record_about_a_plan_is_refused_and_says_what_it_is(tmp_path, monkeypatch):
    """A meeting's record quotes plan words and a block word (今後の取組) but gives no measure, target or
    schedule: refused, the line naming the words of its genre."""
    monkeypatch.chdir(tmp_path)
    Path("minutes.txt").write_text(MINUTES, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "minutes.txt", "--db", "x.db"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "error: minutes.txt: not read as a plan: no measures, targets or schedules, and the words of a meeting's "
        "record, a press release or a notice about a plan (開催日時, 出席者, 議事概要) in 9 lines")


def slow_plan() -> str:
    """A long plan (one supplied plan ten times over): more than a second to read and extract."""
    return (RAW / f"{CORPUS[3]}.txt").read_text(encoding="utf-8") * 10


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_time_limit_stops_one_document(tmp_path, monkeypatch, jobs):
    monkeypatch.chdir(tmp_path)
    Path("slow.txt").write_text(slow_plan(), encoding="utf-8")
    Path("slow2.txt").write_text(slow_plan() + "\n", encoding="utf-8")
    shutil.copy(RAW / f"{CORPUS[1]}.txt", "good.txt")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["ingest", "slow.txt", "slow2.txt", "good.txt", "--db", "x.db",
                                       "--time-limit", "0.3", "--jobs", jobs])
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    for name in ("slow.txt", "slow2.txt"):
        assert f"error: {name}: reading and extraction stopped at the time limit of 0.3 s (--time-limit)" \
            in result.output.splitlines()
    assert "good.txt: revision 1:" in result.output
    assert "Traceback" not in result.output
    db = sqlite_utils.Database("x.db")
    assert [r["source_file"] for r in db["documents"].rows] == ["good.txt"]
    assert sorted(r["outcome"] for r in db["ingest_log"].rows) == ["failed", "failed", "loaded"]


def test_debug_shows_the_traceback_under_the_error_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("slow.txt").write_text(slow_plan(), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "slow.txt", "--db", "x.db", "--time-limit", "0.2", "--debug"])
    lines = result.output.splitlines()
    assert lines[0].startswith("error: slow.txt: reading and extraction stopped")
    assert lines[1] == "Traceback (most recent call last):" and "TimeLimitExceeded" in result.output


def test_size_limit_refuses_before_reading(plans, tmp_path):
    result = CliRunner().invoke(main, ["ingest", "raw", "--db", "x.db", "--max-size", "0.05"])
    assert result.exit_code == 1
    sizes = {stem: (RAW / f"{stem}.txt").stat().st_size for stem in CORPUS}
    for stem, size in sizes.items():
        if size > 50_000:
            assert f"error: raw/{stem}.txt: file is {size / 1e6:.3g} MB, larger than the size limit of " \
                   f"0.05 MB (--max-size)" in result.output.splitlines()
        else:
            assert f"raw/{stem}.txt: revision 1:" in result.output
    db = sqlite_utils.Database("x.db")
    assert db["documents"].count == sum(1 for size in sizes.values() if size <= 50_000)
    refused = [r for r in db["ingest_log"].rows if r["outcome"] == "failed"]
    assert refused and all(r["sha256"] is None for r in refused)


def test_a_failed_load_keeps_nothing_of_it_and_is_logged(plans, tmp_path):
    """A document whose load fails half-way (a trigger refuses its statements) leaves no row behind;
    the documents before and after it load; its log row is written after the rollback."""
    db = sqlite_utils.Database("x.db")
    from db.schema import create_schema

    create_schema(db)
    failing = f"{CORPUS[2]}.txt"
    db.execute(f"""create trigger refuse before insert on statements
                   when (select source_file from documents where id = new.document_id) = '{failing}'
                   begin select raise(abort, 'refused by a test trigger'); end""")
    result = CliRunner().invoke(main, ["ingest", "raw", "--db", "x.db"])
    assert result.exit_code == 1
    assert f"error: raw/{failing}: could not be loaded (IntegrityError: refused by a test trigger); " \
           f"nothing of it was kept" in result.output.splitlines()
    db = sqlite_utils.Database("x.db")
    assert db["documents"].count == len(CORPUS) - 1
    for table in ("sections", "measures", "toc_entries", "schedule_items", "warnings"):
        assert db.execute(f"select count(*) from {table} where document_id not in "
                          "(select id from documents)").fetchone()[0] == 0
    assert db.execute("select count(*) from plans where id not in (select plan_id from documents)").fetchone()[0] == 0
    [row] = db.query("select * from ingest_log where outcome = 'failed'")
    assert row["file"] == failing and "refused by a test trigger" in row["message"] and row["sha256"]


def test_unusable_database_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("not.db").write_bytes(b"this is not a database" * 100)
    shutil.copy(RAW / f"{CORPUS[0]}.txt", "plan.txt")
    result = CliRunner().invoke(main, ["ingest", "plan.txt", "--db", "not.db"])
    assert result.exit_code == 1
    assert result.output == "Error: cannot use database not.db: file is not a database\n"


def test_no_path_of_this_machine_is_stored(tmp_path, monkeypatch):
    """source_file and ingest_log.file are relative to the folder given (a file given: its name)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(RAW / f"{CORPUS[0]}.txt", folder)
    shutil.copy(RAW / f"{CORPUS[1]}.txt", folder / "sub")
    shutil.copy(RAW / f"{CORPUS[2]}.txt", tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["ingest", str(folder), str(tmp_path / f"{CORPUS[2]}.txt"),
                                       str(tmp_path / "missing.txt"), "--db", "x.db"])
    assert result.exit_code == 1
    db = sqlite_utils.Database("x.db")
    assert sorted(r["source_file"] for r in db["documents"].rows) == sorted(
        [f"{CORPUS[0]}.txt", f"sub/{CORPUS[1]}.txt", f"{CORPUS[2]}.txt"])
    assert sorted(r["file"] for r in db["ingest_log"].rows) == sorted(
        [f"{CORPUS[0]}.txt", f"sub/{CORPUS[1]}.txt", f"{CORPUS[2]}.txt", "empty.txt", "missing.txt"])
    home, tmp = str(Path.home()), str(tmp_path)
    for value in stored_text(db):
        assert not value.startswith("/") and tmp not in value and (home == "/" or home not in value), value
    # the same file ingested from elsewhere is the same document
    again = CliRunner().invoke(main, ["ingest", "plans", "--db", "x.db"])
    assert again.exit_code == 1 and again.output.count(": unchanged:") == 2


def test_unsupported_file_given_by_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("plan.pptx").write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(main, ["ingest", "plan.pptx", "--db", "x.db"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("error: plan.pptx: unsupported file type .pptx: use .txt, .text, .pdf, "
                                             ".html, .htm, .docx, .xlsx")


def test_one_at_a_time_the_lines_come_in_the_order_of_the_files(tmp_path):
    """The next file is read while this one is loaded, and still each line comes in its file's turn: a
    file that cannot be read, or that is loaded already, between two that are read."""
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(RAW / f"{CORPUS[0]}.txt", batch / "a.txt")
    (batch / "b.txt").write_bytes(b"")
    shutil.copy(RAW / f"{CORPUS[1]}.txt", batch / "c.txt")
    shutil.copy(RAW / f"{CORPUS[0]}.txt", batch / "d.txt")  # the bytes of a.txt
    shutil.copy(RAW / f"{CORPUS[2]}.txt", batch / "e.txt")
    result = run(["ingest", "batch", "--db", "x.db"], cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.removeprefix("error: ").split(": ")[0] for line in lines[:-1]] == [
        f"batch/{name}.txt" for name in "abcde"]
    assert lines[1] == "error: batch/b.txt: empty file" and ": unchanged: " in lines[3]
    assert lines[-1] == "3 loaded, 1 unchanged, 1 failed -> x.db"
    rerun = run(["ingest", "batch", "--db", "x.db"], cwd=tmp_path)
    assert [line.removeprefix("error: ").split(": ")[0] for line in rerun.stdout.splitlines()[:-1]] == [
        f"batch/{name}.txt" for name in "abcde"]


def test_settings_reach_the_reader_and_the_extractors_in_the_worker(tmp_path):
    """IngestSettings carries the readers' and extractors' settings to the process that reads each file."""
    from keikaku.ingest import IngestSettings, ingest

    deck = Path(__file__).resolve().parent / "pdfs" / "deck-side-by-side-boxes.pdf"  # 7 slides
    lines = []
    outcomes = ingest([str(deck)], str(tmp_path / "x.db"), echo=lines.append,
                      settings=IngestSettings(reading={"pdf": {"max_pages": 1}}))
    assert lines[0].endswith("deck-side-by-side-boxes.pdf: too many pages (7; the limit is 1)"), lines
    with pytest.raises(ValueError, match=r"unknown setting\(s\) \['max_page'\]"):
        IngestSettings(reading={"pdf": {"max_page": 1}})
    with pytest.raises(ValueError, match=r"unknown setting\(s\) \['tocs'\]"):
        IngestSettings(extraction={"tocs": {}})
    outcomes = ingest([str(RAW / f"{CORPUS[0]}.txt")], str(tmp_path / "y.db"), echo=lines.append,
                      settings=IngestSettings(reading={"text": {"max_heading_length": 60}}, extraction={}))
    assert outcomes[0].ok


def test_a_script_that_ingests_as_it_is_imported_gets_one_clear_error(tmp_path):
    """A library caller's script without `if __name__ == "__main__":`: the worker process cannot start (Python runs the
    script again in it); ingest() says so in one IngestError, with no traceback of a thread or of the pool."""
    script, plan, db = tmp_path / "unguarded.py", str(RAW / f"{CORPUS[0]}.txt"), str(tmp_path / "k.db")
    script.write_text("from keikaku.ingest import ingest, IngestError\n"
                      "try:\n"
                      f"    ingest([{plan!r}], {db!r}, echo=lambda line: None)\n"
                      "except IngestError as e:\n"
                      "    print('IngestError:', e)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "IngestError: cannot run a worker process: a worker process could not be started" in done.stdout
    assert 'if __name__ == "__main__":' in done.stdout
    assert "Traceback" not in done.stderr, done.stderr
