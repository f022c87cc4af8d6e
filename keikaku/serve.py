"""Datasette for a Keikaku database: read-only, on 127.0.0.1 only, with the project's metadata (Japanese
titles, facets, canned queries) and the search functions of keikaku/datasette_plugin.py.

The file is served as a mutable database opened read-only (`mode=ro`), not as an immutable one: an
ingest may run while it is served (the database is in WAL mode), and each query sees the last
committed state. An immutable file that changes gives wrong answers or "database disk image is
malformed" (SQLite's documentation of `immutable`)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


METADATA = Path(__file__).with_name("metadata.yml")
# Datasette templates extending its own (default:…): Japanese headers, folded column descriptions, hints.
TEMPLATES = Path(__file__).with_name("templates")
# The database's name in Datasette, its URLs and metadata.yml, whatever the file is called.
NAME = "keikaku"
HOST = "127.0.0.1"
DEFAULT_PORT = 8001
SETTINGS = {"default_page_size": 50, "facet_time_limit_ms": 500, "default_facet_size": 8}


class ServeError(Exception):
    """The database cannot be served; the message says why."""


def check_database(path: Path) -> None:
    """Raise ServeError unless `path` is a Keikaku database with its search index, fully written."""
    if not path.is_file():
        raise ServeError(f"{path}: no such database (run `keikaku ingest PATH --db {path}` or `make ingest`)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60)
        try:
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise ServeError(f"{path}: not an SQLite database ({e})") from None
    if "documents" not in tables:
        raise ServeError(f"{path}: not a Keikaku database (no documents table)")
    if "search_index" not in tables:
        raise ServeError(f"{path}: made before the search index existed; run `keikaku ingest PATH --db {path}` "
                         "on any plan file to build it")


def load_metadata() -> dict:
    import yaml

    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def make_datasette(db_path: str | Path):
    """The configured Datasette for one database (served as /keikaku), not yet listening."""
    from datasette.app import Datasette

    path = Path(db_path)
    check_database(path)
    ds = Datasette(files=[str(path)], metadata=load_metadata(), settings=SETTINGS, template_dir=str(TEMPLATES))
    for name, database in list(ds.databases.items()):
        if database.path == str(path) and name != NAME:
            ds.remove_database(name)
            ds.add_database(database, name=NAME)
    return ds


def serve(db_path: str | Path, port: int = DEFAULT_PORT) -> None:
    """Serve the database on http://127.0.0.1:port/ until interrupted."""
    import uvicorn

    ds = make_datasette(db_path)
    uvicorn.run(ds.app(), host=HOST, port=port, log_level="info", lifespan="on", workers=1)
