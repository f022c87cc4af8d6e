"""`keikaku export` and the xlsx / csvbom links of `keikaku serve`: what Excel opens equals the query's rows."""
import asyncio
import csv
import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from keikaku.cli import main
from keikaku.serve import make_datasette


@pytest.fixture(scope="module")
def served_rows(corpus_db_path):
    """(columns, rows) of a table or canned query as Datasette answers it in JSON."""
    loop = asyncio.new_event_loop()
    ds = make_datasette(corpus_db_path)

    def answer(path, **params):
        response = loop.run_until_complete(ds.client.get(path, params={**params, "_size": "max"}))
        assert response.status_code == 200
        return response

    yield answer
    for database in ds.databases.values():
        database.close()
    loop.close()


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def workbook_rows(data: bytes):
    """The sheet's rows, each as wide as the first (xlsx stores no empty cell at the end of a row)."""
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [row + [None] * (len(rows[0]) - len(row)) for row in rows]


@pytest.mark.parametrize("name, params", [("by_fiscal_year", {"fy": "R6"}), ("kpi_list", {"municipality": "小野町"}),
                                          ("kpis", {})])
def test_csv_xlsx_and_json_equal_the_query(corpus_db_path, served_rows, tmp_path, name, params):
    data = served_rows(f"/keikaku/{name}.json", **params).json()
    columns, rows = data["columns"], data["rows"]
    assert rows
    options = [x for k, v in params.items() for x in ("-p", f"{k}={v}")]
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"{name}.{fmt}"
        code, output = run("export", name, "--format", fmt, "--db", str(corpus_db_path), "-o", str(out), *options)
        assert code == 0 and output.strip() == f"{len(rows)} rows -> {out}"
    raw = (tmp_path / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    read = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert read[0] == columns
    assert read[1:] == [["" if v is None else str(v) for v in row] for row in rows]
    assert workbook_rows((tmp_path / f"{name}.xlsx").read_bytes()) == [columns] + rows
    assert json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")) == [dict(zip(columns, r)) for r in rows]


def test_serve_links_an_xlsx_and_a_csv_for_excel(served_rows):
    data = served_rows("/keikaku/kpi_list.json", municipality="小野町").json()
    response = served_rows("/keikaku/kpi_list.xlsx", municipality="小野町")
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert workbook_rows(response.content) == [data["columns"]] + data["rows"]
    response = served_rows("/keikaku/kpi_list.csvbom", municipality="小野町")
    assert response.content.startswith(b"\xef\xbb\xbf") and "コンビニ交付件数" in response.content.decode("utf-8-sig")
    page = served_rows("/keikaku/kpi_list", municipality="小野町").text
    assert ".xlsx?municipality=" in page and ".csvbom?municipality=" in page


def test_export_errors_are_one_line(corpus_db_path, tmp_path):
    db = ["--db", str(corpus_db_path)]
    for args, message in [
        (["nope"], "Error: no table, view or canned query named 'nope' (canned queries: search, by_fiscal_year"),
        (["kpis", "-p", "x=1"], "Error: kpis is a table or view: it takes no parameters"),
        (["search", "-p", "fy=1"], "Error: search takes q, not fy"),
        (["search", "-p", "q"], "Error: parameter 'q' is not NAME=VALUE"),
        (["kpis", "--format", "xlsx", "-o", "-"], "Error: an xlsx workbook needs a file: give -o FILE.xlsx"),
    ]:
        code, output = run("export", *args, *db)
        assert code == 1 and output.startswith(message) and output.count("\n") == 1, output
    code, output = run("export", "kpis", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in output
    code, output = run("export", "search", "-p", "q=窓口", "--format", "json", "-o", "-", *db)
    assert code == 0 and json.loads(output)[0]["自治体"]


def test_version():
    code, output = run("--version")
    assert code == 0 and output.startswith("keikaku 0.")


def test_diff_lists_every_plan_of_a_municipality(corpus_db_path):
    code, output = run("diff", "柴田町", "--db", str(corpus_db_path))
    assert code == 0 and output.splitlines() == [
        "柴田町 柴田町DX推進計画: 第1版 000_5c1e4d24ba908298.txt（現行） は最初の版です（比べる前の版がありません）",
        "柴田町 (無題: 001_25c05c00f1fb991e.txt): 第1版 001_25c05c00f1fb991e.txt（現行） は最初の版です（比べる前の版がありません）"]
