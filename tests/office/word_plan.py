"""The Word plan fixture's content: a DX plan typed in Word (A4, MS-Word-like styles), with ・ list
paragraphs under block words, a short ordinary paragraph right after a list, a paragraph whose
wrapped line starts with a footnote mark, notes, and a table whose long row breaks across a page.

The town is invented; the wording follows the supplied plans. `text()` is the same content as a plan
text, in reading order.
"""
from __future__ import annotations

TITLE = "緑ヶ丘町DX推進計画"
ISSUED = "令和6年3月"
TOWN = "緑ヶ丘町"

# (kind, text): kind is "heading", "paragraph", "item" (a ・ list paragraph), "note" or "table"
# (then text is a list of rows).
BODY = [
    ("heading", "1. 計画の概要"),
    ("heading", "(1) 策定の趣旨"),
    ("paragraph", "人口減少と少子高齢化が進む中、限られた職員数で行政サービスを維持し、住民の利便性を高めていくため、"
                  "デジタル技術を活用した業務改革に全庁で取り組む必要があります。"),
    # FOOTNOTE_PARAGRAPH: its second line begins with the mark ※1 (the prefix is sized for the page)
    ("paragraph", None),
    ("note", "※1 デジタル・トランスフォーメーション：デジタル技術を活用して業務やサービスの在り方を変革すること"),
    ("heading", "(2) 計画期間"),
    ("paragraph", "本計画の期間は、令和6年度から令和9年度までの4年間とします。"),
    ("heading", "2. 重点取組事項"),
    ("heading", "①-1 行政手続のオンライン化"),
    ("paragraph", "いつでもどこでも行政手続ができるように、住民の利用が多い手続から順にオンライン化を進めます。"),
    ("paragraph", "現状・課題"),
    ("item", "多くの手続は窓口か郵送に限られており、平日の日中に来庁する必要がある"),
    ("item", "オンライン申請が可能な手続であっても、令和5年度の利用件数は286件にとどまっており、利用率が低い"),
    ("paragraph", "対応方針"),
    ("item", "オンラインによる行政手続の拡充"),
    ("item", "オンライン申請の周知、利用促進"),
    ("paragraph", "行政手続のオンライン化の事例"),
    ("paragraph", "近隣の市では、子育て関係の手続をマイナポータルから申請できるようにし、来庁せずに手続が完了する件数が増えています。"),
    ("heading", "①-2 マイナンバーカードの普及促進"),
    ("paragraph", "マイナンバーカードを保有し、利用できる住民を増やすため、申請と交付の機会を広げ、利活用先を検討します。"),
    ("paragraph", "現状・課題"),
    ("item", "町のマイナンバーカードの交付率は令和6年1月末で約72%にとどまっている"),
    ("item", "高齢者など来庁が難しい方への申請支援が必要である"),
    ("paragraph", "対応方針"),
    ("item", "休日開庁や出張申請窓口による交付体制の充実"),
    ("item", "コンビニ交付など、マイナンバーカードを利活用したサービスの検討"),
    ("heading", "3. 取組一覧"),
    ("paragraph", "重点取組事項を進めるための個別の取組と担当課は、次のとおりです。"),
    ("table", [
        ["取組", "内容", "担当課"],
        ["電子申請の拡充", "子育て・介護関係の手続を中心に、マイナポータルと町の電子申請システムから申請できる手続を増やします。", "企画政策課"],
        ["書かない窓口", "転入や出生の届出で、住民が申請書を書かずに済むよう、職員が聞き取ってシステムに入力する窓口に改めます。", "住民課"],
        ["キャッシュレス決済", "窓口での手数料や施設使用料の支払いに、クレジットカードやスマートフォン決済を使えるようにします。", "会計課"],
        ["庁内ネットワークの更新", "老朽化した庁内ネットワーク機器を更新し、無線LANの整備とあわせて、会議室や執務室のどこでも端末を使えるようにします。"
         "あわせて、インターネット接続環境の分離の在り方を見直し、クラウドサービスを安全に利用できる環境を整えます。"
         "更新にあたっては、国のガイドラインに対応するため、情報セキュリティポリシーの見直しを先に行い、"
         "必要な対策を設計に反映します。", "総務課"],
        ["テレワーク環境の整備", "職員が自宅や出張先から庁内の業務システムを安全に利用できる環境を整え、災害時の業務継続にも役立てます。", "総務課"],
        ["デジタル人材の育成", "全職員を対象とした研修と、各課のDX推進担当者向けの実践研修を毎年度実施します。", "総務課"],
    ]),
    ("paragraph", "取組の進捗は、毎年度、DX推進本部で確認し、結果を町のホームページで公表します。"),
]


def footnote_paragraph(prefix: str) -> str:
    return (prefix + "※1の推進により、住民サービスの向上と業務の効率化を同時に実現することが求められています。")


def body(prefix: str) -> list[tuple[str, object]]:
    return [(k, footnote_paragraph(prefix) if t is None else t) for k, t in BODY]


def text(prefix: str) -> str:
    """The plan as a plan text: what the document prints, in reading order, a blank line between blocks."""
    parts = [TITLE, "", ISSUED, TOWN, "", ""]
    previous = None
    for kind, content in body(prefix):
        if kind == "table":
            parts += ["\t".join(row) for row in content] + [""]
        elif kind == "item":
            parts += [f"・{content}"]
        else:
            if previous == "item":
                parts += [""]
            parts += [content, ""]
        previous = kind
    return "\n".join(parts) + "\n"
