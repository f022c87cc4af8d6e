"""`keikaku export`: a table, view or canned query (keikaku/metadata.yml) as CSV Excel opens (UTF-8 with a
BOM), as an xlsx workbook (openpyxl) or as JSON; the same writers serve the .xlsx and .csvbom links of
`keikaku serve`."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

FORMATS = ("csv", "xlsx", "json")


class ExportError(Exception):
    """The export cannot be made; the message says why."""


def canned_queries() -> dict:
    from keikaku.serve import NAME, load_metadata

    return load_metadata()["databases"][NAME].get("queries", {})


def query_for(conn: sqlite3.Connection, name: str, params: dict[str, str]) -> tuple[str, dict]:
    """The SQL and parameters that answer `name`: a canned query (missing parameters empty), a table or a view."""
    queries = canned_queries()
    if name in queries:
        query = queries[name]
        unknown = set(params) - set(query.get("params", []))
        if unknown:
            raise ExportError(f"{name} takes {', '.join(query.get('params', [])) or 'no parameters'}, "
                              f"not {', '.join(sorted(unknown))}")
        return query["sql"], {p: params.get(p, "") for p in query.get("params", [])}
    found = conn.execute("select name from sqlite_master where type in ('table', 'view') and name = ?",
                         [name]).fetchone()
    if found is None:
        raise ExportError(f"no table, view or canned query named {name!r} "
                          f"(canned queries: {', '.join(queries)})")
    if params:
        raise ExportError(f"{name} is a table or view: it takes no parameters")
    return f'select * from "{name}"', {}


def fetch(db_path: str | Path, name: str, params: dict[str, str] | None = None) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of a table, view or canned query of the database at db_path, read-only."""
    from keikaku.datasette_plugin import prepare_connection

    path = Path(db_path)
    if not path.is_file():
        raise ExportError(f"{path}: no such database (run `keikaku ingest PATH --db {path}` or `make ingest`)")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        prepare_connection(conn)
        sql, bound = query_for(conn, name, params or {})
        cursor = conn.execute(sql, bound)
        return [d[0] for d in cursor.description], cursor.fetchall()
    except sqlite3.DatabaseError as e:
        raise ExportError(f"{path}: {e}") from None
    finally:
        conn.close()


def csv_bytes(columns, rows) -> bytes:
    """CSV in UTF-8 with a byte order mark (Excel reads it as UTF-8), CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(columns, rows, title: str = "keikaku") -> bytes:
    """An xlsx workbook of one sheet: the columns as its first row, then the rows."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_sheet_title(title))
    sheet.append(list(columns))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def json_bytes(columns, rows) -> bytes:
    return (json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=1) + "\n").encode()


WRITERS = {"csv": csv_bytes, "xlsx": xlsx_bytes, "json": json_bytes}


def export(db_path: str | Path, name: str, fmt: str, params: dict[str, str] | None = None) -> tuple[bytes, int]:
    """The export of `name` in format `fmt` and its number of rows."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    columns, rows = fetch(db_path, name, params)
    data = xlsx_bytes(columns, rows, name) if fmt == "xlsx" else WRITERS[fmt](columns, rows)
    return data, len(rows)


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "keikaku"
