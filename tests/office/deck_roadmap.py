"""The roadmap fixture's content: a DX plan's measure slide whose ロードマップ is drawn, not a table: a row of year
boxes (R6–R9), each item's title left of them and an arrow under the years it runs over, its label inside.

The town is invented; the wording follows the DX plan pages in tests/real. `text()` is the hand reading of the
slide as a plan text: the roadmap as the table it stands for, a label in the year where it is printed and 「→」 in
each other year its arrow covers more than half of (the arrow's head counts).
"""
from __future__ import annotations

TITLE = "取組1 行政手続のオンライン化"
VISION = ["【目指す姿】", "・いつでもどこでもスマートフォンで行政手続ができる"]
KPI = "KPI：オンライン申請件数 1,200件(R4) → 20,000件(R9)"
CAPTION = "ロードマップ"
YEARS = ["R6", "R7", "R8", "R9"]
YEAR_LEFT = {"R6": 4.0, "R7": 6.2, "R8": 8.4, "R9": 10.6}  # inches from the slide's left; each box 2.1 wide
# (title, arrow from, arrow to (inches), label, the label's year, the years the arrow covers)
ITEMS = [("電子申請システムの構築", 4.0, 8.3, "構築", "R6", ["R6", "R7"]),
         ("手続のオンライン化", 6.2, 12.7, "順次オンライン化", "R8", ["R7", "R8", "R9"])]


def text() -> str:
    rows = ["\t".join(["", *YEARS])]
    for title, _start, _end, label, at, years in ITEMS:
        rows.append("\t".join([title, *(label if y == at else "→" if y in years else "" for y in YEARS)]))
    return "\n".join([TITLE, *VISION, KPI, CAPTION, *rows]) + "\n"
