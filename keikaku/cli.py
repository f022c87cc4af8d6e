"""The keikaku command: thin click wrappers around the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from db.connection import DatabaseUnavailable, open_reader
from keikaku.export import FORMATS, ExportError, export
from keikaku.ingest import (DEFAULT_DB, DEFAULT_MAX_SIZE, DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT, IngestError,
                            IngestSettings, ingest, status)
from keikaku.serve import DEFAULT_PORT, HOST, ServeError, serve
from pipeline import READABLE
from pipeline.errors import TopicsError, VocabularyError

# The other commands' modules (report: the extractors; diff: sqlite-utils) are imported by their command.


class _Keikaku(click.Group):
    """The command group: a vocabulary or topics file that cannot be used is one line, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (VocabularyError, TopicsError) as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Keikaku, help="Keikaku (計画): Japanese municipal plans as a queryable SQLite database.")
@click.version_option(package_name="keikaku", prog_name="keikaku", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx):
    # A bad KEIKAKU_VOCABULARY file is refused before any file is read: ingest reads it when it sets the
    # database up, which it does whenever the file changed (db/setup.py).
    if ctx.invoked_subcommand != "ingest":
        from pipeline.vocabulary import vocabulary

        vocabulary()


@main.command("ingest", help="Ingest plan files or folders (PDF, UTF-8 or Shift_JIS text, web pages, .docx, "
                             ".xlsx) into the database. Prints one summary line per document, or one line `error: FILE: reason`; every "
                             "attempt is recorded in table ingest_log. Exits 1 if any file failed, after "
                             "loading all the others.")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for reading and extraction.")
@click.option("--time-limit", default=DEFAULT_TIME_LIMIT, show_default=True, type=click.FloatRange(min=0),
              help="Seconds allowed to read, extract and analyse one document (in a worker process ended "
                   "at the limit); 0 for no limit.")
@click.option("--memory-limit", default=DEFAULT_MEMORY_LIMIT / 1e6, show_default=True, type=click.FloatRange(min=0),
              help="MB of memory the worker process reading one document may use; 0 for no limit.")
@click.option("--max-size", default=DEFAULT_MAX_SIZE / 1e6, show_default=True,
              type=click.FloatRange(min=0, min_open=True), help="Largest file read, in MB; larger ones are refused.")
@click.option("--report", "show_report", is_flag=True,
              help="Under each document read, print what `keikaku report` shows for it.")
@click.option("--settings", "stage_settings", metavar="JSON_OR_FILE",
              help='Settings of the readers and extractors, as JSON or a .json file: {"reading": {"text": {…}, '
                   '"pdf": {"max_pages": 3000}}, "extraction": {"toc": {…}, "schedules": {…}}}.')
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected failure under its error line.")
def ingest_command(paths, db_path, jobs, time_limit, memory_limit, max_size, show_report, stage_settings, debug):
    stages = _stage_settings(stage_settings)
    try:
        settings = IngestSettings(time_limit=time_limit, max_size=max(1, round(max_size * 1e6)), report=show_report,
                                  memory_limit=round(memory_limit * 1e6), reading=stages.get("reading"),
                                  extraction=stages.get("extraction"))
    except (ValueError, TypeError) as e:
        raise click.ClickException(f"--settings: {e}") from None
    try:
        outcomes = ingest(list(paths), db_path=db_path, jobs=jobs, echo=click.echo, settings=settings,
                          debug=debug)
    except IngestError as e:
        raise click.ClickException(str(e))
    if not outcomes:
        click.echo(f"error: nothing to read: no file of a type Keikaku reads ({', '.join(READABLE)}) in "
                   f"{', '.join(paths)}")
        sys.exit(1)
    failed = [o for o in outcomes if not o.ok]
    loaded = sum(1 for o in outcomes if o.ok and not o.unchanged)
    unchanged = sum(1 for o in outcomes if o.unchanged)
    click.echo(f"{loaded} loaded, {unchanged} unchanged, {len(failed)} failed -> {db_path}")
    if failed:
        sys.exit(1)


def _stage_settings(given: str | None) -> dict:
    """The --settings of ingest: a JSON object, or the path of a .json file holding one."""
    if not given:
        return {}
    text = given
    if not given.lstrip().startswith("{"):
        try:
            text = Path(given).read_text(encoding="utf-8")
        except OSError as e:
            raise click.ClickException(f"--settings: cannot read {given} ({e.strerror})") from None
    try:
        found = json.loads(text)
    except json.JSONDecodeError as e:
        raise click.ClickException(f"--settings: not JSON ({e})") from None
    unknown = set(found) - {"reading", "extraction"} if isinstance(found, dict) else {"(not an object)"}
    if unknown:
        raise click.ClickException(f"--settings: unknown key(s) {sorted(unknown)}; keys are reading, extraction")
    return found


@main.command("report", help="For each plan file, without touching the database: the records each extractor "
                             "found, the block words and tables recognised, each measure with what was found "
                             "under it, and the lines that look meaningful but went into no record.")
@click.argument("files", nargs=-1, required=True, type=click.Path())
def report_command(files):
    from keikaku.report import ReportError, report_lines

    failed = False
    for path in files:
        try:
            lines = report_lines(path)
        except ReportError as e:
            click.echo(f"error: {path}: {e}", err=True)
            failed = True
            continue
        for line in lines:
            click.echo(line)
    if failed:
        sys.exit(1)


@main.command("status", help="List the documents in the database with their record counts and warnings.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
def status_command(db_path):
    try:
        lines = status(db_path)
    except DatabaseUnavailable as e:
        raise click.ClickException(str(e)) from None
    for line in lines:
        click.echo(line)
    if not lines:
        click.echo(f"no documents in {db_path}")


@main.command("diff", help="Show what each revision of a plan changed from the one before it: measures, "
                           "schedule items, year cells, targets and statements 追加 / 削除 / 変更. "
                           "PLAN_OR_DOCUMENT is a plan id, part of a plan title or municipality name, or a "
                           "document's source_file (the changes that led to that document).")
@click.argument("plan_or_document")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
def diff_command(plan_or_document, db_path):
    from keikaku.diff import NoSuchPlan, diff_lines

    try:
        lines = diff_lines(open_reader(db_path), plan_or_document)
    except (DatabaseUnavailable, NoSuchPlan) as e:
        raise click.ClickException(str(e)) from None
    for line in lines:
        click.echo(line)


@main.command("serve", help=f"Browse the database with Datasette on http://{HOST}:PORT/ (this machine only): "
                            "read-only, with Japanese titles, facets, canned queries and Japanese search.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
def serve_command(db_path, port):
    try:
        serve(db_path, port)
    except ServeError as e:
        raise click.ClickException(str(e)) from None


@main.command("export", help="Write a table, view or canned query (search, by_fiscal_year, kpi_list, compare, "
                             "changes, topic …) as CSV that Excel opens (UTF-8 with BOM), as an xlsx workbook or "
                             "as JSON. Parameters of a canned query as -p NAME=VALUE (missing ones are empty).")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True, help="Output format.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A canned query's parameter.")
@click.option("-o", "--output", default=None, help="Output file; default NAME.FORMAT here; - for standard output.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
def export_command(name, fmt, params, output, db_path):
    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep:
            raise click.ClickException(f"parameter {param!r} is not NAME=VALUE")
        values[key] = value
    try:
        data, count = export(db_path, name, fmt, values)
    except ExportError as e:
        raise click.ClickException(str(e)) from None
    if output == "-":
        if fmt == "xlsx":
            raise click.ClickException("an xlsx workbook needs a file: give -o FILE.xlsx")
        sys.stdout.buffer.write(data)
        return
    output = output or f"{name}.{fmt}"
    with open(output, "wb") as f:
        f.write(data)
    click.echo(f"{count} rows -> {output}", err=True)
