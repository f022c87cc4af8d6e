"""The Word two-column list fixture's content: a DX plan typed in Word whose 対応方針 lists are set in
two columns (a continuous Word section of two columns), short ・ items side by side, the left column's
lower items longer than its first.

The town is invented; the wording follows the supplied plans. `text()` is the same content as a plan
text, in reading order: the left column's items, then the right column's.
"""
from __future__ import annotations

TITLE = "緑ヶ丘町DX推進計画"
ISSUED = "令和6年3月"
TOWN = "緑ヶ丘町"

# (heading, lead, 現状・課題 items (one column), 対応方針 items (two columns, left column first))
MEASURES = [
    ("①-1 行政手続のオンライン化",
     "いつでもどこでも行政手続ができるように、住民の利用が多い手続から順にオンライン化を進めます。",
     ["多くの手続は窓口か郵送に限られており、平日の日中に来庁する必要がある",
      "オンライン申請が可能な手続であっても、令和5年度の利用件数は286件にとどまっている"],
     ["電子申請の拡大", "書かない窓口の導入", "キャッシュレス決済の導入", "申請書の様式の見直し",
      "オンライン相談の実施", "証明書のコンビニ交付", "公式アプリの開発", "手数料の電子納付"]),
    ("①-2 デジタルデバイド対策",
     "デジタル機器の利用に不安のある方も取り残されることのないよう、身近な場所で学べる機会をつくります。",
     ["高齢者を中心に、スマートフォンの操作に不安を感じている住民が多い",
      "公民館など町の施設では、利用者が使えるWi-Fi環境が整っていない"],
     ["講習会の定期開催", "公民館でのスマートフォン相談会", "町関連施設でのWi-Fi環境の整備",
      "地域の講師の育成", "相談窓口の設置"]),
]


def columns(items: list[str]) -> tuple[list[str], list[str]]:
    """The items of each column as Word balances them: the left one holds the larger half."""
    half = (len(items) + 1) // 2
    return items[:half], items[half:]


def text() -> str:
    """The plan as a plan text: what the document prints, in reading order, a blank line between blocks."""
    parts = [TITLE, "", ISSUED, TOWN, "", "", "2. 重点取組事項", ""]
    for heading, lead, state, policy in MEASURES:
        parts += [heading, "", lead, "", "現状・課題"] + [f"・{i}" for i in state] + ["", "対応方針"]
        parts += [f"・{i}" for i in policy] + [""]
    return "\n".join(parts)
