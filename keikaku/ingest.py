"""Ingest files into a database: read, extract, load; one line of summary per document."""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from db.loader import COUNTED, existing_result, find_document, load_document
from db.schema import open_database
from db.search import index_missing
from extractors import Extraction, extract_all
from pipeline import READERS, ReadError, read_document

DEFAULT_DB = os.environ.get("KEIKAKU_DB", "keikaku.db")


@dataclass
class Outcome:
    source_file: str
    ok: bool
    message: str
    unchanged: bool = False


@dataclass
class Prepared:
    source_file: str
    sha256: str
    source_format: str = ""
    extraction: Extraction | None = None
    line_count: int = 0
    page_count: int = 0
    error: str | None = None


def collect_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to ingest (folders walked, sorted) and problems met while walking."""
    files, problems, seen = [], [], set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False, onerror=lambda e: problems.append(
                    f"{e.filename}: cannot read folder ({e.strerror})")):
                dirs.sort()
                for name in sorted(names):
                    candidate = Path(root) / name
                    if candidate.suffix.lower() in READERS and candidate.resolve() not in seen:
                        seen.add(candidate.resolve())
                        files.append(candidate)
        elif path.exists():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                files.append(path)
        else:
            problems.append(f"{raw}: no such file or folder")
    return files, problems


def display_name(path: Path) -> str:
    """The path as stored: relative to the working folder when inside it, else the file name."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def prepare(path: Path) -> Prepared:
    """Read and extract one file (runs in a worker process when --jobs > 1)."""
    name = display_name(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return Prepared(name, "", error=f"cannot read file ({e.strerror})")
    sha = hashlib.sha256(data).hexdigest()
    try:
        doc = read_document(path, data)
        extraction = extract_all(doc)
    except ReadError as e:
        return Prepared(name, sha, error=str(e))
    except Exception as e:  # an extractor bug must not stop the batch
        return Prepared(name, sha, error=f"internal error in extraction ({type(e).__name__}: {e})")
    return Prepared(name, sha, doc.source_format, extraction, doc.line_count, doc.page_count)


def summary_line(name: str, counts: dict, warnings: int, revision: int, unchanged: bool) -> str:
    parts = ", ".join(f"{counts.get(t, 0)} {t.replace('_', ' ')}" for t in COUNTED)
    state = "unchanged" if unchanged else f"revision {revision}"
    return f"{name}: {state}: {parts}; {warnings} warnings"


def ingest(paths: list[str], db_path: str = DEFAULT_DB, jobs: int = 1, echo=print) -> list[Outcome]:
    """Ingest every file under paths; return one outcome per file (failures included)."""
    files, problems = collect_files(paths)
    outcomes = [Outcome(p.split(":")[0], False, p) for p in problems]
    for problem in problems:
        echo(f"error: {problem}")
    db = open_database(db_path)
    index_missing(db)
    pending = []
    for path in files:
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            sha = None
        existing = find_document(db, sha) if sha else None
        if existing:
            result = existing_result(db, existing)
            echo(summary_line(display_name(path), result.counts, result.warnings, result.revision, True))
            outcomes.append(Outcome(display_name(path), True, "unchanged", unchanged=True))
        else:
            pending.append(path)
    if jobs > 1 and len(pending) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            prepared = pool.map(prepare, pending)
            outcomes.extend(_load_all(db, prepared, echo))
    else:
        outcomes.extend(_load_all(db, (prepare(p) for p in pending), echo))
    return outcomes


def _load_all(db, prepared, echo) -> list[Outcome]:
    outcomes = []
    for item in prepared:
        if item.error:
            echo(f"error: {item.source_file}: {item.error}")
            outcomes.append(Outcome(item.source_file, False, item.error))
            continue
        try:
            result = load_document(db, item.source_file, item.sha256, item.source_format, item.extraction,
                                   item.line_count, item.page_count)
        except Exception as e:
            message = f"could not be loaded ({type(e).__name__}: {e}); nothing of it was kept"
            echo(f"error: {item.source_file}: {message}")
            outcomes.append(Outcome(item.source_file, False, message))
            continue
        echo(summary_line(item.source_file, result.counts, result.warnings, result.revision, result.unchanged))
        outcomes.append(Outcome(item.source_file, True, "loaded", result.unchanged))
    return outcomes


def status(db_path: str = DEFAULT_DB) -> list[str]:
    """One line per document in the database: municipality, title, revision, counts, warnings."""
    from db.loader import document_counts

    db = open_database(db_path)
    lines = []
    for row in db.query(
            "select d.id, d.source_file, d.revision, d.is_current, m.name as municipality, p.title, "
            "(select count(*) from warnings w where w.document_id = d.id) as warnings "
            "from documents d join plans p on p.id = d.plan_id "
            "left join municipalities m on m.id = p.municipality_id order by d.id"):
        counts = document_counts(db, row["id"])
        current = "current" if row["is_current"] else "superseded"
        head = f"{row['source_file']} [{row['municipality'] or '?'} {row['title'] or '(無題)'}, " \
               f"revision {row['revision']}, {current}]"
        parts = ", ".join(f"{counts.get(t, 0)} {t.replace('_', ' ')}" for t in COUNTED)
        lines.append(f"{head}: {parts}; {row['warnings']} warnings")
    return lines
