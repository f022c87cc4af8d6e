"""Bringing a database up to date with this version of Keikaku before an ingest, and knowing cheaply when
it already is.

`set_up` creates what the database lacks (tables, columns, views, the search tables: db.schema), the
search rows and revision keys of documents loaded before those existed (db.search.index_missing,
db.changes.fill_missing), and maps every document again when topics.yaml, the vocabulary or the mapping
code changed (db.topics.sync_topics). It then keeps in table `ingest_setup` a digest of all it depends
on: the code of pipeline/ and db/, topics.yaml, the vocabulary file and the schema it left.

`is_set_up` recomputes that digest and looks for documents without search rows or keys, with the plain
connection of db.connection.connect: an ingest whose files are all loaded already needs neither
sqlite-utils nor SudachiPy.
"""
from __future__ import annotations

import datetime
import hashlib
import sqlite3
from pathlib import Path

from db.connection import Connection
from pipeline.data_files import VOCABULARY_FILE

SETUP_TABLE = "ingest_setup"
_ROOT = Path(__file__).resolve().parent.parent
# Whatever set_up does follows from the code of these packages and the data files.
_CODE = ("db", "pipeline")
# Work set_up would do although nothing above changed: a document without search rows or keys.
_MISSING = ("select exists (select 1 from documents d where not exists "
            "(select 1 from search_index s where s.document_id = d.id))",
            "select exists (select 1 from measures where key is null)",
            "select exists (select 1 from schedule_items where key is null)")


def setup_digest(db: Connection) -> str:
    """The digest of the code and data files set_up follows and of the database's schema."""
    from pipeline import topics  # its TOPICS_FILE as load_topics reads it

    digest = hashlib.sha256()
    files = sorted(path for package in _CODE for path in (_ROOT / package).glob("*.py"))
    for path in files + [Path(topics.TOPICS_FILE), VOCABULARY_FILE]:
        digest.update(f"{path}\0".encode() + path.read_bytes() + b"\0")
    for (sql,) in db.execute("select sql from sqlite_master where sql is not null order by type, name"):
        digest.update(sql.encode() + b"\0")
    return digest.hexdigest()


def is_set_up(db: Connection) -> bool:
    """Whether set_up would find nothing to do: it ran last with this code, these data files and this
    schema, the topics it mapped are still recorded, and no document lacks search rows or keys."""
    try:
        stored = db.execute(f"select sha256, topics_sha256 from {SETUP_TABLE}").fetchone()
        mapped = db.execute("select sha256 from topic_vocabulary").fetchone()
        missing = any(db.execute(sql).fetchone()[0] for sql in _MISSING)
        return bool(stored and mapped) and stored[1] == mapped[0] and not missing and stored[0] == setup_digest(db)
    except sqlite3.OperationalError:  # a new file, or a database from before ingest_setup
        return False
    except OSError:  # a data file that cannot be read: set_up says which
        return False


def set_up(db) -> None:
    """Bring the database (a sqlite_utils.Database) up to date and record it, inside the caller's write
    transaction."""
    from db.changes import fill_missing
    from db.schema import create_schema
    from db.search import index_missing
    from db.topics import sync_topics

    create_schema(db)
    index_missing(db)
    fill_missing(db)
    sync_topics(db)
    mapped = db.execute("select sha256 from topic_vocabulary").fetchone()[0]
    db.execute(f"delete from {SETUP_TABLE}")
    db.execute(f"insert into {SETUP_TABLE} (sha256, topics_sha256, updated_at) values (?, ?, ?)",
               [setup_digest(db), mapped,
                datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")])


__all__ = ["SETUP_TABLE", "is_set_up", "set_up", "setup_digest"]
