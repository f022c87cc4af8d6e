"""`keikaku serve`: the Datasette users browse, through Datasette's own client and a real headless Chromium."""
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

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
    status, data = get(f"/keikaku/{urllib.parse.quote(query)}.json", _shape="objects", **params)
    assert status == 200, data
    return data["rows"]


def test_search_query(get):
    counter = rows(get, "search", q="窓口")
    assert {(r["自治体"], r["種別"], r["文字"], r["行"]) for r in counter} >= {
        ("東員町", "施策", "窓口サービスのスマート化", 235), ("白石市", "施策", "スマート窓口", 400),
        ("白石市", "現状・課題", "窓口での待ち時間が長く、窓口の混雑が発生している", 408)}
    first = counter[0]
    assert set(first) >= {"自治体", "計画", "ファイル", "施策", "種別", "文字", "行", "ページ"}
    # records before body text
    kinds = [r["種別"] in ("本文", "見出し") for r in counter]
    assert kinds == sorted(kinds) and not kinds[0]
    disaster = rows(get, "search", q="防災")
    assert ("柴田町", "柴田町DX推進計画", "000_5c1e4d24ba908298.txt", "(8) 防災のDX", "施策", "防災のDX", 645) in {
        (r["自治体"], r["計画"], r["ファイル"], r["施策"], r["種別"], r["文字"], r["行"]) for r in disaster}
    assert any(r["文字"] == "防災行政無線のデジタル化" and r["種別"] == "スケジュール" for r in disaster)
    variant = rows(get, "search", q="取り組み")
    assert any(r["自治体"] == "白石市" and "より一層の取組が必要" in r["文字"] for r in variant)
    assert any(r["文字"] == "マイナンバーカードの普及促進" and r["自治体"] == "東員町"
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
        counts[r["自治体"]] = counts.get(r["自治体"], 0) + 1
    assert counts == {"東員町": 45, "柴田町": 32}
    assert cells == rows(get, "by_fiscal_year", fy="2024") == rows(get, "by_fiscal_year", fy="R6")
    row = next(r for r in cells if r["項目名"] == "マイナンバーカードの交付率向上へ向けた広報活動")
    assert (row["欄の文字"], row["状態"], row["矢印が続ける欄"]) == ("→", "継続(→)", "実施継続")
    assert rows(get, "by_fiscal_year", fy="平成27年度")[0]["自治体"] == "柴田町"
    assert rows(get, "by_fiscal_year", fy="") == []


def test_kpi_query(get):
    ono = rows(get, "kpi_list", municipality="小野町")
    assert len(ono) == 25 and {r["自治体"] for r in ono} == {"小野町"}
    assert ("コンビニ交付件数(全証明書合計)", 2024, "1,466件", 2029, "1,900件", "件") in {
        (r["指標"], r["基準年度"], r["基準値"], r["目標年度"], r["目標値"], r["単位"])
        for r in ono}
    assert len(rows(get, "kpi_list", municipality="")) == 28


def test_compare_query(get):
    towns = rows(get, "compare", fy="")
    assert [(r["自治体"], r["計画"], r["施策数"], r["項目数"], r["欄の数"]) for r in towns] == [
        ("小野町", "小野町 DX 推進計画", 23, 32, 58), ("東員町", "東員町デジタル化推進計画", 24, 67, 133),
        ("柴田町", "(無題: 001_25c05c00f1fb991e.txt)", 12, 39, 88), ("柴田町", "柴田町DX推進計画", 17, 49, 115),
        ("白石市", "白石市デジタル化推進方針", 13, 0, 0)]
    labels = [label for _, label, _ in STATUSES]
    assert all(sum(r[label] for label in labels) == r["欄の数"] for r in towns)
    in_2024 = {r["自治体"]: r["欄の数"] for r in rows(get, "compare", fy="令和6年度") if r["欄の数"]}
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
        # a column named in Japanese (the views 施策一覧 …) is its own header
        undescribed = [c.name for c in db[name].columns
                       if c.name not in described and c.name != "id" and c.name.isascii()]
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


def test_views_name_the_town_and_plan_of_every_record(get):
    plans = rows(get, "plan_list")
    assert [(r["自治体"], r["計画"], r["施策数"]) for r in plans] == [
        ("柴田町", "柴田町DX推進計画", 17), ("柴田町", "(無題: 001_25c05c00f1fb991e.txt)", 12),
        ("白石市", "白石市デジタル化推進方針", 13), ("小野町", "小野町 DX 推進計画", 23),
        ("東員町", "東員町デジタル化推進計画", 24)]
    measures = rows(get, "measure_list", _size="max")
    assert len(measures) == 89 and all(r["自治体"] and r["計画"] for r in measures)
    assert rows(get, "statement_list", 自治体="白石市", _size=1)[0]["計画"] == "白石市デジタル化推進方針"
    warnings = rows(get, "warning_list", _size="max")
    assert len(warnings) == 32 and "other" not in {r["種別"] for r in warnings}
    assert ("東員町", "施策一覧の表では 1. の名称が「リモートワークの推進」、本文では「テレワークの推進」です") in {
        (r["自治体"], r["内容"]) for r in warnings}
    # a raw table's document_id reads as the town and plan (documents.label)
    status, html = get("/keikaku/statements")
    assert "柴田町 柴田町DX推進計画" in html and "柴田町 (無題: 001_25c05c00f1fb991e.txt)" in html


def test_japanese_headers_facets_and_hidden_internals(get):
    status, html = get("/keikaku/schedule")
    assert status == 200
    assert '<strong>年度' in html and '<strong>自治体' in html and '<strong>fiscal_year' not in html
    assert 'rel="nofollow">施策名</a>' in html and 'class="keikaku-columns"' in html
    status, html = get("/keikaku/schedule", _facet="fiscal_year")  # a facet asked for again is shown once
    assert html.count('<strong>年度') == 1
    status, html = get("/keikaku")  # the database page names tables and views by their Japanese titles
    assert '>施策一覧</a> <small class="kk-name"><code>measure_list</code>' in html and '>担当課</a>' in html
    assert 'href="/-/keikaku/coverage"' in html
    status, data = get("/keikaku.json")
    hidden = {t["name"] for t in data["tables"] if t["hidden"]}
    assert {"search_index", "search_index_fts", "passages_fts", "statements_fts", "topic_vocabulary"} <= hidden
    assert not {"measures", "statements", "schedule_cells", "plans"} & hidden


@pytest.mark.parametrize("path, params, hint", [
    ("statements", {"_search": "窓口"}, 'href="/keikaku/search?q=%E7%AA%93%E5%8F%A3">全文検索「窓口」</a>'),
    ("search", {"q": "ゾルゲヌプ"}, "「ゾルゲヌプ」を含む記録は最新版の計画にありません"),
    ("topic", {"topic": "xyz"}, '<a href="/keikaku/topic?topic=disaster">地域社会のデジタル化：防災</a>'),
    ("topic_kpis", {"topic": "xyz"}, "トピックの一覧"),
    ("by_fiscal_year", {"fy": "abc"}, "「abc」は年度として読めません"),
    ("by_fiscal_year", {"fy": "2040"}, "スケジュールがあるのは 2015〜2030 年度です"),
    ("kpi_list", {"municipality": "横浜"}, '<a href="/keikaku/kpi_list?municipality=%E5%B0%8F%E9%87%8E%E7%94%BA">'),
])
def test_an_empty_answer_says_what_to_try(get, path, params, hint):
    status, html = get(f"/keikaku/{path}", **params)
    assert status == 200 and 'class="keikaku-hint"' in html and hint in html
    status, html = get("/keikaku/search", q="窓口")
    assert 'class="keikaku-hint"' not in html


# Screenshots of the pages a reader looks at, kept after the run (not in git): tests/screenshots/ or
# $KEIKAKU_SCREENSHOTS.
SCREENSHOTS = Path(os.environ.get("KEIKAKU_SCREENSHOTS", Path(__file__).resolve().parent / "screenshots"))
PAGES = [  # (file, path, what the page must show)
    ("plan-柴田町.png", "/-/keikaku/plan/1", ["柴田町 柴田町DX推進計画", 'class="kk-cell operate"', "マイナンバーカードの交付率向上へ向けた広報活動",
                                           "KPI　マイナンバー"]),
    ("compare-mynumber_card.png", "/-/keikaku/compare?topic=mynumber_card", ["自治体の比較：マイナンバーカードの普及促進",
                                                                            "小野町", "東員町", "柴田町"]),
    ("coverage.png", "/-/keikaku/coverage", ["トピックの分布", "白石市", "地域社会のデジタル化：防災"]),
    ("search-窓口.png", "/keikaku/search?q=%E7%AA%93%E5%8F%A3", ["全文検索", ">自治体</th>", "窓口サービスのスマート化"]),
    ("schedule.png", "/keikaku/schedule", ["スケジュール一覧", ">施策名</a>", "<strong>年度", "柴田町DX推進計画"]),
]


def test_pages_in_a_real_browser(served):
    """Each page opened in headless Chromium at 1400 px wide: the DOM it built and a screenshot to look at."""
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path, expected in PAGES:
        screenshot = SCREENSHOTS / name
        screenshot.unlink(missing_ok=True)
        result = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={SCREENSHOTS / '.profile'}", "--window-size=1400,1100",
             f"--screenshot={screenshot}", "--dump-dom", served + path], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr[-2000:]
        missing = [text for text in expected if text not in result.stdout]
        assert not missing, f"{path}: {missing}"
        assert screenshot.stat().st_size > 20_000, path
    shutil.rmtree(SCREENSHOTS / ".profile", ignore_errors=True)


def test_plan_page_draws_the_schedule(get):
    status, html = get("/-/keikaku/plan/1")
    assert status == 200 and "<h1>柴田町 柴田町DX推進計画</h1>" in html
    assert [f'<th class="kk-year">{y}<br>' in html for y in (2022, 2023, 2026, 2027)] == [False, True, True, False]
    # 「実施継続」 then an arrow: the arrow takes the colour of the step it continues
    row = html[html.index("マイナンバーカードの交付率向上へ向けた広報活動</td>"):]
    row = row[:row.index("</tr>")]
    assert ('<td class="kk-cell operate" title="2023年度 「実施継続」 運用・継続">実施継続</td>'
            '<td class="kk-cell operate arrow" title="2024年度 「→」 継続(→)">→</td>') in row
    assert "KPI　マイナンバーカードの交付率向上へ向けた広報活動：— → 概ね100%" in html
    assert "/keikaku/schedule.xlsx?document_id=1&amp;_size=max" in html
    status, html = get("/-/keikaku/plan/2")
    assert status == 200 and "(無題: 001_25c05c00f1fb991e.txt)" in html
    status, html = get("/-/keikaku/plan/99")
    assert status == 404 and "計画 99 はありません" in html
    status, html = get("/keikaku/plan_list")
    assert '<a href="/-/keikaku/plan/4" title="スケジュールの図">小野町 DX 推進計画</a>' in html


def test_compare_and_coverage_pages(get):
    status, html = get("/-/keikaku/compare", fy="令和6年度")
    assert status == 200 and '<th class="kk-year kk-chosen">2024<br>' in html
    assert html.count('<td class="kk-town">') == 77  # one row per schedule item with a cell in 2024
    status, html = get("/-/keikaku/compare", topic="防災")
    assert status == 200 and "自治体の比較：地域社会のデジタル化：防災" in html and "防災行政無線のデジタル化" in html
    status, html = get("/-/keikaku/compare", topic="xyz")
    assert status == 404 and "トピック「xyz」はありません" in html
    status, html = get("/-/keikaku/compare")
    assert status == 404 and "トピック（topic=）か年度（fy=）を選んでください" in html
    status, html = get("/-/keikaku/coverage")
    coverage = {r["自治体"]: r for r in rows(get, "topic_coverage")}
    row = html[html.index('<td class="kk-town">柴田町</td>'):]
    assert f'<a href="/-/keikaku/compare?topic=disaster">{coverage["柴田町"]["防災"]}</a>' in row[:row.index("</tr>")]


def _plan_page(tmp_path, text: str) -> str:
    """The plan page of a database made from one text."""
    from keikaku.ingest import ingest

    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    database = tmp_path / "keikaku.db"
    ingest([str(source)], str(database), echo=lambda line: None)
    loop, ds = asyncio.new_event_loop(), make_datasette(database)
    try:
        response = loop.run_until_complete(ds.client.get("/-/keikaku/plan/1"))
    finally:
        for served in ds.databases.values():
            served.close()
        loop.close()
    assert response.status_code == 200
    return response.text


def test_plan_page_shows_a_kpis_reported_result(tmp_path):
    """A progress report's KPI that prints only its result (「職員提案制度の表彰件数…32件」 in a report of 令和5年度)
    shows that result and its year on the plan page, not the indicator alone."""
    html = _plan_page(tmp_path, "令和5年度までの主な取り組み状況を紹介します。\n■行財政運営\n▽業務改革の推進\n"
                                "職員提案制度の表彰件数…32件\n")
    assert "KPI　職員提案制度の表彰件数：実績 32件（2023年度）" in html


def test_plan_page_counts_measures_and_shows_a_goal_in_words_once(tmp_path):
    """A goal stated in words shows once with its year (not 「…：— → …」, the sentence twice); the count of measures
    leaves out the row of what stands outside every measure."""
    html = _plan_page(tmp_path, "みどり市DX推進計画\n1 基幹システムの標準化\n現状\n・独自のシステムを使っている\n目標\n"
                                "令和9年2月までに本番運用開始\n2 計画の推進\n本計画は毎年度見直します。\n"
                                "令和7年度末までにガバメントクラウドへの円滑な移行を目指します。\n")
    assert "KPI　令和9年2月までに本番運用開始（2026年度）<" in html
    assert "・施策 1、" in html and "（施策の外）" in html


def test_plan_page_shows_a_numbered_goal_in_words_once(tmp_path):
    """Goals listed with ① ② under a goal word show once, without their numbers (not 「① 生活習慣病の予防：— → 生活習慣病の予防」)."""
    html = _plan_page(tmp_path, "みどり町健康増進計画\n1 健康管理\n【基本的な目標】\n① 生活習慣病の予防\n② 疾病の早期発見\n"
                                "【現状・課題】\n・健診の受診率が低い。\n2 食育\n【現状・課題】\n・朝食を抜く人が多い。\n")
    assert "KPI　生活習慣病の予防<" in html and "KPI　疾病の早期発見<" in html
    assert "— → 生活習慣病の予防" not in html
