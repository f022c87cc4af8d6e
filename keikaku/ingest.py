"""Ingest files into a database: read, extract, load; one line of summary or of error per file.

Every attempt is a row of table ingest_log. Each document is loaded in one transaction together with
its log row, so a failure or a killed process costs nothing already loaded. A file that fails gets
one line `error: FILE: reason`, and the batch goes on.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import importlib
import itertools
import json
import os
import sqlite3
import stat
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from db.connection import as_database, connect, open_reader, write_transaction
from db.ingest_log import COUNTED, existing_result, find_document, finish_batch, log_attempt, next_batch
from db.setup import is_set_up, set_up
from pipeline import READERS, Document, ReaderSettings, ReadError, read_document
from pipeline.errors import TopicsError, VocabularyError
from pipeline.settings import resolve_settings

# Only what an ingest of files that are all loaded already needs is imported here; the workers, the
# extractors, the analysis and the loader when a file is new (an unchanged rerun takes a tenth of a
# cold ingest: make bench).
if TYPE_CHECKING:
    from extractors import Extraction
    from keikaku.worker import Stopped
    from pipeline.analysis import Analysis
    from pipeline.topics import Lexicon

# The modules that a worker's result (extraction records, analysis) and its loading need in the command.
RESULT_MODULES = ("extractors", "pipeline.analysis", "pipeline.topic_mapping", "db.loader")

DEFAULT_DB = os.environ.get("KEIKAKU_DB", "keikaku.db")
DEFAULT_TIME_LIMIT = 120.0  # seconds to read, extract and analyse one document
DEFAULT_MAX_SIZE = 50_000_000  # bytes of one file
DEFAULT_MEMORY_LIMIT = 1_000_000_000  # bytes of memory of the worker process reading one document


class IngestError(Exception):
    """The batch cannot run at all (the database cannot be opened); the message says why."""


@dataclass(frozen=True)
class IngestSettings:
    """Limits per document: seconds to read, extract and analyse it and bytes of memory of the worker
    process doing it (0: no limit; keikaku/worker.py), bytes of its file; whether to print each
    document's report (what was and was not understood) under its summary; and the settings of the
    readers (pipeline.ReaderSettings) and of the extractors (extractors.ExtractionSettings), as objects
    or dicts (None: their defaults), which reach the worker that reads each document."""

    time_limit: float = DEFAULT_TIME_LIMIT
    max_size: int = DEFAULT_MAX_SIZE
    report: bool = False
    memory_limit: int = DEFAULT_MEMORY_LIMIT
    reading: Any = None
    extraction: Any = None

    def __post_init__(self):
        if self.time_limit < 0:
            raise ValueError(f"time_limit must be 0 (no limit) or a number of seconds: {self.time_limit}")
        if self.max_size < 1:
            raise ValueError(f"max_size must be a number of bytes: {self.max_size}")
        if self.memory_limit < 0:
            raise ValueError(f"memory_limit must be 0 (no limit) or a number of bytes: {self.memory_limit}")
        # a misspelt setting fails here, not in a worker for every document; none given: each reader's
        # defaults, resolved in the worker (the readers are not imported by an ingest that reads nothing)
        if self.reading is not None:
            object.__setattr__(self, "reading", ReaderSettings.resolve(self.reading))
        if self.reading is not None and self.reading.pdf is not None:
            from pipeline.pdf_reader import PdfReaderSettings

            object.__setattr__(self, "reading", replace(self.reading, pdf=PdfReaderSettings.resolve(self.reading.pdf)))
        if self.extraction is not None:
            from extractors import ExtractionSettings

            object.__setattr__(self, "extraction", ExtractionSettings.resolve(self.extraction))

    @classmethod
    def resolve(cls, settings: "IngestSettings | dict | None") -> "IngestSettings":
        return resolve_settings(cls, settings)


@dataclass(frozen=True)
class Source:
    """A file to ingest. `path` is as the user gave it (printed, opened); `stored` is what the database
    keeps: the path relative to the folder given, or the file name for a file given."""

    path: Path
    stored: str

    @property
    def shown(self) -> str:
        return self.path.as_posix()


@dataclass
class Outcome:
    """What happened to one file: `outcome` is 'loaded', 'unchanged' or 'failed'."""

    file: str
    outcome: str
    message: str
    detail: str | None = None  # the traceback of an unexpected failure (--debug)

    @property
    def ok(self) -> bool:
        return self.outcome != "failed"

    @property
    def unchanged(self) -> bool:
        return self.outcome == "unchanged"


@dataclass
class Task:
    source: Source
    started_at: str
    sha256: str
    size: int
    data: bytes | None = None  # None: the worker reads the file itself


@dataclass
class Settled:
    """A file decided without reading it as a plan: it could not be read (`error`), or the same bytes are
    loaded already (`existing`, its documents row)."""
    source: Source
    started_at: str
    sha256: str | None = None
    size: int | None = None
    error: str | None = None
    existing: dict | None = None


@dataclass
class Prepared:
    source: Source
    started_at: str
    sha256: str | None = None
    size: int | None = None
    source_format: str = ""
    extraction: Extraction | None = None
    line_count: int = 0
    page_count: int = 0
    analysis: Analysis | None = None  # search tokens, title keys and topics, made where the extraction ran
    report: list[str] | None = None  # `keikaku report` lines, when asked for
    error: str | None = None
    detail: str | None = None


def collect_files(paths: list[str]) -> tuple[list[Source], list[tuple[Source, str]], list[tuple[Source, str]]]:
    """Files to ingest (folders walked in sorted order, links to folders not followed), the paths that
    could not be walked, and the files of the folders that were left alone, each with the reason."""
    files: list[Source] = []
    problems: list[tuple[Source, str]] = []
    skipped: list[tuple[Source, str]] = []
    seen: set[str] = set()

    def add(path: Path, stored: str) -> None:
        key = os.path.realpath(path)  # does not raise on a symlink loop: reading it will say why
        if key not in seen:
            seen.add(key)
            files.append(Source(path, stored))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            def walk_error(e: OSError, root: Path = path) -> None:
                where = Path(e.filename or root)
                problems.append((Source(where, _relative(where, root)), f"cannot read folder ({e.strerror})"))

            for folder, dirs, names in os.walk(path, onerror=walk_error):
                dirs.sort()
                for name in sorted(names):
                    candidate = Path(folder) / name
                    reason = skip_reason(candidate)
                    if reason is None:
                        add(candidate, _relative(candidate, path))
                    elif reason:
                        skipped.append((Source(candidate, _relative(candidate, path)), reason))
        elif path.exists() or path.is_symlink():
            add(path, path.name)
        else:
            problems.append((Source(path, path.name), "no such file or folder"))
    return files, problems, skipped


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read ("" for a hidden file, left alone without a word), or
    None when a reader of pipeline.READERS takes it."""
    if path.name.startswith("."):
        return ""
    if path.name.startswith("~$"):
        return "an Office lock file: the document is open in Word or Excel"
    if path.suffix.lower() not in READERS:
        return f"no reader for {path.suffix.lower()}" if path.suffix else "no suffix to tell its type"
    return None


def _relative(path: Path, root: Path) -> str:
    relative = Path(os.path.relpath(path, root)).as_posix()
    return Path(os.path.abspath(root)).name if relative == "." else relative


def read_file(path: Path, max_size: int) -> bytes:
    """The bytes of a regular file of at most max_size bytes; ReadError says why not."""
    try:
        info = os.stat(path)
    except OSError as e:
        raise ReadError(f"cannot read file ({e.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"not a regular file ({_file_kind(info.st_mode)})")
    if info.st_size > max_size:
        raise ReadError(_too_large(info.st_size, max_size))
    try:
        with open(path, "rb") as f:
            data = f.read(max_size + 1)
    except OSError as e:
        raise ReadError(f"cannot read file ({e.strerror})") from None
    if len(data) > max_size:  # it grew since stat
        raise ReadError(_too_large(len(data), max_size))
    return data


def _file_kind(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def _too_large(size: int, max_size: int) -> str:
    return f"file is {size / 1e6:.3g} MB, larger than the size limit of {max_size / 1e6:.3g} MB (--max-size)"


# A few lines of a plan, read before the first document (see warm_up).
_WARM_UP = "第1章 計画の概要\n1 計画期間\n令和5年度から令和9年度まで\n施策1 窓口のデジタル化\n現状と課題\n・窓口が混雑している\n"


def warm_up() -> None:
    """Run once in each new worker process, before its clock starts: the tokenizer's dictionary, the
    vocabulary and the topics loaded and the extractors' first use made on a few lines of a plan, not
    on the first document's time."""
    from extractors import extract_all

    try:
        _analyse(extract_all(read_document("warm-up.txt", _WARM_UP.encode("utf-8"))))
    except (VocabularyError, TopicsError):  # the batch says so when it sets the database up, before any file
        pass


def prepare(task: Task, settings: IngestSettings) -> Prepared:
    """Read, extract and analyse one file (in a worker process, which is ended from outside when it
    passes the time or memory limit: see stopped())."""
    item = Prepared(task.source, task.started_at)
    try:
        data = task.data if task.data is not None else read_file(task.source.path, settings.max_size)
        item.sha256, item.size = hashlib.sha256(data).hexdigest(), len(data)
        doc = read_document(task.source.path, data, settings.reading)
        from extractors import extract_all  # imported when a file is new: a rerun does not need it
        from extractors.accounting import is_plan

        extraction = extract_all(doc, settings.extraction)
    except ReadError as e:
        item.error = str(e)
    except MemoryError:  # the worker's address space is capped (keikaku/worker.py)
        item.error = _memory_message(settings)
        item.detail = traceback.format_exc()
    except RecursionError:
        item.error = "nested too deeply to read (a structure inside the file refers to itself or nests without end)"
        item.detail = traceback.format_exc()
    except Exception as e:  # a reader or extractor bug must not stop the batch
        item.error = f"internal error while reading or extracting ({type(e).__name__}: {e})"
        item.detail = traceback.format_exc()
    else:
        if not is_plan(extraction.records, extraction.accounting):
            item.error = _not_a_plan(extraction, doc)
        else:
            item.source_format, item.extraction = doc.source_format, extraction
            item.line_count, item.page_count = doc.line_count, doc.page_count
            item.analysis = _analyse(extraction)
            if settings.report:
                from keikaku.report import build_report, format_report

                item.report = format_report(build_report(doc))[1:]
    return item


def _not_a_plan(extraction: Extraction, doc: Document) -> str:
    """Why a document is not read as a plan, in one line."""
    from pipeline.vocabulary import vocabulary

    account = extraction.accounting
    if len(account.other_genre_words) >= vocabulary().plan_signals.other_minimum:
        found = ", ".join(entry.split("|")[0] for entry in account.other_genre_words)
        return (f"not read as a plan: no measures, targets or schedules, and the words of a meeting's record, a "
                f"press release or a notice about a plan ({found}) in {_extent(doc)}")
    return (f"not read as a plan: no measures, schedule tables, targets, statements, block words, "
            f"KPI lines, 目次 or plan title, and {len(account.plan_words)} of the words of a plan's structure "
            f"(計画期間, 施策, 指標 …; 3 needed) in {_extent(doc)}")


def _analyse(extraction: Extraction) -> Analysis:
    """The analysis of a document's records before they are loaded (pipeline/analysis.py)."""
    from pipeline.analysis import analyse

    return analyse(extraction.records, _lexicon())


@functools.lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    """The topics of topics.yaml, as the batch's sync_topics stored them, ready for matching (once per
    worker process)."""
    from pipeline.topics import lexicon, load_topics

    return lexicon(load_topics())


def _memory_message(settings: IngestSettings) -> str:
    return (f"reading and extraction stopped at the memory limit of {settings.memory_limit / 1e6:g} MB "
            f"(--memory-limit)")


def stopped(task: Task, stop: Stopped, settings: IngestSettings) -> Prepared:
    """The refusal of a document whose worker process was ended (keikaku/worker.py)."""
    item = Prepared(task.source, task.started_at, task.sha256, task.size)
    if stop.limit == "time":
        item.error = (f"reading and extraction stopped at the time limit of {settings.time_limit:g} s "
                      f"(--time-limit)")
        item.detail = (f"{stop.detail}\nTimeLimitExceeded: the worker process was ended at "
                       f"{settings.time_limit:g} s, there")
    elif stop.limit == "memory":
        item.error = _memory_message(settings)
        item.detail = f"MemoryLimitExceeded: {stop.detail}"
    else:
        item.error = f"reading and extraction stopped: {stop.detail}"
    return item


def _extent(doc: Document) -> str:
    """'12 lines' of a text, '3 pages' of a PDF."""
    count, unit = (doc.page_count, "page") if doc.page_count else (doc.line_count, "line")
    return f"{count} {unit}" + ("" if count == 1 else "s")


def summary_line(name: str, counts: dict, warnings: int, revision: int, unchanged: bool) -> str:
    parts = ", ".join(f"{counts.get(t, 0)} {t.replace('_', ' ')}" for t in COUNTED)
    state = "unchanged" if unchanged else f"revision {revision}"
    not_understood = counts.get("lines_not_understood") or 0
    tail = f"; {not_understood} lines not understood" if not_understood else ""
    return f"{name}: {state}: {parts}; {warnings} warnings{tail}"


def one_line(text: str) -> str:
    """Text on one line: line breaks and runs of white space become one space."""
    return " ".join(str(text).split())


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")


class _LoadLimit:
    """The time limit of loading one document (its records, search index, topics and changes):
    SQLite interrupts the statement running when it has passed, and the transaction is rolled back."""

    STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock

    def __init__(self, seconds: float):
        self.seconds, self.deadline, self.passed = seconds, 0.0, False

    def _over(self) -> int:
        self.passed = self.passed or time.monotonic() > self.deadline
        return int(self.passed)

    @contextmanager
    def on(self, conn: sqlite3.Connection):
        if not self.seconds:
            yield
            return
        self.deadline = time.monotonic() + self.seconds
        conn.set_progress_handler(self._over, self.STEPS)
        try:
            yield
        finally:  # before the rollback, which must not be interrupted
            conn.set_progress_handler(None, 0)


class _Batch:
    """One `ingest` run: prints a line per file, writes a row of ingest_log per attempt. `db` is a plain
    sqlite3 connection or a sqlite_utils.Database (db/connection.py)."""

    def __init__(self, db, echo, debug: bool, batch: int, time_limit: float = 0):
        self.db, self.echo, self.debug = db, echo, debug
        self.batch = batch
        self.time_limit = time_limit  # seconds to load one document (0: none)
        self.outcomes: list[Outcome] = []

    def _row(self, source: Source, outcome: str, message: str, started_at: str, sha256=None, size=None,
             counts=None, document_id=None) -> dict:
        return {"batch": self.batch, "file": source.stored, "sha256": sha256, "size": size,
                "started_at": started_at, "finished_at": _now(), "outcome": outcome, "message": message,
                "counts": json.dumps(counts) if counts is not None else None, "document_id": document_id}

    def failed(self, source: Source, message: str, started_at: str, sha256=None, size=None, detail=None) -> None:
        message = one_line(message)
        try:
            with write_transaction(self.db, self.echo):
                log_attempt(self.db, self._row(source, "failed", message, started_at, sha256, size))
        except sqlite3.Error as e:
            message += f" (not recorded in ingest_log: {one_line(e)})"
        self.echo(f"error: {one_line(source.shown)}: {message}")
        if self.debug and detail:
            self.echo(detail.rstrip())
        self.outcomes.append(Outcome(source.shown, "failed", message, detail))

    def probe(self, source: Source, settings: IngestSettings, keep_data: bool) -> Task | None:
        """Check and hash one file; a Task when it is new, None when it failed or is unchanged (said
        and logged now)."""
        checked = self.check(source, settings, keep_data)
        if isinstance(checked, Settled):
            self.settle(checked)
            return None
        return checked

    def check(self, source: Source, settings: IngestSettings, keep_data: bool) -> Task | Settled:
        """Check and hash one file: a Task when it is new; when it cannot be read or is loaded already,
        what `settle` says and logs of it."""
        started_at = _now()
        try:
            data = read_file(source.path, settings.max_size)
        except ReadError as e:
            return Settled(source, started_at, error=str(e))
        sha = hashlib.sha256(data).hexdigest()
        existing = find_document(self.db, sha)
        if existing is None:
            return Task(source, started_at, sha, len(data), data if keep_data else None)
        return Settled(source, started_at, sha, len(data), existing=existing)

    def settle(self, settled: Settled) -> None:
        if settled.error is not None:
            self.failed(settled.source, settled.error, settled.started_at)
            return
        result = existing_result(self.db, settled.existing)
        message = f"same as {settled.existing['source_file']}"
        with write_transaction(self.db, self.echo):
            self._log_loaded(settled.source, result, settled.started_at, settled.sha256, settled.size, message)
        self._print_loaded(settled.source, result, message)

    def load(self, item: Prepared) -> None:
        if item.error:
            self.failed(item.source, item.error, item.started_at, item.sha256, item.size, item.detail)
            return
        from db.loader import load_document

        db, limit = self.database, _LoadLimit(self.time_limit)
        try:
            with write_transaction(db, self.echo):  # the document and its log row, or neither
                with limit.on(db.conn):  # from here: waiting for another writer is not the document's time
                    result = load_document(db, item.source.stored, item.sha256, item.source_format,
                                           item.extraction, item.line_count, item.page_count, item.analysis)
                    message = f"revision {result.revision}"
                    if result.unchanged:  # a copy of a file loaded earlier in this batch
                        message = f"same as {db['documents'].get(result.document_id)['source_file']}"
                    self._log_loaded(item.source, result, item.started_at, item.sha256, item.size, message)
        except Exception as e:
            message = f"could not be loaded ({type(e).__name__}: {e}); nothing of it was kept"
            if limit.passed and isinstance(e, sqlite3.OperationalError):  # interrupted
                message = f"loading stopped at the time limit of {self.time_limit:g} s (--time-limit); nothing of it was kept"
            self.failed(item.source, message, item.started_at, item.sha256, item.size, traceback.format_exc())
            return
        self._print_loaded(item.source, result, message)
        for line in item.report or []:
            self.echo(line)

    @functools.cached_property
    def database(self):
        """sqlite-utils on the batch's connection, for loading documents (made when the first one is)."""
        return as_database(self.db) if isinstance(self.db, sqlite3.Connection) else self.db

    def _log_loaded(self, source: Source, result, started_at: str, sha256: str, size: int, message: str) -> None:
        outcome = "unchanged" if result.unchanged else "loaded"
        counts = {**result.counts, "warnings": result.warnings}
        log_attempt(self.db, self._row(source, outcome, message, started_at, sha256, size, counts,
                                       result.document_id))

    def _print_loaded(self, source: Source, result, message: str) -> None:
        self.echo(summary_line(source.shown, result.counts, result.warnings, result.revision, result.unchanged))
        self.outcomes.append(Outcome(source.shown, "unchanged" if result.unchanged else "loaded", message))


def ingest(paths: list[str], db_path: str = DEFAULT_DB, jobs: int = 1, echo=print,
           settings: IngestSettings | dict | None = None, debug: bool = False) -> list[Outcome]:
    """Ingest every file under paths; return one outcome per file (failures included).

    Raises IngestError only when the database cannot be used or no worker process can be started; a bad
    file fails alone.
    """
    settings = IngestSettings.resolve(settings)
    sources, problems, skipped = collect_files(paths)
    if not sources and not problems:  # nothing to read: say what was skipped, leave the database alone
        for source, reason in skipped:
            echo(f"skipped: {one_line(source.shown)} ({reason})")
        return []
    workers = _Workers(jobs if jobs > 1 and len(sources) > 1 else 1, settings)
    try:
        batch = _open_batch(db_path, sources, settings, workers, echo, debug)
        for source, reason in skipped:
            echo(f"skipped: {one_line(source.shown)} ({reason})")
        for source, reason in problems:
            batch.failed(source, reason, _now())
        _read_and_load(batch, sources, settings, workers)
    finally:
        workers.close()
    try:
        with write_transaction(batch.db, echo):
            finish_batch(batch.db, batch.batch, _now(), workers.peak)
    except sqlite3.Error:
        pass  # a figure for the curious: the documents are loaded
    return batch.outcomes


class _Workers:
    """The batch's worker processes (keikaku/worker.py), made when a file first needs one, or started as
    soon as a file is known to be new (`start`): the first worker then boots while the database is set
    up. An ingest of files that are all loaded already starts none."""

    def __init__(self, jobs: int, settings: IngestSettings):
        self.jobs, self.settings = jobs, settings
        self._pool = None

    @property
    def pool(self):
        if self._pool is None:
            from keikaku.worker import Limits, WorkerPool

            limits = Limits(self.settings.time_limit, self.settings.memory_limit)
            self._pool = WorkerPool(self.jobs, limits, warm=warm_up)
        return self._pool

    def start(self) -> None:
        self.pool.start()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    @property
    def peak(self) -> int:
        """The largest resident memory of a worker process in bytes (0 when none was started)."""
        return self._pool.peak if self._pool is not None else 0


def _open_batch(db_path: str, sources: list[Source], settings: IngestSettings, workers: _Workers, echo,
                debug: bool) -> _Batch:
    """A new batch on the database, set up for this version of Keikaku (db/setup.py); the first worker
    is started before, when a file is new (every file is, in a new database: it starts first of all)."""
    if not os.path.exists(db_path):  # a bad vocabulary file is refused before the database is made
        workers.start()
        from pipeline.vocabulary import vocabulary

        vocabulary()
    try:
        conn = connect(db_path)
        if _any_new(conn, sources, settings):
            workers.start()
        with write_transaction(conn, echo):  # another ingest may be writing: wait for it
            if not is_set_up(conn):
                set_up(as_database(conn))
            return _Batch(conn, echo, debug, next_batch(conn), settings.time_limit)
    except sqlite3.Error as e:
        raise IngestError(f"cannot use database {db_path}: {one_line(e)}") from None


def _any_new(conn: sqlite3.Connection, sources: list[Source], settings: IngestSettings) -> bool:
    """Whether a file is not loaded yet (looked for until the first one is found)."""
    try:
        conn.execute("select 1 from documents limit 1")
    except sqlite3.OperationalError:  # a new database
        return True
    for source in sources:
        try:
            data = read_file(source.path, settings.max_size)
        except ReadError:
            continue
        if find_document(conn, hashlib.sha256(data).hexdigest()) is None:
            return True
    return False


def _read_and_load(batch: _Batch, sources: list[Source], settings: IngestSettings, workers: _Workers) -> None:
    """Check each file in its turn, read, extract and analyse the new ones in worker processes and load
    them."""
    if workers.jobs > 1:
        tasks: Iterator = iter([t for t in (batch.probe(s, settings, keep_data=False) for s in sources) if t])
        ahead = None  # a few documents ahead of the loader, in order (keikaku/worker.py)
    else:  # one at a time, each file checked in its turn; the next one is read while this one is loaded
        tasks, ahead = (batch.check(s, settings, keep_data=False) for s in sources), 2
    rest = _settle_loaded(batch, tasks)
    if rest is None:  # every file was loaded already or could not be read: no worker was needed
        return
    # What reading a worker's result and loading it need, imported while the first worker starts (not
    # when its first result comes in, with the worker waiting for its next file).
    for module in RESULT_MODULES:
        importlib.import_module(module)
    from keikaku.worker import Stopped

    work = partial(prepare, settings=settings)
    try:
        for task, result in workers.pool.map(work, rest, ahead, runs=lambda task: isinstance(task, Task)):
            if isinstance(task, Settled):  # said in its turn, among the files read
                batch.settle(task)
            else:
                batch.load(stopped(task, result, settings) if isinstance(result, Stopped) else result)
    except OSError as e:  # no process could be started (the documents loaded so far stay)
        raise IngestError(f"cannot run a worker process: {one_line(e)}") from None


def _settle_loaded(batch: _Batch, tasks: Iterator) -> Iterator | None:
    """Settle the files, in their turn, until one needs reading; the tasks from that one on, or None."""
    for task in tasks:
        if isinstance(task, Task):
            return itertools.chain([task], tasks)
        batch.settle(task)
    return None


def status(db_path: str = DEFAULT_DB) -> list[str]:
    """One line per document in the database: municipality, title, revision, counts, warnings. Read-only:
    DatabaseUnavailable when there is no Keikaku database at db_path."""
    from db.ingest_log import document_counts

    db = open_reader(db_path)
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
