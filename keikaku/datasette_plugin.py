"""Datasette plugin (entry point `keikaku` in the `datasette` group): Keikaku's Japanese analysis as SQL
functions on every connection Datasette opens.

- keikaku_match(q): the FTS5 query for `search_index_fts` that finds the words of q (see db.search).
- keikaku_tokens(text): the words of text as the search index stores them.
- keikaku_fiscal_year(text): a fiscal year typed by a user (2024, 令和6年度, 令和6, R6, ２０２４) as a
  Gregorian integer, or null.

Datasette runs SQL on several threads; pipeline.japanese gives each thread its own tokenizer.

A topic's name (table `topics`) links to the canned query `topic`: that topic's measures per town,
with their schedule by year and their KPIs. Column headers and facets show a short Japanese label (the
column's description in metadata.yml up to its first bracket), and an empty answer a hint
(keikaku/templates/).
"""
from __future__ import annotations

import json
import re
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
    """A topic's name in table `topics` links to the canned query `topic` for that topic; topic terms stored
    as JSON read as words."""
    if table == "topics" and column == "name" and value and "id" in row.keys():
        url = datasette.urls.database(database) + "/topic?" + urllib.parse.urlencode({"topic": row["id"]})
        return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')
    if column in ("terms", "語") and isinstance(value, str) and value[:1] in "[{":
        return terms_text(value)
    if table in ("plan_list", "plans") and column in ("計画", "title") and value:
        plan_id = row["計画id"] if table == "plan_list" else row["id"]
        url = datasette.urls.path(f"/-/keikaku/plan/{plan_id}")
        return Markup(f'<a href="{escape(url)}" title="スケジュールの図">{escape(value)}</a>')
    return None


def column_label(name: str, description: str | None) -> str:
    """A column's short Japanese header: its description up to the first bracket or colon (「…」 quoted
    topic names without their group), or the column's name when that would be empty or long."""
    if not description:
        return name
    label = re.split(r"[（(：]", description, maxsplit=1)[0].strip()
    quoted = re.fullmatch(r"「(.+?)」.*", description)
    if quoted:
        label = quoted.group(1).split("：")[-1]
    return label if 0 < len(label) <= 12 else name


def _labels(datasette, database: str | None, table: str | None) -> dict[str, str]:
    if not database or not table:
        return {}
    columns = (datasette.metadata("columns", database=database, table=table) or {})
    return {name: column_label(name, description) for name, description in columns.items()}


def _titles(datasette, database: str | None) -> dict[str, str]:
    """Table and view -> its Japanese title in metadata.yml."""
    if not database:
        return {}
    tables = (datasette.metadata(database=database) or {}).get("tables", {})
    return {name: meta["title"] for name, meta in tables.items() if meta.get("title")}


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    async def inner():
        name = table or (request.url_vars.get("table") if request else None)
        return {"keikaku_labels": _labels(datasette, database, name),
                "keikaku_titles": _titles(datasette, database),
                "keikaku_hint": await _hint(datasette, database, name, request) if request else None}
    return inner


async def _hint(datasette, database, name, request):
    """What to try instead, shown under an empty answer of a canned query or a table search."""
    if not database or not name:
        return None
    db = datasette.get_database(database)
    base = datasette.urls.database(database)
    args = request.args

    def link(path, text, **params):
        url = f"{base}/{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
        return f'<a href="{escape(url)}">{escape(text)}</a>'

    if args.get("_search"):
        word = args["_search"]
        return Markup(f"表の検索欄は三文字以上の語句を書かれたとおりに探します。二文字の語（窓口、防災）や表記ゆれ"
                      f"（取組／取り組み）は{link('search', '全文検索「' + word + '」', q=word)}で探せます。")
    if name == "search":
        q = args.get("q", "")
        if not q.strip():
            return Markup(f"語句を入れてください（例：{link('search', '窓口', q='窓口')}、"
                          f"{link('search', '防災', q='防災')}、{link('search', 'マイナンバー', q='マイナンバー')}）。")
        return Markup(f"「{escape(q)}」を含む記録は最新版の計画にありません。語を減らすか短くするか、"
                      f"{link('topics', 'トピックの一覧')}から探してください。")
    if name in ("topic", "topic_timeline", "topic_kpis"):
        topics = (await db.execute("select id, name from topics order by sort_order")).rows
        listed = "、".join(link(name, t["name"], topic=t["id"]) for t in topics)
        return Markup(f"トピックは id・名前・名前の一部で指定します。トピックの一覧：{listed}")
    if name in ("by_fiscal_year", "compare") and args.get("fy"):
        if fiscal_year(args["fy"]) is None:
            return Markup(f"「{escape(args['fy'])}」は年度として読めません。年度は 2024、令和6年度、令和6、R6 のように"
                          "入力してください。")
        years = (await db.execute("select min(fiscal_year), max(fiscal_year) from schedule_cells")).rows[0]
        return Markup(f"この年度のスケジュールの欄はありません。スケジュールがあるのは {years[0]}〜{years[1]} 年度です"
                      "（最新版の計画）。")
    if name in ("by_fiscal_year", "compare"):
        return Markup("年度を入力してください（2024、令和6年度、令和6、R6）。")
    if name in ("kpi_list", "changes"):
        towns = (await db.execute("select name from municipalities order by name")).rows
        listed = "、".join(link(name, t["name"], municipality=t["name"]) for t in towns)
        return Markup(f"自治体名（またはその一部）で絞り込みます。自治体：{listed}")
    return None


def terms_text(value: str) -> str | None:
    """A topic's terms as JSON (a list, or lists by place) as words a reader reads, or None if not JSON."""
    try:
        terms = json.loads(value)
    except (TypeError, ValueError):
        return None
    if isinstance(terms, list):
        return "、".join(map(str, terms))
    if isinstance(terms, dict):
        return " ／ ".join(f"{TERM_PLACES.get(k, k)}：{'、'.join(map(str, v))}" for k, v in terms.items())
    return None


TERM_PLACES = {"title": "施策名", "schedule_items": "スケジュール項目", "targets": "目標", "statements": "対応方針など",
               "action_items": "施策内容の項目", "content": "施策内容", "passages": "本文"}


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _renderer(fmt: str):
    def render(columns, rows, table, query_name, database):
        from datasette.utils.asgi import Response

        from keikaku.export import csv_bytes, xlsx_bytes

        name = query_name or table or database
        values = [tuple(row) for row in rows]
        if fmt == "xlsx":
            body, content_type, suffix = xlsx_bytes(columns, values, name), XLSX_TYPE, "xlsx"
        else:
            body, content_type, suffix = csv_bytes(columns, values), "text/csv; charset=utf-8", "csv"
        filename = urllib.parse.quote(f"{name}.{suffix}")
        return Response(body, content_type=content_type,
                        headers={"content-disposition": f"attachment; filename*=UTF-8''{filename}"})
    return render


@hookimpl
def register_output_renderer(datasette):
    """Links xlsx (a workbook) and csvbom (CSV that Excel opens: UTF-8 with a BOM) beside json and CSV on every
    table, view and canned query, of the rows the page shows (add _size=max for up to 1,000)."""
    return [{"extension": "xlsx", "render": _renderer("xlsx")}, {"extension": "csvbom", "render": _renderer("csv")}]


@hookimpl
def register_routes():
    """The pictures of keikaku/pages.py: a plan's schedule, a comparison across towns, the topic heat map."""
    return [(r"^/-/keikaku/plan/(?P<plan_id>\d+)$", _plan_view), (r"^/-/keikaku/compare$", _compare_view),
            (r"^/-/keikaku/coverage$", _coverage_view)]


async def _page(datasette, request, template, make):
    from datasette.utils.asgi import NotFound, Response

    from keikaku.pages import PageNotFound

    try:
        context = await make(datasette.get_database())
    except PageNotFound as e:
        raise NotFound(str(e))
    return Response.html(await datasette.render_template(template, context, request=request))


async def _plan_view(datasette, request):
    from keikaku.pages import plan_page

    document = request.args.get("document", "")
    return await _page(datasette, request, "keikaku_plan.html", lambda db: plan_page(
        db, int(request.url_vars["plan_id"]), int(document) if document.isdigit() else None))


async def _compare_view(datasette, request):
    from keikaku.pages import compare_page

    topic, fy = request.args.get("topic", ""), fiscal_year(request.args.get("fy", ""))
    return await _page(datasette, request, "keikaku_compare.html",
                       lambda db: compare_page(db, topic, fy if not topic else None))


async def _coverage_view(datasette, request):
    from keikaku.pages import coverage_page

    return await _page(datasette, request, "keikaku_coverage.html", coverage_page)
