"""The Word measure-sheet fixture's content: a DX plan typed in Word whose measures are tables (a
measure sheet each: its numbered title in a merged first row, then 担当課 / 取組内容 / 計画期間内の目標
rows), one after another under the (1) / (2) headings, with an empty paragraph between two sheets;
and a 施策体系 table whose 施策 cell holds the ①–⑤ items of its (1) as list paragraphs.

The town is invented; the wording follows the supplied plans. `text()` is the same content as a plan
text, in reading order: a sheet's title on a line of its own above its rows, and a table cell's list
items one row each (the first beside the cells of its row), as a text prints them.
"""
from __future__ import annotations

TITLE = "緑ヶ丘町DX推進計画"
ISSUED = "令和6年3月"
TOWN = "緑ヶ丘町"

# (heading, its lead paragraph, its measure sheets: (title, department, content, goal))
GROUPS = [
    ("(1) 町民の利便性向上",
     "町民が、いつでも・どこでも簡単に行政サービスを利用できるよう、デジタル技術を活用して利便性と満足度を高めます。",
     [("①行政手続のオンライン化", "住民課",
       "町民が役場を訪れなくても必要な行政手続を行えるよう、マイナポータルと町の電子申請システムから申請できる手続を増やします。"
       "あわせて、申請の入力を助ける案内を整え、窓口での申請の支援も続けます。",
       "オンラインで申請できる手続の数を令和9年度までに100手続とする。"),
      ("②証明書のコンビニ交付", "住民課、税務課",
       "住民票の写しや印鑑登録証明書、課税証明書を、全国のコンビニエンスストアで取得できるようにします。"
       "窓口の開庁時間外にも証明書を取得できるよう、広報紙と公式ウェブサイトで周知します。",
       "コンビニ交付の利用率を令和9年度までに30%とする。"),
      ("③キャッシュレス決済の導入", "会計課",
       "窓口での手数料や施設使用料の支払いに、クレジットカードやスマートフォン決済を使えるようにします。"
       "導入にあたっては、手数料の負担と会計事務の流れを見直し、職員の事務が増えないようにします。",
       "キャッシュレス決済を使える窓口を令和9年度までに全窓口とする。"),
      ("④書かない窓口の導入", "住民課",
       "転入や出生の届出で、住民が申請書を書かずに済むよう、職員が聞き取ってシステムに入力する窓口に改めます。"
       "あわせて、一つの窓口で関係する手続を案内できるよう、課をまたいだ手続の流れを整理します。",
       "書かない窓口で受け付ける手続の数を令和9年度までに20手続とする。"),
      ("⑤公式アプリによる情報発信", "企画政策課",
       "町の公式アプリで、防災情報やごみ収集日、子育ての情報を、住民一人ひとりに合わせて届けます。"
       "災害時には、避難所の開設状況を公式アプリと公式ウェブサイトで同時に発信します。",
       "公式アプリの登録者数を令和9年度までに5,000人とする。")]),
    ("(2) 行政運営の効率化",
     "職員が人にしかできない仕事に集中できるよう、事務の電子化と働く環境の整備を進めます。",
     [("①電子決裁の導入", "総務課",
       "文書の起案から決裁、保存までを電子で行い、紙の回覧と押印をなくします。"
       "財務会計システムとの連携により、支出の決裁も電子で行えるようにします。",
       "電子決裁の割合を令和9年度までに90%とする。"),
      ("②テレワーク環境の整備", "総務課",
       "職員が自宅や出張先から庁内の業務システムを安全に利用できる環境を整え、災害時の業務継続にも役立てます。",
       "テレワークを行える職員の割合を令和9年度までに50%とする。")]),
    ("(3) デジタル人材の育成と情報セキュリティ",
     "デジタル技術を使いこなせる職員を育て、住民の情報を守る体制を整えます。",
     [("①職員研修の充実", "総務課",
       "全職員を対象に、業務で使うデジタルツールの研修を毎年度実施します。"
       "研修の内容は、職員へのアンケートで必要とされた項目から選び、受講しやすいようオンラインでも実施します。",
       "研修を受講した職員の割合を令和9年度までに100%とする。"),
      ("②DX推進リーダーの育成", "総務課、企画政策課",
       "各課から選ばれたDX推進リーダーが、業務の見直しとデジタル化の進め方を学ぶ実践研修を行います。"
       "リーダーは、学んだことを自分の課の業務改善に生かし、その成果を庁内で共有します。",
       "DX推進リーダーを令和9年度までに全課に配置する。"),
      ("③情報セキュリティ対策の徹底", "総務課",
       "情報セキュリティポリシーを国のガイドラインに合わせて見直し、全職員を対象とした訓練を毎年度実施します。"
       "外部の専門家による監査を受け、見つかった課題への対策を翌年度までに講じます。",
       "情報セキュリティ事故の件数を毎年度0件とする。"),
      ("④クラウドサービスの活用", "企画政策課",
       "庁内の業務システムを更新する際は、クラウドサービスの利用を第一に検討し、運用の負担と費用を抑えます。",
       "クラウドサービスを利用する業務システムの数を令和9年度までに10システムとする。")]),
]

BEFORE = [
    ("heading", "1. 計画の概要"),
    ("paragraph", "本計画は、町のデジタル化の取組を体系的に示し、令和6年度から令和9年度までの4年間で計画的に進めるものです。"),
    ("heading", "2. 施策体系"),
]
AFTER = [
    ("heading", "4. 推進体制"),
    ("paragraph", "町長を本部長とするDX推進本部で、取組の進捗を毎年度確認し、結果を町のホームページで公表します。"),
]


def system_rows() -> list[tuple[str, list[str]]]:
    """The 施策体系 table below its header 分類 | 施策: (the group's heading, its measures' titles)."""
    return [(heading, [title for title, *_ in sheets]) for heading, _, sheets in GROUPS]


def sheet_rows(department: str, content: str, goal: str) -> list[tuple[str, str]]:
    return [("担当課", department), ("取組内容", content), ("計画期間内の目標", goal)]


def text() -> str:
    """The plan as a plan text: what the document prints, in reading order, a blank line between blocks."""
    parts = [TITLE, "", ISSUED, TOWN, "", ""]
    for kind, content in BEFORE:
        parts += [content, ""]
    parts += ["分類\t施策"]
    for heading, titles in system_rows():
        parts += [f"{heading}\t{titles[0]}"] + [f"\t{title}" for title in titles[1:]]
    parts += ["", "3. 取組施策", ""]
    for heading, lead, sheets in GROUPS:
        parts += [heading, "", lead, ""]
        for title, department, content, goal in sheets:
            parts += [title] + [f"{name}\t{value}" for name, value in sheet_rows(department, content, goal)] + [""]
    for kind, content in AFTER:
        parts += [content, ""]
    return "\n".join(parts)
