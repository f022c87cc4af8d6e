"""`keikaku serve`: the Datasette users browse, through Datasette's own client and a real headless Chromium."""
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import sqlite_utils
from click.testing import CliRunner

from db.schema import STATUSES
from keikaku.cli import main
from keikaku.datasette_plugin import fiscal_year
from keikaku.serve import load_metadata, make_datasette


@pytest.fixture(scope="module")
def datasette(corpus_db_path):
    """The Datasette `keikaku serve` runs, with an event loop to run its test client in."""
    loop = asyncio.new_event_loop()
    ds = make_datasette(corpus_db_path)
    yield ds, loop
    for database in ds.databases.values():
        database.close()
    loop.close()


@pytest.fixture(scope="module")
def get(datasette):
    """GET a path of the served database; returns (status, JSON or HTML)."""
    ds, loop = datasette

    def get(path, **params):
        response = loop.run_until_complete(ds.client.get(path, params=params))
        return response.status_code, response.json() if ".json" in path else response.text

    return get


def rows(get, query, **params):
    status, data = get(f"/keikaku/{query}.json", _shape="objects", **params)
    assert status == 200, data
    return data["rows"]


def test_search_query(get):
    counter = rows(get, "search", q="窓口")
    assert {(r["municipality"], r["kind"], r["text"], r["line"]) for r in counter} >= {
        ("東員町", "施策", "窓口サービスのスマート化", 235), ("白石市", "施策", "スマート窓口", 400),
        ("白石市", "現状・課題", "窓口での待ち時間が長く、窓口の混雑が発生している", 408)}
    first = counter[0]
    assert set(first) >= {"municipality", "plan", "document", "measure", "kind", "text", "line", "page"}
    # records before body text
    kinds = [r["kind"] in ("本文", "見出し") for r in counter]
    assert kinds == sorted(kinds) and not kinds[0]
    disaster = rows(get, "search", q="防災")
    assert ("柴田町", "柴田町DX推進計画", "000_5c1e4d24ba908298.txt", "(8) 防災のDX", "施策", "防災のDX", 645) in {
        (r["municipality"], r["plan"], r["document"], r["measure"], r["kind"], r["text"], r["line"]) for r in disaster}
    assert any(r["text"] == "防災行政無線のデジタル化" and r["kind"] == "スケジュール" for r in disaster)
    variant = rows(get, "search", q="取り組み")
    assert any(r["municipality"] == "白石市" and "より一層の取組が必要" in r["text"] for r in variant)
    assert any(r["text"] == "マイナンバーカードの普及促進" and r["municipality"] == "東員町"
               for r in rows(get, "search", q="マイナンバー"))
    assert rows(get, "search", q="ゾルゲヌプ") == []
    assert rows(get, "search", q="") == []


def test_search_from_several_threads(datasette):
    """Datasette runs SQL on several threads at once: each needs its own tokenizer (a shared one fails
    with "Tokenizer is already in use" on long queries analysed at the same time)."""
    ds, loop = datasette
    queries = [f"窓口と防災の取組について{i}" * 40 for i in range(40)] + ["窓口", "防災", "取組", "マイナンバー"]

    async def search_all():
        return await asyncio.gather(*(ds.client.get("/keikaku/search.json", params={"q": q, "_shape": "objects"})
                                      for q in queries))

    responses = loop.run_until_complete(search_all())
    assert [r.status_code for r in responses] == [200] * len(queries)
    assert all(r.json()["rows"] for r in responses[-4:])


@pytest.mark.parametrize("text, expected", [
    ("2024", 2024), ("２０２４", 2024), ("2024年度", 2024), ("令和6年度", 2024), ("令和６", 2024), ("R6", 2024),
    ("令和元年度", 2019), ("平成27年度", 2015), ("", None), ("来年", None), ("6", None),
])
def test_fiscal_year_as_typed(text, expected):
    assert fiscal_year(text) == expected


def test_fiscal_year_query(get):
    cells = rows(get, "by_fiscal_year", fy="令和6年度")
    counts = {}
    for r in cells:
        counts[r["municipality"]] = counts.get(r["municipality"], 0) + 1
    assert counts == {"東員町": 45, "柴田町": 32}
    assert cells == rows(get, "by_fiscal_year", fy="2024") == rows(get, "by_fiscal_year", fy="R6")
    row = next(r for r in cells if r["item_title"] == "マイナンバーカードの交付率向上へ向けた広報活動")
    assert (row["text"], row["status_label"], row["arrow_continues"]) == ("→", "継続(→)", "実施継続")
    assert rows(get, "by_fiscal_year", fy="平成27年度")[0]["municipality"] == "柴田町"
    assert rows(get, "by_fiscal_year", fy="") == []


def test_kpi_query(get):
    ono = rows(get, "kpi_list", municipality="小野町")
    assert len(ono) == 25 and {r["municipality"] for r in ono} == {"小野町"}
    assert ("コンビニ交付件数(全証明書合計)", 2024, "1,466件", 2029, "1,900件", "件") in {
        (r["indicator"], r["baseline_fy"], r["baseline_text"], r["target_fy"], r["target_text"], r["unit"])
        for r in ono}
    assert len(rows(get, "kpi_list", municipality="")) == 28


def test_compare_query(get):
    towns = rows(get, "compare", fy="")
    assert [(r["municipality"], r["measures"], r["schedule_items"], r["schedule_cells"]) for r in towns] == [
        ("小野町", 23, 32, 58), ("東員町", 24, 67, 133), ("柴田町", 12, 39, 88), ("柴田町", 17, 49, 115),
        ("白石市", 13, 0, 0)]
    codes = [code for code, _, _ in STATUSES]
    assert all(sum(r[code] for code in codes) == r["schedule_cells"] for r in towns)
    in_2024 = {r["municipality"]: r["schedule_cells"] for r in rows(get, "compare", fy="令和6年度") if r["schedule_cells"]}
    assert in_2024 == {"東員町": 45, "柴田町": 32}


def test_plan_changes_query(get):
    # plan_changes is filled by the revision comparison (issue 7); until then every answer is empty.
    assert rows(get, "changes", municipality="柴田町") == []
    assert rows(get, "changes", municipality="") == []


def test_search_box_on_statements_and_measures(get):
    """The table search box finds words of three characters or more as printed."""
    statements = rows(get, "statements", _search="窓口業務")
    assert [(r["document_id"], r["line"]) for r in statements] == [(1, 395), (4, 746), (5, 237)]
    assert all("窓口業務" in r["text"] for r in statements)
    measures = rows(get, "measures", _search="マイナンバー")
    assert [(r["title"], r["line"]) for r in measures] == [("マイナンバーカードの普及促進", 326),
                                                           ("マイナンバーカードの普及促進", 366),
                                                           ("マイナンバーカードの普及促進", 210)]
    assert any(r["line"] == 653 for r in rows(get, "passages", _search="防災ラジオ"))


def test_served_read_only_with_japanese_labels(get, corpus_db_path):
    status, databases = get("/-/databases.json")
    # mutable (not immutable: an ingest may run while it is served), opened read-only
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("keikaku", True)]
    status, data = get("/keikaku.json", sql="delete from measures")
    assert status == 400 and data["error"] == "Statement must be a SELECT"
    assert sqlite_utils.Database(corpus_db_path)["measures"].count == 89
    status, html = get("/keikaku/measures")
    assert status == 200 and "<h1>施策</h1>" in html and "施策名" in html  # title, column description
    metadata = load_metadata()["databases"]["keikaku"]
    db = sqlite_utils.Database(corpus_db_path)
    for name in [t for t in db.table_names() + db.view_names() if "_fts" not in t]:
        assert metadata["tables"].get(name, {}).get("title"), f"{name} has no Japanese title"
        described = metadata["tables"][name].get("columns", {})
        undescribed = [c.name for c in db[name].columns if c.name not in described and c.name != "id"]
        assert not undescribed, f"{name}: columns without a description: {undescribed}"


def test_serve_refuses_what_it_cannot_serve(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such database" in result.output
    sqlite_utils.Database(tmp_path / "other.db")["t"].insert({"a": 1})
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "other.db")])
    assert result.exit_code == 1 and "not a Keikaku database" in result.output


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(corpus_db_path):
    """`keikaku serve` running on a free port of 127.0.0.1; stopped afterwards."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "keikaku", "serve", "--db", str(corpus_db_path),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("keikaku serve did not start: " + server.stdout.read().decode())
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_search_page_in_a_real_browser(served, tmp_path):
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    screenshot = tmp_path / "search-窓口.png"
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
         f"--screenshot={screenshot}", "--dump-dom", served + "/keikaku/search?q=%E7%AA%93%E5%8F%A3"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<h1>全文検索</h1>" in dom or "全文検索" in dom
    assert 'class="rows-and-columns"' in dom
    assert "窓口サービスのスマート化" in dom and "東員町" in dom
    assert screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")
