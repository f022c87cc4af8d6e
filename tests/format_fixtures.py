"""Plans written in the tests as a municipality publishes them outside PDF: a prefecture's web edition
(one page per measure, in the site's furniture), a town's Word draft and a town's Excel workbook of
schedules and KPIs. Built with python-docx / openpyxl or written by hand; read in tests/test_formats.py
against the hand readings there.
"""
from __future__ import annotations

import io
import zipfile

_SITE_TOP = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{title}｜みらい県DX推進計画｜みらい県</title>
<script>window.dataLayer = [];</script>
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header id="header">
  <div class="logo"><a href="/">みらい県</a></div>
  <nav class="global-nav">
    <ul>
      <li><a href="/kurashi/">くらし・環境</a></li>
      <li><a href="/kenko/">健康・福祉</a></li>
      <li><a href="/kensei/">県政情報</a></li>
    </ul>
  </nav>
</header>
<div id="pankuzu"><a href="/">ホーム</a> &gt; <a href="/kensei/">県政情報</a> &gt;
  <a href="/kensei/dx/">みらい県DX推進計画</a> &gt; {title}</div>
<main id="main">
<div class="pager"><a href="index.html">目次</a> | <a href="{prev}">前の施策へ</a> | <a href="{next}">次の施策へ</a></div>
<h1>みらい県DX推進計画（令和6年度～令和10年度）</h1>
"""

_SITE_BOTTOM = """<div class="pager"><a href="index.html">目次</a> | <a href="{prev}">前の施策へ</a> |
  <a href="{next}">次の施策へ</a></div>
</main>
<aside class="related"><h2>関連リンク</h2><ul><li><a href="/kensei/dx/plan.pdf">計画本文（PDF）</a></li></ul></aside>
<footer>
  <p>みらい県 総務部 デジタル戦略課</p>
  <p>〒000-0000 みらい県みらい市本町1-1 電話 000-000-0000</p>
  <p><small>Copyright © Mirai Prefecture. All rights reserved.</small></p>
</footer>
</body>
</html>
"""

# Two measure pages of a web edition: headings in <h2>/<h3>, 現状と課題 as a list, a KPI table whose
# 目標年度 cell spans both rows.
MEASURE_PAGE_1 = _SITE_TOP.format(title="施策1 行政手続のオンライン化", prev="index.html", next="measure2.html") + """
<h2>施策1　行政手続のオンライン化</h2>
<h3>めざす姿</h3>
<p>県民が、時間や場所にとらわれず、スマートフォン等から必要な行政手続を行うことができています。</p>
<h3>現状と課題</h3>
<ul>
  <li>県が所管する手続のうち、オンラインで申請できるものは32％にとどまっています。</li>
  <li>添付書類の提出を求める手続が多く、オンライン化の妨げとなっています。</li>
</ul>
<h3>取組概要</h3>
<p>利用件数の多い手続から優先的にオンライン化を進め、<br>
申請から通知までをデジタルで完結できるようにします。</p>
<h3>担当所属</h3>
<p>デジタル戦略課</p>
<h3>成果指標（KPI）</h3>
<table class="kpi">
  <thead>
    <tr><th>指標名</th><th>現状値（2023年度）</th><th>目標値（2028年度）</th></tr>
  </thead>
  <tbody>
    <tr><td>オンライン化した手続数</td><td>320手続</td><td>800手続</td></tr>
    <tr><td>電子申請の年間利用件数</td><td>8,420件</td><td>30,000件</td></tr>
  </tbody>
</table>
""" + _SITE_BOTTOM.format(prev="index.html", next="measure2.html")

MEASURE_PAGE_2 = _SITE_TOP.format(title="施策2 デジタルデバイド対策", prev="measure1.html", next="measure3.html") + """
<h2>施策2　デジタルデバイド対策</h2>
<h3>めざす姿</h3>
<p>年齢や障害の有無にかかわらず、誰もがデジタル化の恩恵を受けています。</p>
<h3>現状と課題</h3>
<ul>
  <li>70歳以上の県民のスマートフォン保有率は58％で、他の年代より低くなっています。</li>
</ul>
<h3>担当所属</h3>
<p>地域振興課</p>
<h3>成果指標（KPI）</h3>
<table class="kpi">
  <tr><th>指標名</th><th>現状値（2023年度）</th><th>目標値</th><th>目標年度</th></tr>
  <tr><td>スマホ教室の参加者数</td><td>450人</td><td>1,500人</td><td rowspan="2">2028年度</td></tr>
  <tr><td>デジタル活用支援員の数</td><td>20人</td><td>60人</td></tr>
</table>
""" + _SITE_BOTTOM.format(prev="measure1.html", next="measure3.html")

# The first page as a site without <main>, <header>, <nav> or <footer> serves it: furniture in <div>s
# named by their id or class (header, gnavi, lnavi with its own heading, sidebar, footer).
MEASURE_PAGE_1_DIVS = (MEASURE_PAGE_1
                       .replace('<header id="header">', '<div id="header">').replace("</header>", "</div>")
                       .replace('<nav class="global-nav">', '<div id="gnavi">').replace("</nav>", "</div>")
                       .replace('<main id="main">', '<div id="lnavi"><h2>DX推進計画</h2><ul><li><a href="measure1.html">'
                                '施策1</a></li><li><a href="measure2.html">施策2</a></li></ul></div>\n'
                                '<div id="contents">')
                       .replace("</main>", "</div>")
                       .replace('<aside class="related">', '<div class="sidebar">').replace("</aside>", "</div>")
                       .replace("<footer>", '<div id="footer">').replace("</footer>", "</div>"))

# A page of the same site with nothing of a plan on it: the furniture only.
NAVIGATION_ONLY = _SITE_TOP.format(title="サイトマップ", prev="index.html", next="index.html").replace(
    "<h1>みらい県DX推進計画（令和6年度～令和10年度）</h1>\n", "") + _SITE_BOTTOM.format(prev="index.html", next="index.html")


def deep_page(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "施策" + "</div>" * depth + "</body></html>").encode()


def word_draft() -> bytes:
    """A town's Word draft: Title and Heading styles, list paragraphs, a schedule table with a cell
    merged across two years and a KPI table with a cell merged down two rows."""
    import docx

    d = docx.Document()
    d.add_paragraph("さくら町DX推進計画（案）", style="Title")
    d.add_paragraph("令和6年3月")
    d.add_paragraph("さくら町")
    d.add_heading("第1章　計画の概要", level=1)
    d.add_paragraph("本計画の期間は、令和6年度から令和9年度までの4年間とします。")
    d.add_heading("第2章　施策の展開", level=1)
    d.add_heading("施策1　窓口のデジタル化", level=2)
    d.add_heading("現状と課題", level=3)
    d.add_paragraph("転入や出生の手続で、住民が同じ内容を何度も書く必要があります。", style="List Bullet")
    d.add_paragraph("繁忙期には窓口の待ち時間が1時間を超えることがあります。", style="List Bullet")
    d.add_heading("取組内容", level=3)
    d.add_paragraph("申請書を職員が作成する「書かない窓口」を導入します。")
    d.add_heading("スケジュール", level=3)
    table = d.add_table(rows=3, cols=5)
    for c, text in enumerate(["取組", "令和6年度", "令和7年度", "令和8年度", "令和9年度"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["書かない窓口の導入", "検討", "導入", "運用", ""]):
        table.cell(1, c).text = text
    for c, text in enumerate(["オンライン予約", "準備", "試行", "拡大", ""]):
        table.cell(2, c).text = text
    table.cell(1, 3).merge(table.cell(1, 4))  # 運用 over 令和8・9年度
    d.add_heading("担当課", level=3)
    d.add_paragraph("住民課")
    d.add_heading("施策2　キャッシュレス決済の拡充", level=2)
    d.add_heading("現状と課題", level=3)
    d.add_paragraph("役場の窓口で使える支払方法は現金のみです。", style="List Bullet")
    d.add_heading("目標", level=3)
    kpi = d.add_table(rows=3, cols=4)
    for c, text in enumerate(["指標名", "現状値", "目標値", "目標年度"]):
        kpi.cell(0, c).text = text
    for c, text in enumerate(["キャッシュレス対応窓口数", "0窓口", "8窓口", "2027年度"]):
        kpi.cell(1, c).text = text
    for c, text in enumerate(["キャッシュレス納付の割合", "5％", "30％", ""]):
        kpi.cell(2, c).text = text
    kpi.cell(1, 3).merge(kpi.cell(2, 3))  # one 目標年度 for both rows
    d.add_heading("担当課", level=3)
    d.add_paragraph("会計課")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _abstract_numbering(document, levels: list[tuple[str, str]]) -> str:
    """A list definition of Word's numbering part: (lvlText, numFmt) per level; its id."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    root = document.part.numbering_part.element
    abstract_id = str(100 + len(root.findall(qn("w:abstractNum"))))
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f'</w:lvl>' for i, (text, fmt) in enumerate(levels))
    root.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    return abstract_id


def _numbering_instance(document, abstract_id: str, restart: bool = False) -> int:
    """A numbering (w:num) of a list definition; `restart` starts its first level at 1 again."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    root = document.part.numbering_part.element
    num_id = max(int(n.get(qn("w:numId"))) for n in root.findall(qn("w:num"))) + 1
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                          f'{override}</w:num>'))
    return num_id


def _numbered(paragraph, num_id: int, level: int = 0):
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def numbered_word_draft() -> bytes:
    """A Word draft whose labels are Word's automatic numbering, not typed: chapters 「第%1章」 and measures
    「施策%2」 of one multi-level list on the heading paragraphs, the items under 主な取組 circled (①), the
    second measure's list restarted, and 現状と課題 in full-width parenthesised numbers."""
    import docx

    d = docx.Document()
    d.add_paragraph("ふじ町DX推進計画", style="Title")
    d.add_paragraph("令和7年3月")
    headings = _numbering_instance(d, _abstract_numbering(d, [("第%1章", "decimal"), ("施策%2", "decimal")]))
    circled = _abstract_numbering(d, [("%1", "decimalEnclosedCircle")])
    issues = _numbering_instance(d, _abstract_numbering(d, [("（%1）", "decimalFullWidth")]))
    _numbered(d.add_heading("計画の概要", level=1), headings)
    d.add_paragraph("本計画の期間は、令和7年度から令和11年度までの5年間とします。")
    _numbered(d.add_heading("施策の展開", level=1), headings)
    for title, items, problems, department in [
            ("行政手続のオンライン化", ["電子申請の対象手続の拡大", "オンライン決済の導入"],
             ["オンラインで申請できる手続は全体の2割にとどまっています。"], "企画課"),
            ("窓口の待ち時間の短縮", ["窓口予約システムの導入", "おくやみコーナーの設置"],
             ["繁忙期の待ち時間が90分に達しています。"], "町民課")]:
        _numbered(d.add_heading(title, level=2), headings, level=1)
        d.add_heading("現状と課題", level=3)
        for problem in problems:
            _numbered(d.add_paragraph(problem), issues)
        d.add_heading("主な取組", level=3)
        items_list = _numbering_instance(d, circled, restart=True)
        for item in items:
            _numbered(d.add_paragraph(item, style="List Paragraph"), items_list)
        d.add_heading("担当課", level=3)
        d.add_paragraph(department)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


_BOX = """<w:r {ns}><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="{n}" name="テキスト ボックス {n}"/>
    <a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx></wps:wsp>
    </a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>
  </mc:Fallback></mc:AlternateContent></w:r>"""
_BOX_NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                   'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                   'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                   'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                   'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                   'xmlns:v="urn:schemas-microsoft-com:vml"')


def _text_box(paragraph, lines: list[str], n: int) -> None:
    """A text box anchored in `paragraph`, as Word saves one: a drawing and its VML fallback."""
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml

    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    paragraph._p.append(parse_xml(_BOX.format(ns=_BOX_NAMESPACES, n=n, paragraphs=paragraphs)))


def boxed_word_draft() -> bytes:
    """A Word draft that prints each measure's めざす姿 and 現状と課題 in text boxes anchored in empty
    paragraphs."""
    import docx

    d = docx.Document()
    d.add_paragraph("みなと市DX推進計画", style="Title")
    d.add_heading("施策1　窓口のデジタル化", level=2)
    _text_box(d.add_paragraph(), ["【めざす姿】", "来庁しなくても手続が済む市役所になっています。"], 1)
    _text_box(d.add_paragraph(), ["【現状と課題】", "・窓口での手続の8割が紙の申請書によるものです。"], 2)
    d.add_paragraph("【担当課】")
    d.add_paragraph("市民課")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def schedule_workbook() -> bytes:
    """A town's Excel workbook: one sheet per measure with its schedule (a header row of fiscal years,
    運用 merged over two years, a hidden column of internal notes, a hidden row of a dropped item), a KPI
    sheet whose target is a formula (saved with the value Excel computed) in a percent format, and a
    hidden sheet."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "施策1"
    ws["A1"] = "施策1　窓口のデジタル化"
    header = ["取組", "担当課", "令和6年度", "内部メモ", "令和7年度", "令和8年度", "令和9年度"]
    rows = [["書かない窓口の導入", "住民課", "検討", "予算要求済", "導入", "運用", None],
            ["（取りやめ）窓口ロボット", "住民課", "検討", None, None, None, None],
            ["オンライン予約", "住民課", "準備", None, "試行", "拡大", "運用"]]
    for c, value in enumerate(header, start=1):
        ws.cell(row=3, column=c, value=value)
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    ws.merge_cells("F4:G4")
    ws.column_dimensions["D"].hidden = True
    ws.row_dimensions[5].hidden = True
    ws2 = wb.create_sheet("施策2")
    ws2["A1"] = "施策2　キャッシュレス決済の拡充"
    for c, value in enumerate(["取組", "担当課", "令和6年度", "令和7年度", "令和8年度", "令和9年度"], start=1):
        ws2.cell(row=3, column=c, value=value)
    for c, value in enumerate(["窓口へのキャッシュレス端末設置", "会計課", "準備", "導入", "運用", "運用"], start=1):
        ws2.cell(row=4, column=c, value=value)
    ws3 = wb.create_sheet("成果指標")
    for c, value in enumerate(["指標名", "現状値（2023年度）", "目標値（2027年度）"], start=1):
        ws3.cell(row=1, column=c, value=value)
    ws3["A2"], ws3["B2"], ws3["C2"] = "キャッシュレス納付の割合", 0.05, "=B2*6"
    ws3["B2"].number_format = ws3["C2"].number_format = "0%"
    ws3["A3"], ws3["B3"], ws3["C3"] = "オンライン予約の件数", 1200, 5000
    ws3["B3"].number_format = ws3["C3"].number_format = '#,##0"件"'
    hidden = wb.create_sheet("作業用")
    hidden["A1"] = "施策9　削除した施策"
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    # Excel saves a formula with the value it last computed; openpyxl writes it without one.
    return with_part(out.getvalue(), "xl/worksheets/sheet3.xml",
                     lambda xml: xml.replace(b"<f>B2*6</f><v></v>", b"<f>B2*6</f><v>0.3</v>"))


def with_part(data: bytes, name: str, change) -> bytes:
    """The zip `data` with part `name` changed by `change(bytes) -> bytes`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == name else content)
    return out.getvalue()


def zip_bomb(main_part: str, size: int = 210_000_000, filler: str = "media/zeros.bin") -> bytes:
    """A zip with the main part of a Word or Excel file and a part `filler` of `size` bytes of zeros (a
    thousandth of it compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(main_part, "<document/>")
        with archive.open(filler, "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(size // len(chunk)):
                f.write(chunk)
    return out.getvalue()


def encrypted(data: bytes, password: str = "sakura") -> bytes:
    """An Office file as Office saves it with a password (msoffcrypto-tool's encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def action_plan_workbook() -> bytes:
    """A city's 実施計画 sheet: one row per 取組 (its No., name, content and 担当課), its steps in the year columns
    and its KPI in the columns after them (成果指標 | 現状値(R5) | 目標値(R8)), under a title row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "実施計画"
    rows = [["みどり市DX推進計画 実施計画（令和6年度～令和8年度）"], [],
            ["No.", "取組名", "取組内容", "担当課", "令和6年度", "令和7年度", "令和8年度", "成果指標", "現状値(R5)", "目標値(R8)"],
            [1, "電子申請の拡充", "利用の多い手続から順にオンライン化する", "デジタル推進課", "拡充", "→", "→",
             "オンライン化した手続数", "45手続", "200手続"],
            [2, "書かない窓口", "申請書の自動作成を導入する", "市民課", "検討", "試行", "導入", "対象手続数", "0手続", "30手続"],
            [3, "スマホ教室", "高齢者向けスマホ教室を開催する", "地域振興課", "実施", "→", "→", "参加者数", "120人", "600人"]]
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
