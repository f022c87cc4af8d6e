"""The Japanese search index: what a word typed by a user finds in the five supplied plans."""
import sqlite3
from contextlib import closing

import pytest
import sqlite_utils

from conftest import RAW
from db.search import index_document, index_missing, index_tokens, match_expression
from keikaku.ingest import ingest


@pytest.mark.parametrize("text, expected", [
    ("マイナンバーカードの取組", "マイナンバーカード マイナンバー カード の 取組 取り組み"),
    ("窓口業務", "窓口 業務"),
    ("ＤＸ推進", "ＤＸ DX 推進"),
    ("・※（）", ""),
    ("", ""),
])
def test_index_tokens(text, expected):
    assert index_tokens(text) == expected


def test_long_text_is_indexed_in_pieces():
    # SudachiPy refuses more than 49149 bytes at once; a PDF paragraph can be longer.
    assert index_tokens("防災の取組。" * 20000).split().count("取り組み") == 20000


@pytest.mark.parametrize("query, expected", [
    ("窓口", '("窓口")'),
    ("取組", '("取組" OR "取り組み")'),
    ("電子申請", '("電子申請" OR ("電子" AND "申請"))'),
    ("窓口　キャッシュレス", '("窓口") AND ("キャッシュレス")'),
    ('"窓口" OR', '("窓口") AND ("OR" OR "or")'),  # FTS5 syntax is read as words
    ("・", '""'),
    ("", '""'),
])
def test_match_expression(query, expected):
    assert match_expression(query) == expected


def search(conn, query: str) -> list[dict]:
    """The index read the way the canned query reads it, for every document (current or not)."""
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(
        "select si.*, d.source_file, d.is_current from search_index_fts join search_index si "
        "on si.id = search_index_fts.rowid join documents d on d.id = si.document_id "
        "where search_index_fts match ? order by search_index_fts.rank", [match_expression(query)])]


@pytest.fixture(scope="module")
def conn(corpus_db_path):
    connection = sqlite3.connect(f"file:{corpus_db_path}?mode=ro", uri=True)
    yield connection
    connection.close()


def found(rows, entity=None):
    return {(r["source_file"][:3], r["line"], r["text"]) for r in rows if entity in (None, r["entity"])}


def test_two_character_words(conn):
    assert {("004", 235, "窓口サービスのスマート化"), ("002", 400, "スマート窓口")} <= found(search(conn, "窓口"), "measure")
    assert ("002", 408, "窓口での待ち時間が長く、窓口の混雑が発生している") in found(search(conn, "窓口"), "statement")
    assert {("000", 645, "防災のDX"), ("004", 299, "防災・減災対策のデジタル化")} <= found(search(conn, "防災"), "measure")
    assert ("004", 307, "防災行政無線のデジタル化") in found(search(conn, "防災"), "schedule_item")
    # a word in a body paragraph that no extracted record holds
    assert any(r["line"] == 363 and r["source_file"].startswith("001_") for r in search(conn, "防災"))
    assert all("防災" in r["text"] for r in search(conn, "防災"))


def test_spelling_variants_meet(conn):
    by_new_spelling = found(search(conn, "取り組み"), "statement")
    assert any((f, l) == ("002", 234) and "より一層の取組が必要" in t for f, l, t in by_new_spelling)
    assert any((f, l) == ("001", 192) and "さまざまな取組を計画" in t for f, l, t in by_new_spelling)
    by_old_spelling = found(search(conn, "取組"), "statement")
    assert any((f, l) == ("000", 145) and "幅広い取り組みが必要" in t for f, l, t in by_old_spelling)
    assert found(search(conn, "取組")) == found(search(conn, "取り組み"))
    assert ("002", 340, "多くの手続は窓口か郵送に限られている") in found(search(conn, "手続き"), "statement")
    assert ("000", 376, "マイナポータルから可能な行政手続きの拡大") in found(search(conn, "手続"), "schedule_item")


def test_word_parts(conn):
    measures = found(search(conn, "マイナンバー"), "measure")
    assert {("000", 326, "マイナンバーカードの普及促進"), ("002", 366, "マイナンバーカードの普及促進"),
            ("004", 210, "マイナンバーカードの普及促進")} <= measures
    assert ("000", 378, "電子申請サービスから可能な行政手続きの拡大検討") in found(search(conn, "電子申請"))


def test_every_word_of_a_query_must_match(conn):
    rows = search(conn, "窓口 キャッシュレス")
    assert rows and all("窓口" in r["text"] and "キャッシュレス" in r["text"] for r in rows)


@pytest.mark.parametrize("query", ["ゾルゲヌプ", "", "・・・"])
def test_nonsense_finds_nothing(conn, query):
    assert search(conn, query) == []


def test_a_line_is_found_once(conn):
    """A statement is not found a second time as the body paragraph it was read from."""
    rows = search(conn, "窓口")
    places = [(r["document_id"], r["line"]) for r in rows if r["entity"] in ("statement", "passage")]
    assert len(places) == len(set(places))


def test_index_is_rebuilt_the_same(tmp_path, corpus_db_path):
    path = tmp_path / "copy.db"
    with closing(sqlite3.connect(corpus_db_path)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
    db = sqlite_utils.Database(path)
    before = list(db.query("select document_id, entity, record_id, kind, text, tokens from search_index order by id"))
    with db.conn:
        db.execute("delete from search_index where document_id = 3")
        index_document(db, 5)  # replaces, never duplicates
    assert index_missing(db) == 1 and index_missing(db) == 0
    after = list(db.query("select document_id, entity, record_id, kind, text, tokens from search_index "
                          "order by document_id, id"))
    assert sorted(map(repr, after)) == sorted(map(repr, before))
    db.execute("insert into search_index_fts(search_index_fts) values ('integrity-check')")


def test_a_revision_replaces_its_plan_in_search(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = (RAW / "004_d03faeff123ca5e9.txt").read_text(encoding="utf-8")
    assert "ゾルゲヌプ" not in original and "防災行政無線のデジタル化" in original
    (tmp_path / "v1.txt").write_text(original, encoding="utf-8")
    (tmp_path / "v2.txt").write_text(original.replace("防災行政無線のデジタル化", "防災行政無線のゾルゲヌプ化"),
                                     encoding="utf-8")
    ingest(["v1.txt"], "r.db", echo=lambda line: None)
    ingest(["v2.txt"], "r.db", echo=lambda line: None)
    with closing(sqlite3.connect("r.db")) as conn:
        documents = {r[0]: r[1:] for r in conn.execute("select source_file, revision, is_current from documents")}
        assert documents == {"v1.txt": (1, 0), "v2.txt": (2, 1)}
        assert {r["source_file"] for r in search(conn, "ゾルゲヌプ")} == {"v2.txt"}
        current = [r for r in search(conn, "防災") if r["is_current"]]
        assert current and {r["source_file"] for r in current} == {"v2.txt"}
        counts = dict(conn.execute("select d.source_file, count(*) from search_index si "
                                   "join documents d on d.id = si.document_id group by 1").fetchall())
        assert counts["v1.txt"] == counts["v2.txt"]


def test_passages_keep_body_text_with_its_section_and_measure(conn):
    conn.row_factory = sqlite3.Row
    row = conn.execute("select p.kind, p.text, s.title as section, m.title as measure from passages p "
                       "join documents d on d.id = p.document_id left join sections s on s.id = p.section_id "
                       "left join measures m on m.id = p.measure_id "
                       "where d.source_file = '000_5c1e4d24ba908298.txt' and p.line = 653").fetchone()
    assert tuple(row) == ("paragraph", "屋外拡声器、防災ラジオ、ホームページ、メール配信等による災害情報の発信",
                          "防災のDX", "防災のDX")
    cells = conn.execute("select text from passages join documents d on d.id = document_id "
                         "where d.source_file = '004_d03faeff123ca5e9.txt' and line = 304").fetchone()
    assert cells[0].startswith("実施内容\t・防災行政無線のデジタル化 ・防災情報システムの導入")  # a table row, no HTML
