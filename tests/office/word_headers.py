"""The Word running-header fixture's content: a DX plan typed in Word whose page header prints the
page number before the plan's title (「3　緑ヶ丘町DX推進計画」, a numbered-looking line that differs
from page to page), and whose chapter 2 has no heading in the body: its name 「重点取組事項」 is
printed only atop each of its pages (a second header line of its Word section), and the 目次 lists it.

The town is invented; the wording follows the supplied plans. `text()` is the same content as a plan
text, in reading order: the running header left out, the chapter's name once, where its pages begin.
"""
from __future__ import annotations

TITLE = "緑ヶ丘町DX推進計画"
ISSUED = "令和6年3月"
TOWN = "緑ヶ丘町"
CHAPTER = "重点取組事項"

# The 目次: (entry, its page)
TOC = [("1. 計画の概要", 3), (CHAPTER, 4), ("3. 推進体制", 7)]

OVERVIEW = [
    ("heading", "1. 計画の概要"),
    ("paragraph", "人口減少と少子高齢化が進む中、限られた職員数で行政サービスを維持し、住民の利便性を高めていくため、"
                  "デジタル技術を活用した業務改革に全庁で取り組む必要があります。"),
    ("paragraph", "本計画の期間は、令和6年度から令和9年度までの4年間とします。"),
]

# Chapter 2: (heading, 現状・課題 items, 対応方針 items)
MEASURES = [
    ("(1) 行政手続のオンライン化",
     ["多くの手続は窓口か郵送に限られており、平日の日中に来庁する必要がある",
      "オンライン申請が可能な手続であっても、令和5年度の利用件数は286件にとどまっており、利用率が低い"],
     ["子育て・介護関係の手続を中心に、オンラインで申請できる手続を拡充する",
      "広報紙やホームページ、SNSによるオンライン申請の周知、利用促進"]),
    ("(2) マイナンバーカードの普及促進",
     ["町のマイナンバーカードの交付率は令和6年1月末で約72%にとどまっている",
      "高齢者など来庁が難しい方への申請支援が必要である"],
     ["休日開庁や出張申請窓口による交付体制の充実",
      "コンビニ交付など、マイナンバーカードを利活用したサービスの検討"]),
    ("(3) 書かない窓口の推進",
     ["転入や出生の届出では、複数の窓口で同じ内容を何度も記入する必要がある",
      "繁忙期には窓口の待ち時間が1時間を超えることがある"],
     ["タブレット型端末などを用いた、書かない窓口の実現",
      "窓口の予約と混雑状況のお知らせによる、待たない窓口の実現"]),
    ("(4) デジタルデバイド対策",
     ["高齢者を中心に、スマートフォンの操作に不安を感じている住民が多い",
      "公民館など町の施設では、利用者が使えるWi-Fi環境が整っていない"],
     ["公民館でのスマートフォン・パソコン講習会の定期開催",
      "町関連施設でのWi-Fi環境の整備"]),
    ("(5) 自治体情報システムの標準化・共通化",
     ["住民記録や税などの基幹業務システムは、町独自にカスタマイズされた機能が多い",
      "国が定める標準仕様への移行期限が令和7年度末に迫っている"],
     ["標準仕様に準拠したシステムへの計画的な移行",
      "移行にあわせた業務手順の見直し"]),
    ("(6) テレワークの推進",
     ["職員が庁外で業務システムを利用できる環境がなく、災害時の業務継続に不安がある",
      "育児や介護と仕事を両立できる働き方が求められている"],
     ["庁外から業務システムを安全に利用できる環境の整備",
      "テレワーク勤務の規程と運用手順の整備"]),
    ("(7) 電子決裁の導入",
     ["文書の起案から決裁までを紙で回覧しており、決裁に日数がかかっている",
      "文書の保管場所が不足している"],
     ["文書管理システムの導入による電子決裁の実現",
      "財務会計システムとの連携による支出事務の電子化"]),
    ("(8) デジタル人材の育成",
     ["デジタル技術を業務の見直しに生かせる職員が限られている",
      "研修の機会が少なく、職員の知識に差がある"],
     ["全職員を対象としたデジタル研修の毎年度の実施",
      "各課のDX推進リーダーを対象とした実践研修の実施"]),
    ("(9) 情報セキュリティ対策の徹底",
     ["情報セキュリティポリシーが国のガイドラインの改定に追いついていない",
      "職員を対象とした訓練が定期的に行われていない"],
     ["国のガイドラインに合わせた情報セキュリティポリシーの見直し",
      "全職員を対象とした標的型攻撃メール訓練の毎年度の実施"]),
    ("(10) オープンデータの推進",
     ["町が公開しているデータの種類が少なく、機械で読める形式になっていない",
      "データを公開するための庁内の手順が定まっていない"],
     ["推奨データセットに沿ったデータの公開",
      "公開の手順を定めた庁内向けの手引きの作成"]),
    ("(11) AI・RPAの活用",
     ["定型的な入力作業に多くの時間を費やしている",
      "AIを業務に活用した事例が庁内にない"],
     ["RPAによる定型業務の自動化",
      "AIによる議事録作成と問合せ対応の試行"]),
]

CLOSING = [
    ("heading", "3. 推進体制"),
    ("paragraph", "町長を本部長とするDX推進本部で、取組の進捗を毎年度確認し、結果を町のホームページで公表します。"),
]


def text() -> str:
    """The plan as a plan text: what the document prints, in reading order, a blank line between blocks."""
    parts = [TITLE, "", ISSUED, TOWN, "", "", "目次", ""]
    parts += [f"{entry}\t{page}" for entry, page in TOC] + ["", ""]
    for _, content in OVERVIEW:
        parts += [content, ""]
    parts += ["", CHAPTER, ""]
    for heading, state, policy in MEASURES:
        parts += [heading, "", "現状・課題"] + [f"・{i}" for i in state] + ["", "対応方針"] + [f"・{i}" for i in policy] + [""]
    parts += [""]
    for _, content in CLOSING:
        parts += [content, ""]
    return "\n".join(parts)
