"""Connections to a Keikaku database that other processes use at the same time.

The database is in WAL mode: readers (`keikaku serve`, `status`, `diff`, a user's sqlite3) see the
last committed state and never wait for a writer, and a writer never waits for them. Writers take
turns: every write is a transaction begun with BEGIN IMMEDIATE (`write_transaction`), which waits
for the write lock when another writer holds it, with a word to the caller once it has waited
longer than a second, instead of failing with "database is locked". A transaction that read first
and wrote later (a plain BEGIN) could not wait: SQLite refuses to upgrade a reader whose snapshot
another writer has changed since.
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Union

if TYPE_CHECKING:
    import sqlite_utils

# sqlite-utils takes 50 ms to import: an ingest whose files are all loaded already writes its log rows
# through the plain connection (`connect`), and the rest wraps that connection (`as_database`).
Connection = Union[sqlite3.Connection, "sqlite_utils.Database"]

# How long one attempt to take the write lock waits before telling the caller (then it goes on waiting).
FIRST_WAIT_MS = 1000
# After that, a word again every REMINDER_MS while the other writer goes on.
REMINDER_MS = 60_000


class DatabaseUnavailable(Exception):
    """A database that a read-only command cannot read (missing, not SQLite, not Keikaku's); the
    message names the file and says why."""


def _waiting_word(path: str, waited: float) -> str:
    return (f"waiting: {path} is being written by another process (another keikaku ingest?); "
            f"waited {waited:.0f} s, going on when it commits")


def _conn(db: Connection) -> sqlite3.Connection:
    return db if isinstance(db, sqlite3.Connection) else db.conn


def begin_write(db: Connection, on_wait: Callable[[str], None] | None = None) -> None:
    """BEGIN IMMEDIATE on db, waiting as long as another writer holds the lock; `on_wait` gets one line
    after the first second of waiting and again every minute."""
    conn = _conn(db)
    started = time.monotonic()
    timeout = FIRST_WAIT_MS
    while True:
        conn.execute(f"PRAGMA busy_timeout = {timeout}")
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
        if on_wait is not None:
            on_wait(_waiting_word(_file_of(db), time.monotonic() - started))
        timeout = REMINDER_MS


@contextmanager
def write_transaction(db: Connection, on_wait: Callable[[str], None] | None = None):
    """One write transaction, taken with BEGIN IMMEDIATE (see begin_write) and committed at the end of
    the block, or rolled back if it raises. sqlite-utils' `atomic()` inside it is a savepoint."""
    conn = _conn(db)
    begin_write(conn, on_wait)
    try:
        yield db
    except BaseException:
        _rollback(conn)
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _file_of(db: Connection) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else "the database"


def connect(path) -> sqlite3.Connection:
    """A plain connection for writing, the database file created if missing, in WAL mode."""
    conn = sqlite3.connect(str(path), timeout=REMINDER_MS / 1000)
    conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        # Persistent in the file; changing it needs every other connection gone, so only when it is not
        # WAL yet (a new file).
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
    return conn


def as_database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils on a connection made by `connect`."""
    import sqlite_utils

    # No sqlite-utils plugins: looking them up scans every installed package (30 ms per command).
    return sqlite_utils.Database(conn, execute_plugins=False)


def open_writer(path, on_wait: Callable[[str], None] | None = None) -> sqlite_utils.Database:
    """A connection for writing, the database file created if missing, in WAL mode."""
    return as_database(connect(path))


def open_reader(path) -> sqlite_utils.Database:
    """A read-only connection to an existing Keikaku database: never creates nor changes the file (it
    may add the -wal and -shm files of WAL mode beside it). DatabaseUnavailable says why not."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseUnavailable(f"{path}: no such database (run `keikaku ingest PATH --db {path}` or "
                                  "`make ingest` first, or give --db)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=REMINDER_MS / 1000)
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise DatabaseUnavailable(f"{path}: not an SQLite database ({e})") from None
    if "documents" not in tables:
        conn.close()
        raise DatabaseUnavailable(f"{path}: not a Keikaku database (no documents table)")
    return as_database(conn)
