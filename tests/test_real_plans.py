"""Real public plan pages nobody here wrote (tests/real/, addresses in tests/real/SOURCES.md) against
hand readings made without the code (tests/real/reading/, conventions in tests/real/CONVENTIONS.md).

The figures are F1 per category over the whole corpus, printed at the end of the run. A record matches
a read one when both sit on the same line and agree on what a user compares:
- measures: label and title (a label's closing period aside: the conventions of tests/real/ call 「1．」's
  period the separator after the label, the supplied readings keep it in the label, 「1.」);
- statements: kind and text (white space aside);
- targets: the measure, and baseline / actual / target years and values;
- schedule items: title and cells.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from conftest import SUMMARY
from extractors import extract_all
from pipeline import read_document
from pipeline.records import rows

REAL = Path(__file__).resolve().parent / "real"
READING = REAL / "reading"
PAGES = sorted(p.stem for p in REAL.glob("*.txt"))
READ_PAGES = [stem for stem in PAGES if (READING / f"{stem}.json").exists()]
NOT_PLANS = sorted((REAL / "not_plans").glob("*.txt"))
CATEGORIES = ("measures", "statements", "targets", "schedule_items")
# What the corpus must reach in every category (issue 23).
GOAL = 0.9


def _squeeze(text: str | None) -> str:
    return "".join((text or "").split())


def _label(label: str | None) -> str | None:
    return label[:-1] if label and len(label) > 1 and label[-1] in ".．" else label


def _value(value):
    return None if value is None else round(float(value), 6)


def keys(records: dict, labels: dict) -> dict[str, Counter]:
    """Comparable keys of the records of one document, per category (a Counter: two equal targets
    on one line, one per year column, are two)."""
    return {
        "measures": Counter((m["line"], _label(m["label"]), _squeeze(m["title"])) for m in records["measures"]),
        "statements": Counter((s["line"], s["kind"], _squeeze(s["text"])) for s in records["statements"]),
        "targets": Counter((t["line"], _label(labels.get(t["measure"])), t["baseline_fy"], _value(t["baseline_value"]),
                            t.get("actual_fy"), _value(t.get("actual_value")), t["target_fy"],
                            _value(t["target_value"])) for t in records["targets"]),
        "schedule_items": Counter((i["line"], _squeeze(i["title"]),
                                   tuple(sorted((str(k), v) for k, v in i["cells"].items())))
                                  for i in records["schedule_items"]),
    }


def extracted(stem: str) -> dict:
    records = rows(extract_all(read_document(REAL / f"{stem}.txt")).records)
    labels = {m["seq"]: m["label"] for m in records.get("measures", [])}
    return keys({
        "measures": records.get("measures", []),
        "statements": records.get("statements", []),
        "targets": [{**t, "measure": t["measure_seq"]} for t in records.get("targets", [])],
        "schedule_items": [{**i, "cells": {c["fiscal_year"]: c["text"] for c in i["cells"]}}
                           for i in records.get("schedule_items", [])],
    }, labels)


def read(stem: str) -> dict:
    reading = json.loads((READING / f"{stem}.json").read_text(encoding="utf-8"))
    return keys({
        "measures": reading["measures"],
        "statements": reading["statements"],
        "targets": [{**t, "measure": t["measure_label"]} for t in reading["targets"]],
        "schedule_items": reading["schedule_items"],
    }, {label: label for label in (m["label"] for m in reading["measures"])} | {None: None})


@pytest.fixture(scope="module")
def agreement() -> dict[str, dict[str, tuple[int, int, int]]]:
    """Per page and category: (records found, records read, found records that match a read one)."""
    figures = {}
    for stem in READ_PAGES:
        got, expected = extracted(stem), read(stem)
        figures[stem] = {c: (sum(got[c].values()), sum(expected[c].values()), sum((got[c] & expected[c]).values()))
                         for c in CATEGORIES}
    return figures


def f1(found: int, expected: int, right: int) -> float:
    if found == expected == 0:
        return 1.0
    return 2 * right / (found + expected)


def corpus_f1(agreement) -> dict[str, float]:
    totals = {c: [sum(page[c][k] for page in agreement.values()) for k in range(3)] for c in CATEGORIES}
    return {c: f1(*totals[c]) for c in CATEGORIES}


def test_the_corpus_is_real_and_read():
    """At least 16 pages, each with its address in SOURCES.md and a hand reading."""
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    assert len(PAGES) >= 16
    assert READ_PAGES == PAGES, "pages without a hand reading"
    for stem in PAGES:
        assert f"{stem}.txt" in sources, f"{stem} has no source address"


def test_every_page_loads_and_no_non_plan_does(tmp_path):
    """`keikaku ingest` on the real pages: every page loads (however few records it gives); the pages
    that are not plans (a press release, an agenda, a glossary) are refused as not plans."""
    from keikaku.ingest import ingest

    lines: list[str] = []
    db = tmp_path / "real.db"
    outcomes = ingest([str(REAL / f"{stem}.txt") for stem in PAGES], str(db), echo=lines.append)
    assert all(o.ok for o in outcomes), lines
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == len(PAGES)
    for path in NOT_PLANS:
        refused: list[str] = []
        ingest([str(path)], str(tmp_path / "not_plans.db"), echo=refused.append)
        assert any("not read as a plan" in line for line in refused), (path.name, refused)


def test_f1_per_category(agreement):
    figures = corpus_f1(agreement)
    SUMMARY.append("real plans (tests/real, %d pages) F1: " % len(agreement)
                   + ", ".join(f"{c} {figures[c]:.3f}" for c in CATEGORIES))
    for stem, page in agreement.items():
        if not any(page[c][0] or page[c][1] for c in CATEGORIES):
            continue
        SUMMARY.append(f"  {stem}: " + ", ".join(f"{c} {page[c][2]}/{page[c][0]} found, {page[c][1]} read"
                                                 for c in CATEGORIES))
    assert all(figures[c] >= FLOORS[c] for c in CATEGORIES), figures


# The figures reached so far: a change that makes extraction of real pages worse fails here. They fell
# when the corpus grew from 28 to 36 pages (evaluation sheets one cell per line, a side-by-side table), and
# again from 36 to 47 (2026-12-07: five pages picked for their schedules, 3 of them 沖縄県 検証票 whose
# year columns the dump lost, a 静岡市 個票 and a 龍郷町 schedule whose marks are printed away from their
# rows; six clean pages), and from 47 to 53 (six recent DX plan pages: a 目黒区 list of 戦略テーマ and a
# 世田谷区 方針1–2 inside a one-line dump, read as measures by their reader, a 横浜市 chain of targets
# 「試行検討(20取組)➡試行実施(12取組)➡横展開(4取組)」), and from 53 to 59 (six 総合計画 / 総合戦略 pages: two
# 加古川市 総合戦略 pages dumped on one line, whose (1) measures and 「○拡」 事業 lists are not split out of the
# dump, a 大子町 page whose headings are glued together), and from 59 to 64 (five KPI tables: 安城市's dumped
# on one line, 小矢部市's one cell a line whose columns name no baseline, 千葉県's with bare years 「32年度」,
# 四日市市's goals in a newsletter): new pages measure what was not learnt yet. Targets rose to 0.744 when
# tables of results by year with no baseline column and tables printed without breaks were read, and
# measures to 0.755, statements to 0.697, targets to 0.791 with rows pairing a goal with its indicator and a
# header row of block words; measures to 0.775 with dumped lists of projects split at their bullets. From 64
# to 72 pages (eight pages collected to measure pages nobody had looked at: 1 of their 32 measures and 1 of
# their 30 targets were found before the day's work on them, 23 and 1 after): targets fell to 0.731 (東京都's 16
# goal lines under 到達目標 headings, 群馬県's results printed as 「7 %(令和1年度)→ 100 %(令和6年度)」).
# From 72 to 80 pages (eight more, measured the same way: 5 of 27 measures and none of 21 targets before, 15 and 4
# after): statements fell to 0.55 (朝日町's progress table saved a cell a paragraph, whose row labels open
# 実績 blocks that take the next rows' cells), schedule items to 0.069 (its 計画 rows and 玉野市's, printed out
# of order).
# From 80 to 87 pages (seven more, four picked for their schedule tables: none of their 9 measures, 19 targets
# and 7 schedule items found before, 3, 10 and 5 after): schedule items rose to 0.293, measures fell to 0.754.
# From 87 to 95 pages (eight more: 12 of 50 measures and 8 of 30 targets before, 28 and 8 after): targets fell to
# 0.676 (足利市's results 「…率…98.0%」 and 多摩市's goals in prose), measures to 0.743.
# From 95 to 103 pages (eight more: 1 of 19 measures, 3 of 10 statements and none of 13 targets before, 4, 6 and
# none after): measures fell to 0.721, targets to 0.645 (能代市's KPI rows read under its last 基本方針).
# Targets rose to 0.692 when 足利市's leader lines were read as results of the report's year. From 103 to 110 pages
# (seven thin ones: 1 of 11 measures, 2 of 14 statements and 1 of 3 targets before, 2, 12 and 1 after): statements
# rose to 0.663 (ニセコ町's numbered parts of a block), targets fell to 0.673 (神戸市's sheet fields after its
# 事務事業の目標 read as goals). Statements rose to 0.705 and measures to 0.732 with the forms of 総合計画 and
# 総合戦略 pages (numbered parts and topics of a block, 施策① under (5), a dump's sentences). From 110 to 118 pages
# (eight 総合計画 / 個別計画 pages: none of 18 measures, 2 of 29 statements, none of 9 targets before; 5, 16 and 7
# after): measures fell to 0.718 (調布市's screen-reader edition lists its 8 事業 after 「星,」 marks, 上山市's dump
# prints its 施策 as 「基本 施策 2-1」). Targets rose to 0.695 when a list of titles ended with its last title
# (能代市's KPI rows, plan level) and measures to 0.725 with lists counted by a sentence (「以下の4つを基本方針とし」).
# From 118 to 122 pages (four forms: none of 9 measures and 6 targets before; none and 4 after): measures fell to
# 0.711. Statements rose to 0.721 with numbered block headings (「1.基本的方向」) read as blocks of the measure above.
# Targets rose to 0.721 (神戸市's sheet fields after its goal field no goals, 三田市's goals named 現状(年度) / 目標(年度)).
# From 122 to 138 pages (sixteen collected on 2026-12-08: 3 of 36 measures, none of 9 statements and none of 94
# targets before the day's work on them; 14, 3 and 30 after): measures fell to 0.697, statements to 0.706 (太良町's
# dump prints its 現状と課題 among a page's side tabs), targets to 0.656 (佐賀県's and 千葉市's target tables,
# 大崎町's and いわき市's interleaved columns, 府中市's KPI table flattened a cell a line).
# From 138 to 146 pages (eight thin ones: none of 10 measures, 5 statements and 7 targets before, none after; 12
# wrong measures before, none after): measures fell to 0.684, statements to 0.692, targets to 0.649.
# From 146 to 154 pages (eight more: 14 of 31 measures, 1 of 3 statements, none of 33 targets before; 24, 1 and none
# after): measures rose to 0.693, statements fell to 0.680, targets to 0.601 (成田市's 指標一覧 and 宇部市's 目標1–3 with
# their KPIs, tables dumped a cell a line with their columns interleaved).
# From 154 to 162 pages (eight more: 2 of 25 measures, none of 9 statements, 38 targets and 3 schedule items before;
# 8 measures after, the rest none): measures fell to 0.674, statements to 0.656 (多可町's 取り組み方針 in a sheet printed a
# cell a line out of order), targets to 0.573 (茨城県's progress table dumped on one line), schedule items to 0.273.
# In the seventh session the 162 pages rose to 0.690 / 0.661 / 0.584 (KPIs on two lines, 基本方針N and labelled items as
# measures, results under a 実績 block). From 162 to 170 pages (eight more: none of 9 measures, 1 of 12 statements and
# none of 40 targets before; 3, 3 and 15 after): measures fell to 0.680, statements to 0.630 (南丹市's evaluation sheet and
# 大垣市's 細施策 page, both dumped a cell a line out of order), targets to 0.569 (the same two, their KPI tables rebuilt
# by the reader from cells in no order).
# From 170 to 174 pages (four towns' and a village's pages: 1 of 12 measures, none of 1 statement and none of 24 targets
# before, the same after): measures fell to 0.670 (球磨村's and 勝央町's bulleted items read as measures), targets to 0.545
# (みなかみ町's evaluation sheet dumped a cell a line out of order: its table rebuilt by the reader, and 15 goals found
# in its cells).
# From 174 to 178 pages (four with schedule tables: 1 of 7 measures, none of 12 statements, none of 2 targets and 2 of
# 8 schedule items before; 3, 2, none and 2 after): measures 0.668, statements fell to 0.610 (安芸高田市's 目標効果
# phrases, read as statements by the reader, in a progress list dumped on one line), schedule items rose to 0.296.
# From 178 to 190 pages (eighth session, twelve more from three readers: 1 of 24 measures, 3 of 18 statements, 1 of 19
# targets and no schedule item before any work on them; measured at 2a719a2, where the 178 gave 0.669 / 0.612 / 0.544
# / 0.296): measures fell to 0.644, statements to 0.581, targets to 0.535 (pages dumped on one line with a table's
# cells glued together (神石高原町), out of order (紫波町, 熊本県) or given as past actions with their sections (豊明市)).
# The day's work on them (870d10f) took the 190 to 0.649 / 0.591 / 0.540 / 0.296. From 190 to 201 pages (eleven more
# from three readers: 5 of 58 measures, none of 10 statements, none of 45 targets and none of 2 schedule items before
# any work on them): measures fell to 0.606 (島根県's table of 35 施策 titles ranked by priority, read as measures by its
# reader), statements to 0.538 (奈良県's page printed twice, its dumped copy read as 14 statements), targets to 0.5099
# (長崎県's progress sheet, 20 goals by year of indicators named only by their numbers), schedule items to 0.286.
# The day's work on them (b1747cb) took the 201 to 0.607 / 0.548 / 0.517 / 0.286. From 201 to 213 pages (twelve more
# from three readers asked for cleaner pages: towns' own HTML pages, KPI lists, DX plan pages; none of 35 measures, 2 of 3
# statements, none of 13 targets before any work on them): measures fell to 0.581 (関ケ原町's and 市貝町's 男女共同参画
# goals with their 施策の方向 items, 21 measures, none found), statements to 0.5395 (一関市's page, 8 found for 1 read),
# targets to 0.509 (玉東町's and 御所市's KPI rows, dumped a cell a line or glued).
# The day's work on them (ce311bf: goals' titles listed under word-labelled headings, plan parts ending a block, a name
# field over a bulleted list) took the 213 to 0.605 / 0.559 / 0.5097 / 0.286: the floors rise to what was reached.
# Titles glossed in brackets under a sentence pointing to them (1cf5cd9, 中頓別町) took measures to 0.616.
FLOORS = {"measures": 0.61, "statements": 0.55, "targets": 0.50, "schedule_items": 0.28}


@pytest.mark.parametrize("path", [REAL / f"{stem}.txt" for stem in PAGES] + sorted(
    (Path(__file__).resolve().parent.parent / "raw").glob("*.txt")), ids=lambda p: p.stem)
def test_every_printed_line_is_accounted_for(path):
    """Records, headings, background and not understood add up to the printed lines; each line not
    understood is listed with a reason (each piece of a line the reader split, when it is a dump)."""
    extraction = extract_all(read_document(path))
    account = extraction.accounting
    printed = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    assert account.total == printed
    # A page dumped on one line is one line, however many of its pieces are listed.
    assert len({(line, page) for line, page, _reason, _text in account.not_understood}) \
        <= account.counts["not_understood"]
    assert all(reason and text for _line, _page, reason, text in account.not_understood)
