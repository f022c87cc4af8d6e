"""The table deck fixture's content: a prefecture's DX plan 概要版 as its digital section makes it in PowerPoint
(16:9, one slide per measure: the title with its department printed far right on the same line, 現状と課題 and
取組内容 boxes side by side, and under each a PowerPoint table: the 成果指標 and the 工程表 by fiscal year).

The prefecture is invented; the wording follows the real DX plan pages in tests/real. `text()` is the same
content as a plan text, row by row of the slide: the title, the two boxes, then each caption with its table.
"""
from __future__ import annotations

TITLE = "みどり県デジタル推進計画（概要版）"
ISSUED = "令和6年3月　みどり県"
OUTLINE_TITLE = "1. 計画の概要"
OUTLINE = ["計画期間：令和6年度から令和9年度までの4年間",
           "本計画は、県の総合計画を上位計画とし、県民サービスの向上と行政運営の効率化をデジタル技術で進めるものです。"]
KPI_HEADER = ("指標", "現状値(R4)", "目標値(R9)")
SCHEDULE_HEADER = ("取組", "R6", "R7", "R8", "R9")

# (title, department, 現状と課題 items, 取組内容 items, KPI rows, schedule rows)
MEASURES = [
    ("施策1 行政手続のオンライン化", "デジタル政策課",
     ["・県への申請の多くは書面と押印が必要で、来庁が前提となっている", "・オンライン申請の利用は年間1,200件にとどまる"],
     ["・県民の利用が多い手続から優先してオンライン化する", "・電子納付とあわせて手続をワンストップで完結させる"],
     [("オンライン化した手続数", "85手続", "300手続"), ("オンライン申請件数", "1,200件", "20,000件")],
     [("電子申請システムの更改", "検討", "構築", "運用", "→"), ("手続のオンライン化", "実施", "→", "→", "→")]),
    ("施策2 窓口のキャッシュレス化", "出納局",
     ["・窓口の手数料は現金のみで、釣銭の準備と照合に時間がかかっている"],
     ["・県の窓口と施設にキャッシュレス決済を導入する"],
     [("キャッシュレス決済を導入した窓口数", "3か所", "60か所")],
     [("決済端末の導入", "試行", "拡大", "→", "全窓口")]),
]


def text() -> str:
    """The deck as a plan text: what each slide prints, its boxes left to right, then its captioned tables."""
    parts = [TITLE, "", ISSUED, "", "", OUTLINE_TITLE, ""]
    parts += [line for paragraph in OUTLINE for line in (paragraph, "")]
    for title, department, state, action, kpis, steps in MEASURES:
        parts += ["", f"{title} 担当：{department}", "", "現状と課題"] + state + ["", "取組内容"] + action
        parts += ["", "成果指標"] + ["\t".join(row) for row in (KPI_HEADER, *kpis)]
        parts += ["", "工程表"] + ["\t".join(row) for row in (SCHEDULE_HEADER, *steps)]
    return "\n".join(parts) + "\n"
