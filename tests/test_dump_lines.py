"""Pages that reach Keikaku as a PDF dumped to text, a whole page on one line, and the sheet forms real
progress reports use (one cell per line, a numbered field heading, a year column named after the year).

The dump lines below are written for the test in the form of tests/real/ (matsudo, mima): a town's
numbered KPIs and a flattened year table, a KPI table whose header and rows come one after the other.
"""
from extractors import extract_all
from pipeline import read_text
from pipeline.dump_lines import is_dump, split_dump
from pipeline.records import rows

KPI_DUMP = (
    "資料 4 総合戦略における 数値目標の現状値 総合戦略では、3つの基本目標ごとに「数値目標」を掲げています。"
    "目標年次は主に令和 7 年となっていますが、最新の現状値を把握し、目標値に近づいているのかを見ていきます。 "
    "基本目標Ⅱ 安心して暮らせるまちづくり ①転入者数:4,210 人(令和 2 年)→4,500 人(令和 7 年) "
    "②図書館の利用者数: 18.8 万人(令和元年)→20 万人(令和 7 年) ③婚姻率:5.5‰(令和 2 年)→5.9‰(令和 7 年) "
    "数値目標① 転入者数 令和 2 (基準値) 令和 3 令和 4 (現状値) 令和 7 (目標値) 4,210 4,105 4,350 4,500 "
    "参考)令和元年 4,016 人"
)

TABLE_DUMP = (
    "成果指標 総合計画の達成度合いを判断するため、令和7年度末を目標年次とした成果指標を設定しました。 "
    "①子育て支援 目標(指標)名 単位 現状 目標(令和7年度) 待機児童 人 12 0 認定こども園 カ所 1 3 "
    "相談件数 件 943 1,000 全員取得 保育士資格取得 "
    "②生涯学習 目標(指標)名 単位 現状 目標(令和7年度) 公民館講座の参加者数 人 2,059 2,100 "
    "出前講座の件数 件 40 50 ③地域づくり 目標(指標)名 単位 現状 目標(令和7年度) 自治会数 自治会 332 340 "
    "目標(指標)の説明 市では待機児童は存在しないが、今後も保育ニーズ量に対する受け皿を確保していく。"
)


def run(text):
    return rows(extract_all(read_text(text)).records)


def test_prose_is_not_a_dump_and_a_dump_splits_at_its_labels():
    prose = "本市では、少子高齢化や人口減少が急速に進行しており、" * 12
    assert not is_dump(prose)
    assert is_dump(KPI_DUMP)
    pieces = split_dump(KPI_DUMP)
    texts = [p for p in pieces if isinstance(p, str)]
    assert "基本目標Ⅱ 安心して暮らせるまちづくり" in texts
    assert "①転入者数:4,210 人(令和 2 年)→4,500 人(令和 7 年)" in texts
    # The flattened year table comes back as a header of years and one row of figures.
    rows = [p for p in pieces if isinstance(p, tuple)]
    assert rows == [("", "令和 2 (基準値)", "令和 3", "令和 4 (現状値)", "令和 7 (目標値)"),
                    ("数値目標① 転入者数", "4,210", "4,105", "4,350", "4,500")]
    assert texts[-1] == "参考)令和元年 4,016 人"


def test_a_dumped_page_gives_its_measure_and_numbered_kpis():
    records = run("計画名：総合戦略\n団体名：架空県みどり市\n" + KPI_DUMP + "\n")
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [
        ("基本目標Ⅱ", "安心して暮らせるまちづくり", 3)]
    targets = [(t["baseline_fy"], t["baseline_value"], t["actual_fy"], t["actual_value"], t["target_fy"],
                t["target_value"], t["unit"], t["line"]) for t in records["targets"]]
    assert targets == [
        (2020, 4210, None, None, 2025, 4500, "人", 3),
        (2019, 18.8, None, None, 2025, 20, "万人", 3),
        (2020, 5.5, None, None, 2025, 5.9, "‰", 3),
        # 令和 4 (現状値) beside a 基準値 column is the value reached so far; 令和 3 is neither.
        (2020, 4210, 2022, 4350, 2025, 4500, None, 3),
    ]
    assert all(t["measure_seq"] == 1 for t in records["targets"])


def test_a_dumped_kpi_table_becomes_rows_under_its_numbered_title():
    records = run("計画名：総合計画（成果指標）\n" + TABLE_DUMP + "\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [
        ("①", "子育て支援"), ("②", "生涯学習"), ("③", "地域づくり")]
    by_measure = {m["seq"]: m["label"] for m in records["measures"]}
    targets = [(by_measure[t["measure_seq"]], t["indicator"], t["baseline_value"], t["target_fy"], t["target_value"],
                t["unit"]) for t in records["targets"]]
    assert targets == [
        ("①", "待機児童", 12, 2025, 0, "人"),
        ("①", "認定こども園", 1, 2025, 3, "カ所"),
        ("①", "相談件数", 943, 2025, 1000, "件"),
        ("②", "公民館講座の参加者数", 2059, 2025, 2100, "人"),
        ("②", "出前講座の件数", 40, 2025, 50, "件"),
        ("③", "自治会数", 332, 2025, 340, "自治会"),
    ]


def test_what_a_dump_leaves_unread_is_listed_not_understood():
    from extractors import extract_all as extract
    extraction = extract(read_text("計画名：総合計画（成果指標）\n" + TABLE_DUMP + "\n"))
    listed = [text for _line, _page, _reason, text in extraction.accounting.not_understood]
    assert "全員取得 保育士資格取得" in listed
    # The dump is one printed line: counted once, not once per piece.
    assert extraction.accounting.total == 2


SHEET = """\
工程表
1.政策内容と目標
(1)政策内容
県と市町村の情報システム共同化の推進
(2)今年度の目標
・共同化推進協議会を設立する
・共同化の部会を2つ以上設置する
(参考)該当する長期的目標
2.事業の検証
実績
指標名
説明・算定式
成果指標①
"""


def test_a_sheet_names_its_measure_in_a_numbered_field_and_its_goals_in_a_numbered_block():
    records = run(SHEET)
    assert [(m["label"], m["title"], m["line"]) for m in records["measures"]] == [
        (None, "県と市町村の情報システム共同化の推進", 4)]
    targets = [(t["line"], t["target_value"], t["target_text"]) for t in records["targets"]]
    # 「(参考)…」 is reference matter, not a goal.
    assert targets == [(6, None, "・共同化推進協議会を設立する"), (7, 2, "2")]
    # 指標名 / 説明・算定式: a table's column names printed one per line, not a 実績 statement.
    assert records.get("statements", []) == []


def test_a_numbered_kpi_line_is_not_a_heading():
    records = run("基本目標1 にぎわいの創出\n①観光客数:2,584 千人(令和 2 年)→2,750 千人(令和 7 年)\n")
    assert [m["title"] for m in records["measures"]] == ["にぎわいの創出"]
    assert [(t["baseline_value"], t["target_value"], t["unit"]) for t in records["targets"]] == [(2584, 2750, "千人")]


GOALS_DUMP = (
    "1 整備計画 計画の名称 みどり市における安全な暮らし 計画の期間 令和 3 年度 ~ 令和 7 年度 (5 年間 ) "
    "計画の目標 下水道及び河川の整備により 浸水から市民の生命と財産を守り 安全 安心 快適な暮らしを実現する "
    "交付対象 みどり市 令和 5 年 2 月 計画の成果目標 ( 定量的指標 ) "
    "1 下水道による浸水対策の達成率を62%(R2) から70%(R7) に増加させる "
    "2 雨水貯留施設の助成件数を410 件 (R2) から900 件 (R7) に増加する "
    "3 主要な河川の整備状況を38%(R2) から55%(R7) に増加 定量的指標の定義及び算定式 定量的指標の現況値及び目標値"
)


def test_plain_numbers_running_in_order_split_a_dump_and_each_stated_change_is_a_target():
    """Items numbered 1, 2, 3 in a dump are its lines (the page number 「1」 and the 「2 月」 of a date are
    not), and a plan-level line that says 「…をA(年)からB(年)に増加させる」 is a target, not a heading."""
    assert is_dump(GOALS_DUMP)
    texts = [p for p in split_dump(GOALS_DUMP) if isinstance(p, str)]
    assert texts[1:] == ["1 下水道による浸水対策の達成率を62%(R2) から70%(R7) に増加させる",
                         "2 雨水貯留施設の助成件数を410 件 (R2) から900 件 (R7) に増加する",
                         "3 主要な河川の整備状況を38%(R2) から55%(R7) に増加 定量的指標の定義及び算定式 定量的指標の現況値及び目標値"]
    records = run("計画名：整備計画\n団体名：架空県みどり市\n" + GOALS_DUMP + "\n")
    assert records.get("measures", []) == []
    assert [(t["indicator"], t["baseline_fy"], t["baseline_value"], t["target_fy"], t["target_value"], t["unit"])
            for t in records["targets"]] == [
        ("下水道による浸水対策の達成率", 2020, 62, 2025, 70, "%"),
        ("雨水貯留施設の助成件数", 2020, 410, 2025, 900, "件"),
        ("主要な河川の整備状況", 2020, 38, 2025, 55, "%"),
    ]


SHEET_DUMP = (
    "第2次行政改革実施計画個票 基本方針 No Ⅱ-2-1-1 Ⅱ 質の高い行政経営の推進 改革の方向 2 デジタル化の推進 "
    "取組項目 1 窓口手続のオンライン化 現状等 本市の手続の多くは来庁が前提となっており、 窓口の混雑が続いている"
    "ため、オンラインで完結する手続を増やす必要があります。 また、手続の案内がわかりにくいとの声が寄せられています。 取組概要 ①電子申請の拡充:子育て・介護の手続から"
    "順にオンライン化します。 ②窓口予約の導入:来庁が必要な手続は予約制とします。 効 果 来庁せずに手続が"
    "完結し、市民の負担と窓口の待ち時間が減ります。 内容 年度 R6 R7 R8 R9 ◎ 実施 ⇒ 継続 ⇒ 継続 ⇒ 継続"
)


def test_a_dumped_sheet_splits_at_its_block_words_and_at_its_year_columns():
    """A form dumped on one line prints each field's label as a cell of its own (現状等, 取組概要, and 効果
    spelt 「効 果」): each starts a block, and a header of year columns ends the block before it, so the
    heading with a 現状 and a 取組概要 is a measure with statements."""
    assert is_dump(SHEET_DUMP)
    pieces = [p for p in split_dump(SHEET_DUMP) if isinstance(p, str)]
    assert any(p.startswith("現状等 本市の手続") for p in pieces)
    assert "取組概要" in pieces or any(p.startswith("取組概要 ") for p in pieces)
    assert any(p.startswith("効 果 来庁せずに") and p.endswith("減ります。") for p in pieces)
    assert any(p.startswith("内容 年度 R6 R7 R8 R9") for p in pieces)
    records = run(SHEET_DUMP)
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("取組項目 1", "窓口手続のオンライン化")]
    statements = [(s["kind"], s["text"].replace(" ", "")) for s in records["statements"]]
    # A space after 。 is where a line of the page ended: each sentence so ended is a statement, as the readers of
    # real dumps (tests/real/: 東海市, 加古川市, 三田市) read them.
    assert statements == [("現状等", "本市の手続の多くは来庁が前提となっており、窓口の混雑が続いているため、"
                                     "オンラインで完結する手続を増やす必要があります。"),
                          ("現状等", "また、手続の案内がわかりにくいとの声が寄せられています。"),
                          ("効果", "来庁せずに手続が完結し、市民の負担と窓口の待ち時間が減ります。")]


def test_a_dumped_list_of_projects_under_its_groups():
    """An e-book page on one line with few spaces: 【具体的な事業】 announces a list, ➀ / ② (two fonts) group its
    ● / ○ items, and each item's department printed in 【】 at its end is its department, not its title."""
    line = ("15 【具体的な事業】 ➀子育ての負担を軽減する ●延長保育、一時預かり、病児・病後児保育の実施【こども部】 "
            "●こども医療費の助成【市民部】 ●ファミリーサポートセンター運営事業の充実【こども部】 "
            "○放課後児童クラブなどの拡充【教育指導部】 ②子育ての不安を解消する "
            "●保育コンシェルジュ(利用者支援専門員)の配置【こども部】 ●乳児家庭全戸訪問の実施【こども部】 "
            "○子育て世代包括支援センターの設置検討【こども部】 【今後の方向性】 これらの事業を通じて、子育ての負担を軽減し、不安を解消する"
            "ための取組を進めていきます。 また、既存保育所等の定員増や新たな保育施設の整備など、積極的に子育て環境を整備する"
            "ことで、待機児童の早期解消に努めます。")
    assert is_dump(line)
    records = rows(extract_all(read_text("まち・ひと・しごと創生総合戦略\n" + line + "\n")).records)
    assert [(m["label"], m["title"], m["departments"]) for m in records["measures"]][:3] == [
        (None, "延長保育、一時預かり、病児・病後児保育の実施", ["こども部"]), (None, "こども医療費の助成", ["市民部"]),
        (None, "ファミリーサポートセンター運営事業の充実", ["こども部"])]
    assert len(records["measures"]) == 7 and all(m["label"] is None for m in records["measures"])


def test_a_dumped_numbered_title_ends_where_its_sentences_begin():
    """In a page dumped on one line, 「推進施策1 旬の花とくだものに出会える仕掛けづくり いつ訪れても、…」 splits into the
    numbered title and the prose under it (a word label, 推進施策, numbers it)."""
    line = ("第8章 観光振興計画の基本戦略と施策 推進施策1 旬の花とくだものに出会える仕掛けづくり いつ訪れても、旬の花やくだもの"
            "が気軽に楽しめる場面をまちなかや温泉地等に増やし、花とくだものの多様な楽しみ方を育てます。 推進施策2 花観光の"
            "多様なイメージの創出と受入体制の整備 花見山のイメージを主柱に捉え、それを支える複合的な花観光のイメージを創出します。")
    pieces = split_dump(line)
    assert "推進施策1 旬の花とくだものに出会える仕掛けづくり" in pieces
    assert "推進施策2 花観光の多様なイメージの創出と受入体制の整備" in pieces


GROUP_DUMP = (
    "第3章 推進施策 基本目標2 子育て支援の充実 すべての子どもが健やかに育つよう、地域全体で子育て家庭を支えます。 "
    "成果目標 (1)子育て相談の利用者数 現状(令和4年度)120人 目標(令和9年度)200人 "
    "(2)子育て支援拠点の整備 現状(令和4年度)未整備 目標(令和9年度)2か所で運営 "
    "(1)相談体制の充実 現状と課題 核家族化や地域のつながりの希薄化により、子育てに不安や負担を感じる家庭が増えて"
    "います。 身近な場所で気軽に相談できる体制を整え、必要な支援につなげることが課題となっています。 "
    "施策の方向性 保健師と保育士が連携し、妊娠期から子育て期まで切れ目なく相談に応じる体制を整えます。"
)


def test_a_dumped_group_with_its_goals_over_a_measure_with_blocks():
    """基本目標2 holds the 成果目標 of its group; 「(1)相談体制の充実」, printed right before its 現状と課題 in the
    dump, is the measure, and the numbered goals named 現状(年度) / 目標(年度) are goals, not headings."""
    texts = [p for p in split_dump(GROUP_DUMP) if isinstance(p, str)]
    assert "(1)相談体制の充実" in texts
    assert "(2)子育て支援拠点の整備 現状(令和4年度)未整備 目標(令和9年度)2か所で運営" in texts
    records = run("計画名：子ども・子育て支援計画\n団体名：架空県みどり市\n" + GROUP_DUMP + "\n")
    assert [(m["label"], m["title"]) for m in records["measures"]] == [("(1)", "相談体制の充実")]
    assert [(t["indicator"], t["baseline_fy"], t["baseline_text"], t["target_fy"], t["target_value"], t["target_text"],
             t["measure_seq"]) for t in records["targets"]] == [
        ("子育て相談の利用者数", 2022, "120人", 2027, 200, "200人", None),
        ("子育て支援拠点の整備", 2022, "未整備", 2027, 2, "2か所で運営", None)]
    # A space after 。 is where a line of the page ended: two paragraphs of 現状と課題.
    assert [(s["kind"], s["measure_seq"]) for s in records["statements"]] == [
        ("現状と課題", 1), ("現状と課題", 1), ("施策の方向性", 1)]
