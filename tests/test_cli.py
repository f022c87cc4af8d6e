"""The keikaku command as a user runs it: a real SQLite file, the supplied plans, bad files."""
import sqlite_utils
from click.testing import CliRunner

from conftest import RAW
from keikaku.cli import main

TABLES = ["municipalities", "plans", "documents", "toc_entries", "sections", "measures", "departments",
          "measure_departments", "warnings"]


def snapshot(db_path):
    db = sqlite_utils.Database(db_path)
    return {t: [tuple(v for k, v in r.items() if k != "ingested_at") for r in db[t].rows] for t in TABLES}


def test_every_command_has_help():
    runner = CliRunner()
    for args in ([], ["ingest"], ["status"], ["diff"], ["serve"], ["export"], ["report"]):
        result = runner.invoke(main, args + ["--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output and len(result.output.splitlines()) > 3


def test_ingest_twice_changes_nothing(plans, tmp_path):
    runner = CliRunner()
    db_path = str(tmp_path / "x.db")
    first = runner.invoke(main, ["ingest", "raw", "--db", db_path])
    assert first.exit_code == 0, first.output
    lines = [l for l in first.output.splitlines() if l.startswith("raw/")]
    assert len(lines) == 5 and all("revision 1" in l for l in lines)
    assert "17 measures" in lines[0]
    before = snapshot(db_path)
    second = runner.invoke(main, ["ingest", "raw", "--db", db_path])
    assert second.exit_code == 0
    assert second.output.count(": unchanged:") == 5 and "0 loaded, 5 unchanged" in second.output
    assert snapshot(db_path) == before
    db = sqlite_utils.Database(db_path)
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    # paths are stored relative to the folder ingested, never absolute
    assert all(not r["source_file"].startswith("/") for r in db["documents"].rows)


def test_status_lists_documents(plans, tmp_path):
    runner = CliRunner()
    db_path = str(tmp_path / "x.db")
    runner.invoke(main, ["ingest", "raw", "--db", db_path])
    result = runner.invoke(main, ["status", "--db", db_path])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 5 and "東員町" in result.output


def test_bad_files_fail_alone(plans, tmp_path):
    (plans / "empty.txt").write_bytes(b"")
    (plans / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    (plans / "notapdf.pdf").write_bytes(b"<html>not found</html>")
    runner = CliRunner()
    db_path = str(tmp_path / "x.db")
    result = runner.invoke(main, ["ingest", "raw", "--db", db_path])
    assert result.exit_code == 1
    errors = [l for l in result.output.splitlines() if l.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt" in l and "empty file" in l for l in errors)
    assert any("garbage.txt" in l and "binary" in l for l in errors)
    assert any("notapdf.pdf" in l and "not a PDF" in l for l in errors)
    assert "Traceback" not in result.output
    assert sqlite_utils.Database(db_path)["documents"].count == 5


def test_shift_jis_text_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (RAW / "004_d03faeff123ca5e9.txt").read_text(encoding="utf-8")
    (tmp_path / "sjis.txt").write_bytes(text.encode("cp932", errors="replace"))
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", "sjis.txt", "--db", "s.db"])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "s.db")
    assert db["measures"].count == 24
    assert [r["name"] for r in db["municipalities"].rows] == ["東員町"]


def test_jobs_give_the_same_records(plans, tmp_path):
    runner = CliRunner()
    runner.invoke(main, ["ingest", "raw", "--db", str(tmp_path / "one.db")])
    result = runner.invoke(main, ["ingest", "raw", "--db", str(tmp_path / "two.db"), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    one, two = snapshot(tmp_path / "one.db"), snapshot(tmp_path / "two.db")
    assert {t: len(v) for t, v in one.items()} == {t: len(v) for t, v in two.items()}
    assert one["measures"] == two["measures"]


def test_missing_path_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["ingest", "nowhere", "--db", "x.db"])
    assert result.exit_code == 1 and "nowhere: no such file or folder" in result.output


def test_ingest_takes_the_readers_and_extractors_settings(tmp_path):
    from pathlib import Path

    deck = Path(__file__).resolve().parent / "pdfs" / "deck-side-by-side-boxes.pdf"  # 7 slides
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(deck), "--db", str(tmp_path / "x.db"),
                                  "--settings", '{"reading": {"pdf": {"max_pages": 1}}}'])
    assert result.exit_code == 1 and "too many pages (7; the limit is 1)" in result.output
    (tmp_path / "settings.json").write_text('{"reading": {"pdf": {"max_page": 1}}}', encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(deck), "--db", str(tmp_path / "x.db"),
                                  "--settings", str(tmp_path / "settings.json")])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --settings: PdfReaderSettings: unknown setting(s) ['max_page']"
