"""Datasette plugin (entry point `keikaku` in the `datasette` group): Keikaku's Japanese analysis as SQL
functions on every connection Datasette opens.

- keikaku_match(q): the FTS5 query for `search_index_fts` that finds the words of q (see db.search).
- keikaku_tokens(text): the words of text as the search index stores them.
- keikaku_fiscal_year(text): a fiscal year typed by a user (2024, 令和6年度, 令和6, R6, ２０２４) as a
  Gregorian integer, or null.

Datasette runs SQL on several threads; pipeline.japanese gives each thread its own tokenizer.

A topic's name (table `topics`) links to the canned query `topic`: that topic's measures per town,
with their schedule by year and their KPIs.
"""
from __future__ import annotations

import unicodedata
import urllib.parse

from datasette import hookimpl
from markupsafe import Markup, escape

from db.search import index_tokens, match_expression
from pipeline.eras import parse_fiscal_year


def fiscal_year(text: str | None) -> int | None:
    """A fiscal year as a user types it, or None: '2024' -> 2024, '令和6年度' -> 2024, 'R6' -> 2024."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    found = parse_fiscal_year(text)
    if found is None and not text.endswith(("年度", "年")):
        found = parse_fiscal_year(text + "年度")
    return found


@hookimpl
def prepare_connection(conn):
    conn.create_function("keikaku_match", 1, lambda q: match_expression(_text(q)), deterministic=True)
    conn.create_function("keikaku_tokens", 1, lambda text: index_tokens(_text(text)), deterministic=True)
    conn.create_function("keikaku_fiscal_year", 1, lambda text: fiscal_year(_text(text)), deterministic=True)


def _text(value) -> str:
    return "" if value is None else str(value)



@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """A topic's name in table `topics` links to the canned query `topic` for that topic."""
    if table == "topics" and column == "name" and value and "id" in row.keys():
        url = datasette.urls.database(database) + "/topic?" + urllib.parse.urlencode({"topic": row["id"]})
        return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')
    return None
