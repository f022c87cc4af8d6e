"""Pictures served by `keikaku serve` (routes of keikaku/datasette_plugin.py, templates in keikaku/templates/):

- /-/keikaku/plan/ID: a plan's schedule as a grid, fiscal years across, one row per schedule item under its
  measure, cells coloured by status (an arrow takes the colour of the step it continues), KPIs with
  baseline → target, departments;
- /-/keikaku/compare?topic=T or ?fy=Y: the same grid across towns, one row per town and schedule item;
- /-/keikaku/coverage: towns × topics, the number of measures as a heat map.

The data comes from the same tables and views as the canned queries, current documents only (a plan page
takes ?document=ID for an earlier revision).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from db.schema import PLAN_TITLE, STATUSES

STATUS_LABELS = {code: label for code, label, _ in STATUSES}
# Status -> CSS class of keikaku/templates/keikaku_page.html (colours in the legend's order).
STATUS_ORDER = [code for code, _, _ in STATUSES]


class PageNotFound(Exception):
    """No plan, document or topic of that name; the message says which."""


@dataclass
class Cell:
    year: int
    text: str = ""
    status: str = ""       # css class: a status code, "" for an empty year
    arrow: bool = False    # printed as an arrow: coloured as the step it continues
    title: str = ""        # tooltip: the year, the text as printed, the status


@dataclass
class ItemRow:
    label: str
    cells: list[Cell]
    departments: str = ""
    town: str = ""
    plan_id: int | None = None
    measure: str = ""


@dataclass
class MeasureBlock:
    label: str
    departments: str
    items: list[ItemRow] = field(default_factory=list)
    kpis: list[str] = field(default_factory=list)


def _name(label, title) -> str:
    return " ".join(p for p in (label, title) if p)


def year_cells(years: list[int], cells: list[dict]) -> list[Cell]:
    """One Cell per year; an arrow continues the status of the nearest earlier cell that is no arrow."""
    by_year = {c["fiscal_year"]: c for c in cells}
    out, carried = [], ""
    for year in years:
        c = by_year.get(year)
        if c is None:
            out.append(Cell(year))
            continue
        arrow = c["status"] == "continue_arrow"
        status = (carried or "continue_arrow") if arrow else c["status"]
        if not arrow:
            carried = c["status"] if c["status"] not in ("none", "unclassified") else ""
        label = STATUS_LABELS.get(c["status"], c["status"])
        out.append(Cell(year, c["text"], status, arrow, f"{year}年度 「{c['text']}」 {label}"))
    return out


def _years(low, high, cells) -> list[int]:
    found = [c["fiscal_year"] for c in cells]
    lows = [y for y in [low, *found] if y]
    highs = [y for y in [high, *found] if y]
    if not lows:
        return []
    return list(range(min(lows), max(highs) + 1))


async def plan_page(db, plan_id: int, document_id: int | None = None) -> dict:
    """Everything the plan page shows: plan, document, years, measures with their item rows and KPIs."""
    where = "d.id = :document" if document_id else "d.is_current = 1"
    rows = (await db.execute(f"""
        select p.id as plan_id, mu.name as town, {PLAN_TITLE} as title, p.period_start_fy, p.period_end_fy,
               d.id as document_id, d.source_file, d.revision, d.is_current, d.plan_date,
               (select count(*) from documents x where x.plan_id = p.id) as revisions
        from plans p join documents d on d.plan_id = p.id left join municipalities mu on mu.id = p.municipality_id
        where p.id = :plan and {where}""", {"plan": plan_id, "document": document_id})).rows
    if not rows:
        raise PageNotFound(f"計画 {plan_id}" + (f" の文書 {document_id}" if document_id else "") + " はありません")
    plan = dict(rows[0])
    doc = plan["document_id"]
    measures = (await db.execute("""
        select m.id, m.label, m.title, (select group_concat(dep.name, '、') from measure_departments md
          join departments dep on dep.id = md.department_id where md.measure_id = m.id) as departments
        from measures m where m.document_id = ? order by m.seq""", [doc])).rows
    items = (await db.execute("""
        select si.id, si.measure_id, si.heading, si.label, si.title, (select group_concat(dep.name, '、')
          from schedule_item_departments sd join departments dep on dep.id = sd.department_id
          where sd.schedule_item_id = si.id) as departments
        from schedule_items si where si.document_id = ? order by si.seq""", [doc])).rows
    cells = (await db.execute("""
        select c.schedule_item_id, c.fiscal_year, c.text, c.status from schedule_cells c
        join schedule_items si on si.id = c.schedule_item_id where si.document_id = ?""", [doc])).rows
    targets = (await db.execute("""
        select measure_id, indicator, raw, baseline_fy, baseline_text, target_fy, target_text, target_value, actual_fy,
               actual_text
        from targets where document_id = ? order by seq""", [doc])).rows
    years = _years(plan["period_start_fy"], plan["period_end_fy"], cells)
    cells_of: dict[int, list] = {}
    for c in cells:
        cells_of.setdefault(c["schedule_item_id"], []).append(c)
    blocks = {m["id"]: MeasureBlock(_name(m["label"], m["title"]), m["departments"] or "") for m in measures}
    loose = MeasureBlock("（施策の外）", "")
    for i in items:
        title = _name(i["label"], i["title"])
        if i["heading"] and i["heading"] != i["title"]:
            title = f"{i['heading']}：{title}"
        blocks.get(i["measure_id"], loose).items.append(
            ItemRow(title, year_cells(years, cells_of.get(i["id"], [])), i["departments"] or ""))
    for t in targets:
        blocks.get(t["measure_id"], loose).kpis.append(kpi_text(t))
    ordered = list(blocks.values()) + ([loose] if loose.items or loose.kpis else [])
    return {"plan": plan, "years": years, "measures": ordered, "legend": legend(), "measure_count": len(measures),
            "item_count": len(items), "cell_count": len(cells)}


def kpi_text(t) -> str:
    """「指標：基準値（2024年度） → 目標値（2029年度）」, then 「／実績 値（年度）」 where a result is reported (a
    progress report's KPI may print its result alone: 「指標：実績 32件（2023年度）」)."""
    def side(text, fy):
        return (text or "") + (f"（{fy}年度）" if fy else "")
    name = t["indicator"] or t["raw"] or ""
    if not t["baseline_text"] and not t["actual_text"] and t["target_text"] \
            and (t["target_text"] == name or not t["indicator"] and t["target_value"] is None
                 and name.endswith(t["target_text"])):
        # a goal stated in words (「…までに本番運用開始」, 「① 生活習慣病の予防」): itself, once
        return side(t["target_text"], t["target_fy"])
    parts = []
    if t["baseline_text"] or t["target_text"]:
        parts.append(f"{side(t['baseline_text'], t['baseline_fy']) or '—'} → {side(t['target_text'], t['target_fy'])}")
    if t["actual_text"]:
        parts.append(f"実績 {side(t['actual_text'], t['actual_fy'])}")
    return f"{name}：{'／'.join(parts)}" if parts else name


def legend() -> list[tuple[str, str]]:
    return [(code, STATUS_LABELS[code]) for code in STATUS_ORDER]


async def topics(db) -> list[dict]:
    return [dict(r) for r in (await db.execute("select id, name from topics order by sort_order")).rows]


async def compare_page(db, topic: str = "", fy: int | None = None) -> dict:
    """Schedule rows of current plans across towns, for one topic (items of its measures or named by it) or
    with a cell in one fiscal year; one row per town and schedule item."""
    chosen = None
    if topic:
        found = (await db.execute("select id, name from topics where id = :t or name = :t or instr(name, :t) > 0 "
                                  "order by id != :t, name != :t, sort_order limit 1", {"t": topic})).rows
        if not found:
            raise PageNotFound(f"トピック「{topic}」はありません")
        chosen = dict(found[0])
        condition = """(exists (select 1 from schedule_item_topics it where it.schedule_item_id = si.id
                                  and it.topic_id = :topic)
                        or exists (select 1 from measure_topics mt where mt.measure_id = si.measure_id
                                  and mt.topic_id = :topic))"""
    elif fy:
        condition = "exists (select 1 from schedule_cells c where c.schedule_item_id = si.id and c.fiscal_year = :fy)"
    else:
        raise PageNotFound("トピック（topic=）か年度（fy=）を選んでください")
    items = (await db.execute(f"""
        select si.id, mu.name as town, p.id as plan_id, m.label as measure_label, m.title as measure_title,
               si.label, si.title, si.heading
        from schedule_items si join documents d on d.id = si.document_id and d.is_current = 1
        join plans p on p.id = d.plan_id left join municipalities mu on mu.id = p.municipality_id
        left join measures m on m.id = si.measure_id
        where {condition} order by mu.name, d.id, si.seq""",
                                  {"topic": chosen["id"] if chosen else None, "fy": fy})).rows
    ids = [i["id"] for i in items]
    cells = (await db.execute(f"""select schedule_item_id, fiscal_year, text, status from schedule_cells
        where schedule_item_id in ({', '.join('?' * len(ids))})""", ids)).rows if ids else []
    cells_of: dict[int, list] = {}
    for c in cells:
        cells_of.setdefault(c["schedule_item_id"], []).append(c)
    years = _years(None, None, cells)
    rows = [ItemRow(_name(i["label"], i["title"]), year_cells(years, cells_of.get(i["id"], [])), town=i["town"] or "",
                    plan_id=i["plan_id"], measure=_name(i["measure_label"], i["measure_title"])) for i in items]
    return {"topic": chosen, "fy": fy, "years": years, "rows": rows, "legend": legend(),
            "topics": await topics(db), "towns": len({r.town for r in rows})}


async def coverage_page(db) -> dict:
    """Towns × topics: measures of the current plans per topic, with a shade from the largest count."""
    names = await topics(db)
    counts = (await db.execute("""
        select mu.name as town, mt.topic_id, count(distinct m.id) as n
        from measure_topics mt join measures m on m.id = mt.measure_id
        join documents d on d.id = m.document_id and d.is_current = 1
        join plans p on p.id = d.plan_id left join municipalities mu on mu.id = p.municipality_id
        group by mu.name, mt.topic_id""")).rows
    totals = (await db.execute("""
        select mu.name as town, count(m.id) as n from measures m
        join documents d on d.id = m.document_id and d.is_current = 1
        join plans p on p.id = d.plan_id left join municipalities mu on mu.id = p.municipality_id
        group by mu.name order by mu.name""")).rows
    table = {(r["town"], r["topic_id"]): r["n"] for r in counts}
    top = max(table.values(), default=1)
    rows = [{"town": t["town"], "measures": t["n"],
             "cells": [{"topic": topic["id"], "n": table.get((t["town"], topic["id"]), 0),
                        "shade": round(table.get((t["town"], topic["id"]), 0) / top, 2)} for topic in names]}
            for t in totals]
    return {"topics": names, "rows": rows, "top": top}
