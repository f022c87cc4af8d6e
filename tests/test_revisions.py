"""A plan revised and ingested again, as a user does it: the right revision current, nothing lost or
duplicated, and exactly what the revision changed in plan_changes and `keikaku diff`."""
import sqlite3
from contextlib import closing

import pytest
import sqlite_utils
from click.testing import CliRunner

from conftest import RAW
from db.revisions import plan_date
from keikaku.cli import main
from keikaku.ingest import ingest

ORIGINAL = (RAW / "003_ca667a13e7d98414.txt").read_text(encoding="utf-8")
# (printed text, revised text, occurrences): real lines of the 小野町 plan, edited as a 一部改定 would.
REVISION = [
    ("\n令和 年 月\n", "\n令和8年3月改定\n", 1),  # the cover date, left blank in the original
    ("健民アプリの運用\t導入\t運用\t\t\t", "健民アプリの運用\t\t導入\t運用\t\t", 1),  # a schedule a year later
    ("データ放送の導入・運用\t導入\t運用\t\t\t\n", "", 1),  # a schedule row removed
    ("マイナンバーカードの利活用が図られ、", "マイナンバーカードの利活用が進み、", 1),  # a statement reworded
    ("令和11年度 1,900件", "令和11年度 2,500件", 1),  # a target raised
    ("⑤県民アプリ", "⑥県民アプリ", 2),  # a measure renumbered (目次 and body)
    ("④町税等の支払方法の多様化", "④町税等の納付方法の多様化", 2),  # a measure renamed
]
MEASURE_2 = "② いつでも自分で取れる証明書の利用促進"
MEASURE_6 = "⑥ 県民アプリを活用した健康づくり事業"
EXPECTED = {  # (measure, entity, item_key, fiscal_year, change, old_text, new_text)
    (MEASURE_2, "target", "コンビニ交付件数(全証明書合計)", None, "changed",
     "現状 2024年度 1,466件 → 目標 2029年度 1,900件", "現状 2024年度 1,466件 → 目標 2029年度 2,500件"),
    (MEASURE_2, "statement", "マイナンバーカードの利活用が図られ、更新・保持の動機付けができる", None, "removed",
     "マイナンバーカードの利活用が図られ、更新・保持の動機付けができる", None),
    (MEASURE_2, "statement", "マイナンバーカードの利活用が進み、更新・保持の動機付けができる", None, "added",
     None, "マイナンバーカードの利活用が進み、更新・保持の動機付けができる"),
    ("④ 町税等の納付方法の多様化", "measure", "町税等の納付方法の多様化", None, "changed",
     "町税等の支払方法の多様化", "町税等の納付方法の多様化"),
    (MEASURE_6, "schedule_cell", "健民アプリの運用", 2026, "removed", "導入", None),
    (MEASURE_6, "schedule_cell", "健民アプリの運用", 2027, "changed", "運用", "導入"),
    (MEASURE_6, "schedule_cell", "健民アプリの運用", 2028, "added", None, "運用"),
    ("① 公式ウェブサイト、SNS 等を活用した情報発信", "schedule_item", "データ放送の導入・運用", None, "removed",
     "データ放送の導入・運用", None),
}
DIFF = """\
小野町 小野町 DX 推進計画: 第1版 v1.txt → 第2版 v2.txt（現行）: 8件の変更
  施策 ② いつでも自分で取れる証明書の利用促進 / 目標 コンビニ交付件数(全証明書合計): 変更 「現状 2024年度 1,466件 → 目標 2029年度 1,900件」→「現状 2024年度 1,466件 → 目標 2029年度 2,500件」
  施策 ② いつでも自分で取れる証明書の利用促進 / 記述: 削除 「マイナンバーカードの利活用が図られ、更新・保持の動機付けができる」
  施策 ② いつでも自分で取れる証明書の利用促進 / 記述: 追加 「マイナンバーカードの利活用が進み、更新・保持の動機付けができる」
  施策 ④ 町税等の納付方法の多様化: 変更 「町税等の支払方法の多様化」→「町税等の納付方法の多様化」
  施策 ⑥ 県民アプリを活用した健康づくり事業 / 項目 健民アプリの運用: 2026年度 削除 「導入」
  施策 ⑥ 県民アプリを活用した健康づくり事業 / 項目 健民アプリの運用: 2027年度 変更 「運用」→「導入」
  施策 ⑥ 県民アプリを活用した健康づくり事業 / 項目 健民アプリの運用: 2028年度 追加 「運用」
  施策 ① 公式ウェブサイト、SNS 等を活用した情報発信 / 項目 データ放送の導入・運用: 削除
"""


def revised(text: str = ORIGINAL) -> str:
    for old, new, count in REVISION:
        assert text.count(old) == count, old
        text = text.replace(old, new)
    return text


def quiet(paths, db_path):
    return ingest(paths, db_path, echo=lambda line: None)


def changes(db_path) -> set:
    with closing(sqlite3.connect(db_path)) as conn:
        return set(conn.execute("select measure, entity, item_key, fiscal_year, change, old_text, new_text "
                                "from plan_changes"))


def documents(db_path) -> dict:
    with closing(sqlite3.connect(db_path)) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "select source_file, revision, is_current, plan_date from documents order by id")}


@pytest.fixture(scope="module")
def revised_db(tmp_path_factory):
    """The original, then its revision beside it: v1.txt and v2.txt."""
    folder = tmp_path_factory.mktemp("revisions")
    (folder / "v1.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "v2.txt").write_text(revised(), encoding="utf-8")
    db_path = str(folder / "r.db")
    quiet([str(folder / "v1.txt")], db_path)
    quiet([str(folder / "v2.txt")], db_path)
    return folder, db_path


def test_a_revision_beside_the_original_becomes_current(revised_db):
    _, db_path = revised_db
    assert documents(db_path) == {"v1.txt": (1, 0, None), "v2.txt": (2, 1, "2026-03")}
    db = sqlite_utils.Database(db_path)
    assert db["plans"].count == 1
    # the earlier revision stays whole and queryable
    counts = dict(db.execute("select document_id, count(*) from schedule_items group by 1").fetchall())
    assert counts == {1: 32, 2: 31}


def test_exactly_the_changes_are_recorded(revised_db):
    _, db_path = revised_db
    assert changes(db_path) == EXPECTED
    db = sqlite_utils.Database(db_path)
    assert {(r["from_document_id"], r["to_document_id"]) for r in db["plan_changes"].rows} == {(1, 2)}


def test_keys_join_a_measure_across_revisions(revised_db):
    _, db_path = revised_db
    with closing(sqlite3.connect(db_path)) as conn:
        renumbered = conn.execute(
            "select a.label, b.label from measures a join measures b on a.key = b.key "
            "where a.document_id = 1 and b.document_id = 2 and a.title = '県民アプリを活用した健康づくり事業'").fetchall()
        assert renumbered == [("⑤", "⑥")]
        joined = conn.execute("select count(*) from schedule_items a join schedule_items b on a.key = b.key "
                              "where a.document_id = 1 and b.document_id = 2").fetchone()[0]
        assert joined == 30  # 31 kept; the one under the renamed measure has a new key (diff pairs it)
        assert conn.execute("select count(distinct key) = count(*) from schedule_items where document_id = 1"
                            ).fetchone()[0] == 1


def test_rerun_and_an_older_revision_change_nothing_current(revised_db, tmp_path):
    folder, db_path = revised_db
    copy = str(tmp_path / "r.db")
    with closing(sqlite3.connect(db_path)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    outcomes = quiet([str(folder / "v1.txt"), str(folder / "v2.txt")], copy)
    assert [o.outcome for o in outcomes] == ["unchanged", "unchanged"]
    assert changes(copy) == EXPECTED and len(documents(copy)) == 2
    # an older revision (策定 令和7年3月, before the 改定 of 令和8年3月) found later: kept, not current,
    # and placed before the revision it precedes
    (tmp_path / "v0.txt").write_text(ORIGINAL.replace("\n令和 年 月\n", "\n令和7年3月策定\n"), encoding="utf-8")
    quiet([str(tmp_path / "v0.txt")], copy)
    assert documents(copy) == {"v1.txt": (1, 0, None), "v2.txt": (2, 1, "2026-03"), "v0.txt": (3, 0, "2025-03")}
    db = sqlite_utils.Database(copy)
    assert {(r["from_document_id"], r["to_document_id"]) for r in db["plan_changes"].rows} == {(3, 2)}
    assert changes(copy) == EXPECTED
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_a_changed_file_at_the_same_path_is_the_next_revision(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(ORIGINAL, encoding="utf-8")
    db_path = str(tmp_path / "p.db")
    quiet([str(plan)], db_path)
    plan.write_text(revised(), encoding="utf-8")
    quiet([str(plan)], db_path)
    quiet([str(plan)], db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        rows = conn.execute("select source_file, revision, is_current from documents order by id").fetchall()
        assert rows == [("plan.txt", 1, 0), ("plan.txt", 2, 1)]
        current = conn.execute("select count(*) from search_index si join documents d on d.id = si.document_id "
                               "where d.is_current = 1 and si.text like '%2,500件%'").fetchone()[0]
        assert current >= 1
    assert changes(db_path) == EXPECTED


def test_keikaku_diff_prints_the_changes(revised_db):
    _, db_path = revised_db
    runner = CliRunner()
    for query in ("小野町 DX", "v2.txt", "1"):
        result = runner.invoke(main, ["diff", query, "--db", db_path])
        assert result.exit_code == 0, result.output
        assert result.output == DIFF
    first = runner.invoke(main, ["diff", "v1.txt", "--db", db_path])
    assert first.exit_code == 0 and "最初の版" in first.output and len(first.output.splitlines()) == 1
    missing = runner.invoke(main, ["diff", "存在しない計画", "--db", db_path])
    assert missing.exit_code == 1
    assert missing.output.strip().splitlines() == [
        "Error: no plan or document matches '存在しない計画' (give a plan id, part of a plan title or "
        "municipality name, or a document's source_file)"]


@pytest.mark.parametrize("events, expected", [
    ([], None),
    (["令和5年3月策定", "令和6年2月一部改定"], "2024-02"),
    (["2023年 1月策定"], "2023-01"),
    (["令和5年策定"], "2023"),
    (["平成31年3月策定", "令和2年3月改訂"], "2020-03"),
])
def test_plan_date(events, expected):
    assert plan_date(events) == expected


def test_a_database_from_before_revisions_is_brought_up_to_date(revised_db, tmp_path):
    folder, db_path = revised_db
    old = str(tmp_path / "old.db")
    with closing(sqlite3.connect(db_path)) as source, closing(sqlite3.connect(old)) as target:
        source.backup(target)
    db = sqlite_utils.Database(old)
    db.execute("drop index if exists idx_measures_key")
    db.execute("drop index if exists idx_schedule_items_key")
    db["measures"].transform(drop={"key"})
    db["schedule_items"].transform(drop={"key"})
    db["documents"].transform(drop={"plan_date"})
    db.execute("delete from plan_changes")
    db.execute("update documents set is_current = 1")
    db.conn.commit()
    outcomes = quiet([str(folder / "v1.txt"), str(folder / "v2.txt")], old)
    assert [o.outcome for o in outcomes] == ["unchanged", "unchanged"]
    assert documents(old) == documents(db_path)
    assert changes(old) == EXPECTED
    with closing(sqlite3.connect(old)) as conn:
        assert conn.execute("select count(*) from schedule_items where key is null").fetchone()[0] == 0
