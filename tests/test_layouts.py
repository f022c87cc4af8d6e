"""Layouts other than the supplied five: KPI tables, word-labelled headings, schedules of marks with
a legend, the report of what was understood, and teaching Keikaku a block word through the vocabulary.

The three plans in tests/layouts/ were written for these tests in layouts none of the supplied plans
uses; their records are checked against hand readings in test_hand_readings and test_golden.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, LAYOUTS, ROOT, plan_path
from extractors import extract_all
from extractors.kpi_tables import kpi_header, kpi_rows
from pipeline import read_document, read_text
from pipeline.records import rows
from pipeline.statuses import parse_legend, status_of

READING = Path(__file__).resolve().parent / "reading" / "part2"


def test_three_layouts_are_there():
    assert LAYOUTS == ["a_measure_pages", "b_goal_hierarchy", "c_mark_schedule"]


def _targets(text):
    return rows(extract_all(read_text(text)).records).get("targets", [])


MEASURE = "第2章 施策\n\n施策1 電子申請の拡大\n\n■取組概要\n電子申請を広げます。\n\n■担当所属\n情報政策課\n\n"


def test_a_pipe_kpi_table_takes_its_years_from_the_header():
    targets = _targets(MEASURE + "| 指標名 | 現状値（2023年度） | 目標値（2028年度） |\n|---|---|---|\n"
                       "| 電子申請件数 | 3,200件 | 8,000件 |\n| 満足度 | — | 80％ |\n※現状値は令和5年度末時点\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["baseline_text"], t["target_fy"],
             t["target_value"], t["target_text"], t["unit"]) for t in targets] == [
        ("電子申請件数", 2023, 3200, "3,200件", 2028, 8000, "8,000件", "件"),
        ("満足度", 2023, None, "—", 2028, 80, "80％", "%"),
    ]
    assert targets[0]["raw"] == "電子申請件数\t3,200件\t8,000件"


def test_a_tab_kpi_table_with_year_and_unit_columns():
    targets = _targets(MEASURE + "成果指標\t基準年度\t基準値\t目標年度\t目標値\n電子申請率\tR5\t12.5\t令和10年度\t50\n\n"
                       "指標\t現状値\t目標値\t単位\n手続数\t45\t全120\t手続\n")
    assert [(t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"], t["target_text"], t["unit"])
            for t in targets] == [(2023, 12.5, 2028, 50, "50", None), (None, 45, None, 120, "全120", "手続")]


def test_a_kpi_table_is_not_a_schedule_nor_a_statement():
    doc = read_text(MEASURE + "指標名\t現状値(R5)\t目標値(R10)\n参加者数\t312人\t1,200人\n")
    table = next(b for b in doc.blocks if b.kind == "table")
    header = kpi_header(table)
    assert (header.years["baseline"], header.years["target"]) == (2023, 2028)
    assert [r.indicator for r in kpi_rows(table, header)] == ["参加者数"]
    records = extract_all(doc).records
    assert not records.schedule_items and not records.statements


def test_an_arrow_kpi_with_years_after_the_values():
    targets = _targets(MEASURE + "電子申請件数：3,200件（令和6年度）→ 8,000件（令和11年度）\n")
    assert [(t["indicator"], t["baseline_fy"], t["baseline_text"], t["target_fy"], t["target_text"])
            for t in targets] == [("電子申請件数", 2024, "3,200件", 2029, "8,000件")]


def test_a_legend_names_the_step_of_each_mark():
    legend = parse_legend("凡例：●新規実施　○継続実施　→検討・準備　━━→継続して実施")
    assert legend == {"●": "implement", "○": "operate", "→": "prepare", "━→": "operate"}
    assert status_of("━━━━━━━━→", legend) == "operate"
    assert status_of("○", None) == "marked" and status_of("━━━→", None) == "continue_arrow"
    assert status_of("—", legend) == "none"


# Where Keikaku reads a cell differently from the reader of c_mark_schedule: 「—」 is not in the legend,
# and Keikaku reads it as a dash (none); the reader left it open. ◎ is 「拡充・重点実施」 in the legend:
# Keikaku takes the last step printed (実施: implement), the reader took 拡充 (expand).
STATUS_DIFFERENCES = {("—", None): "none", ("◎", "expand"): "implement"}


def test_schedule_marks_follow_the_plans_legend():
    reading = json.loads((READING / "c_mark_schedule.json").read_text(encoding="utf-8"))
    records = rows(extract_all(read_document(plan_path("c_mark_schedule"))).records)
    got = {(i["line"], str(c["fiscal_year"])): c["status"] for i in records["schedule_items"] for c in i["cells"]}
    expected = {(i["line"], year): STATUS_DIFFERENCES.get((i["cells"][year], status), status)
                for i in reading["schedule_items"] for year, status in i["statuses"].items()}
    assert got == expected


def test_a_row_title_wrapped_onto_its_own_lines_is_one_row():
    doc = read_text("取組\t担当課\tR7年度\tR8年度\n窓口改革\t町民課\t●\t○\n電子申請データと\n連携\n\t総務課\t→\t●\n")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [r.cells for r in table.rows][-1] == ("電子申請データと連携", "総務課", "→", "●")
    assert table.rows[-1].line == 3


def keikaku(*args, env=None):
    return subprocess.run([sys.executable, "-m", "keikaku", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.mark.parametrize("stem", CORPUS + LAYOUTS)
def test_report_lists_every_measure_and_what_was_not_understood(stem):
    run = keikaku("report", str(plan_path(stem)))
    assert run.returncode == 0, run.stderr
    measures = extract_all(read_document(plan_path(stem))).records.measures
    lines = run.stdout.splitlines()
    assert lines[0].startswith(str(plan_path(stem)))
    assert f"  measures ({len(measures)}):" in lines
    for m in measures:
        assert any(f"{m.label} {m.title}:" in line for line in lines), m.title
    assert any(line.startswith("  not understood (") for line in lines)


def test_report_reads_tables_and_lists_lines_it_did_not_use():
    run = keikaku("report", str(plan_path("a_measure_pages")))
    out = run.stdout
    assert "line 83: overview (9 rows): repeats 8 measure titles" in out
    assert "line 119: KPI table (3 rows): 2 targets" in out
    # Where every line went, and each line of a measure's body that no record holds (a page number
    # printed between two measures' pages), shown, not dropped silently.
    assert "  lines in records 38%, headings 40%, background 19%, not understood 3%" in out
    assert "line 125: text of a measure's body under no block word (kept in passages): 5 -" in out
    assert "vision ×8 (■めざす姿、【めざす姿】)" in out


def test_report_of_a_file_that_cannot_be_read_is_one_line(tmp_path):
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"not a pdf")
    run = keikaku("report", str(bad))
    assert run.returncode == 1
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"error: {bad}: not a PDF")


def test_ingest_report_prints_the_report_under_each_summary(tmp_path):
    run = keikaku("ingest", str(plan_path("c_mark_schedule")), "--db", str(tmp_path / "k.db"), "--report")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{plan_path('c_mark_schedule')}: revision 1:")
    assert "  tables (6):" in lines and "  measures (6):" in lines


PLAN_WITH_A_NEW_WORD = MEASURE + "【推進の方策】\n・窓口で申請を受け付けます。\n"


def test_a_heading_word_added_to_the_vocabulary_file_teaches_a_new_block(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN_WITH_A_NEW_WORD, encoding="utf-8")
    before = keikaku("report", str(plan))
    assert "line 11: a heading-like line that opens no known block: 【推進の方策】" in before.stdout
    vocabulary = (ROOT / "pipeline" / "vocabulary.toml").read_text(encoding="utf-8")
    taught = tmp_path / "vocabulary.toml"
    taught.write_text(vocabulary.replace('policy = ["対応方針",', 'policy = ["推進の方策", "対応方針",'), "utf-8")
    after = keikaku("report", str(plan), env={"KEIKAKU_VOCABULARY": str(taught)})
    assert "policy ×1 (【推進の方策】): line 11" in after.stdout
    assert "推進の方策" not in after.stdout.split("not understood")[1]
    assert "1 statements" in after.stdout.split("measures (1):")[1]


def test_a_misspelt_role_in_the_vocabulary_file_is_one_line_naming_it(tmp_path):
    vocabulary = (ROOT / "pipeline" / "vocabulary.toml").read_text(encoding="utf-8")
    misspelt = tmp_path / "vocabulary.toml"
    misspelt.write_text(vocabulary.replace('\npolicy = ["対応方針",', '\npolcy = ["対応方針",'), "utf-8")
    run = keikaku("report", str(plan_path("c_mark_schedule")), env={"KEIKAKU_VOCABULARY": str(misspelt)})
    assert run.returncode == 1 and run.stdout == ""
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"Error: {misspelt}: [blocks] has role(s) no stage reads: ['polcy']")


@pytest.mark.parametrize("change", [
    ('\n[forms]\n', '\n[froms]\n'),                       # a section no stage reads
    ('\nlist_words = [', '\nlist_word = ['),                 # a misspelt key: the one it replaces is missing
    ('\nminimum = 3\n', '\nminimum = "three"\n'),          # a value of the wrong type
    ('\n[toc]\n', '\n[toc\n'),                              # not TOML
], ids=["section", "key", "type", "syntax"])
def test_a_broken_vocabulary_file_is_one_line_naming_it(tmp_path, change):
    vocabulary = (ROOT / "pipeline" / "vocabulary.toml").read_text(encoding="utf-8")
    assert change[0] in vocabulary
    broken = tmp_path / "vocabulary.toml"
    broken.write_text(vocabulary.replace(change[0], change[1], 1), "utf-8")
    run = keikaku("report", str(plan_path("c_mark_schedule")), env={"KEIKAKU_VOCABULARY": str(broken)})
    assert run.returncode == 1 and run.stdout == ""
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"Error: {broken}: ")


def test_in_a_plan_where_no_measure_was_found_its_items_are_not_understood_rather_than_background():
    plan = ("地区活性化計画\n\n計画期間 令和5年度～令和8年度\n\n目標設定の考え方\n\n"
            "①農業用用排水施設を計画的に整備することにより、農業用水の安定供給を図る。\n\n"
            "・取水施設を整備し、適切な配水管理を可能にする。\n\n"
            "本地区の平野部では水稲の栽培が中心である。\n")
    result = extract_all(read_text(plan))
    assert not result.records.measures
    understood = {text: reason for _line, _page, reason, text in result.accounting.not_understood}
    assert set(understood) == {"①農業用用排水施設を計画的に整備することにより、農業用水の安定供給を図る。",
                               "・取水施設を整備し、適切な配水管理を可能にする。"}
    assert all("no measure was found" in reason for reason in understood.values())
    assert result.accounting.counts["background"] >= 1  # plain prose stays background
