"""The created schema keeps every table and column CONTRACT.md promises, with declared foreign keys."""
import pytest

CONTRACT = {
    "municipalities": ["id", "name", "prefecture"],
    "plans": ["id", "municipality_id", "title", "period_start_fy", "period_end_fy"],
    "documents": ["id", "plan_id", "source_file", "sha256", "source_format", "revision", "is_current", "ingested_at"],
    "toc_entries": ["id", "document_id", "seq", "level", "label", "title", "page"],
    "sections": ["id", "document_id", "parent_id", "seq", "level", "label", "title", "line", "page"],
    "measures": ["id", "document_id", "section_id", "seq", "label", "title", "line", "page"],
    "departments": ["id", "name"],
    "measure_departments": ["measure_id", "department_id"],
    "schedule_items": ["id", "measure_id", "seq", "heading", "label", "title", "line", "page"],
    "schedule_cells": ["schedule_item_id", "fiscal_year", "text", "status"],
    "statements": ["id", "document_id", "measure_id", "seq", "kind", "text", "inferred", "line", "page"],
    "targets": ["id", "document_id", "measure_id", "seq", "indicator", "baseline_fy", "baseline_value",
                "baseline_text", "target_fy", "target_value", "target_text", "unit", "raw", "line", "page"],
    "statuses": ["code", "label_ja", "description"],
    "plan_changes": ["id", "plan_id", "from_document_id", "to_document_id", "entity", "item_key", "fiscal_year",
                     "change", "old_text", "new_text"],
    "warnings": ["id", "document_id", "stage", "message", "line", "page"],
}
NO_ID = {"measure_departments", "schedule_cells", "statuses"}


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns(memory_db, table):
    columns = memory_db[table].columns_dict
    for column in CONTRACT[table]:
        assert column in columns, f"{table}.{column} missing"
    if table not in NO_ID:
        assert memory_db[table].pks == ["id"]
    assert "id" not in columns or table not in NO_ID


# Where an HTML, Word or Excel record is in its file ("line 42", "paragraph 12", "施策一覧!C12"), beside
# line and page (issue 26): every table with line and page has it.
LOCATED = ["toc_entries", "sections", "measures", "passages", "schedule_items", "statements", "targets", "warnings"]


@pytest.mark.parametrize("table", LOCATED)
def test_location_beside_line_and_page(memory_db, table):
    columns = memory_db[table].columns_dict
    assert {"line", "page"} <= set(columns) and columns["location"] is str


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_foreign_keys_declared(memory_db, table):
    declared = {fk.column: fk.other_table for fk in memory_db[table].foreign_keys}
    for column in CONTRACT[table]:
        if column.endswith("_id"):
            assert column in declared, f"{table}.{column} has no foreign key"


def test_statuses_are_a_closed_vocabulary(memory_db):
    codes = [r["code"] for r in memory_db["statuses"].rows]
    assert 5 <= len(codes) <= 10 and "unclassified" in codes
    assert all(r["label_ja"] for r in memory_db["statuses"].rows)


def test_schema_creation_is_idempotent(memory_db):
    from db.schema import create_schema

    before = memory_db.schema
    create_schema(memory_db)
    assert memory_db.schema == before


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The five supplied plans ingested into a real SQLite file."""
    from conftest import RAW
    from keikaku.ingest import ingest

    path = tmp_path_factory.mktemp("db") / "keikaku.db"
    ingest([str(RAW)], str(path), echo=lambda line: None)
    import sqlite_utils

    return sqlite_utils.Database(path)


def test_schedule_view_answers_one_fiscal_year_across_towns(corpus_db):
    rows = corpus_db.query("select municipality, count(*) n from schedule where fiscal_year = 2024 and is_current "
                           "group by municipality order by municipality")
    # 柴田町's 令和5–8 plan and 東員町's R4–R7 plan schedule FY2024; 小野町's starts in 令和8 (2026), 001's
    # Heisei plan ends in 2018, and 白石市's has no schedule tables.
    assert {r["municipality"]: r["n"] for r in rows} == {"東員町": 45, "柴田町": 32}
    row = next(corpus_db.query(
        "select * from schedule where item_title = 'マイナンバーカードの交付率向上へ向けた広報活動' and fiscal_year = 2024"))
    assert (row["text"], row["status"], row["status_label"], row["arrow_continues"]) == ("→", "continue_arrow",
                                                                                         "継続(→)", "実施継続")
    assert row["departments"] == "まちづくり政策課、町民環境課" and row["measure_label"] == "(2)"


def test_kpis_view_lists_targets_with_town_and_measure(corpus_db):
    rows = list(corpus_db.query("select * from kpis where indicator = 'コンビニ交付件数(全証明書合計)'"))
    assert [(r["municipality"], r["measure_title"], r["baseline_fy"], r["baseline_value"], r["target_fy"],
             r["target_value"], r["unit"]) for r in rows] == [
        ("小野町", "いつでも自分で取れる証明書の利用促進", 2024, 1466, 2029, 1900, "件")]
    assert corpus_db.execute("select count(*) from kpis").fetchone()[0] == \
        corpus_db.execute("select count(*) from targets").fetchone()[0]
