"""Pure normalisers as tables of (input, expected)."""
import pytest

from pipeline.cleaning import clean_inline
from pipeline.decoding import DecodeError, decode_text
from pipeline.departments import canonical_department, split_departments
from pipeline.eras import dominant_era, find_fiscal_year_ranges, parse_fiscal_year
from pipeline.numbering import parse_heading

FISCAL_YEARS = [
    ("令和5年度（2023年度）", None, 2023),
    ("令和8年度", None, 2026),
    ("令和 12 年度", None, 2030),
    ("令和８年度", None, 2026),          # full-width digits
    ("令和五年度", None, 2023),          # kanji numerals
    ("令和元年度", None, 2019),
    ("R4年度", None, 2022),
    ("平成27年度", None, 2015),
    ("H30年度", None, 2018),
    ("27年度", "平成", 2015),           # a bare year in a Heisei plan
    ("27 年度", "平成", 2015),
    ("27年度", None, None),             # a bare year with no era known is not guessed
    ("2023年度", None, 2023),
    ("令和5(2023)年4月", None, 2023),
    ("令和8(2026)年3月", None, 2025),   # January–March belong to the fiscal year before
    ("R3.1", None, 2020),
    ("令和 年 月", None, None),          # a draft's blank date
    ("実施継続", None, None),
]


@pytest.mark.parametrize("text,era,expected", FISCAL_YEARS)
def test_parse_fiscal_year(text, era, expected):
    assert parse_fiscal_year(text, era) == expected


RANGES = [
    ("令和5年度～令和8年度", (2023, 2026)),
    ("計画期間を令和5(2023)年4月から令和8(2026)年3月までとし", (2023, 2025)),
    ("令和 8 年度（2026 年度）から令和 12 年度（2030 年度）までの 5 年間", (2026, 2030)),
    ("本計画の計画期間は、令和4年度から令和7年度までの4年間", (2022, 2025)),
    ("R3.1～R8.3", (2020, 2025)),
]


@pytest.mark.parametrize("text,expected", RANGES)
def test_find_fiscal_year_ranges(text, expected):
    assert find_fiscal_year_ranges(text)[0][:2] == expected


def test_dominant_era():
    assert dominant_era("平成27年4月から平成28年度まで、令和2年") == "平成"
    assert dominant_era("no dates") is None


DEPARTMENTS = [
    ("まちづくり政策課 ほか住民情報システム関係課", ["まちづくり政策課", "住民情報システム関係課"], []),
    ("総務課、まちづくり政策課", ["総務課", "まちづくり政策課"], []),
    ("各課（局）", ["各課（局）"], []),
    ("各課(局)", ["各課（局）"], []),
    ("（生涯学習課）", ["生涯学習課"], []),
    ("まちづくり政策課 ほか オンライン申請 実施関係課", ["まちづくり政策課", "オンライン申請実施関係課"], []),
    ("まちづくり政策課、総務課、財政課ほか", ["まちづくり政策課", "総務課", "財政課"], []),
    ("まちづくり政策課 ほか各課", ["まちづくり政策課", "各課"], []),
    ("農政課 農業委員会", ["農政課", "農業委員会"], []),
    ("議会事務局", ["議会事務局"], []),
    ("デジタル推進室、全庁取組施策", ["デジタル推進室"], ["全庁取組施策"]),
    ("総務課 総務課", ["総務課"], []),
]


@pytest.mark.parametrize("field,names,leftovers", DEPARTMENTS)
def test_split_departments(field, names, leftovers):
    assert split_departments(field) == (names, leftovers)


@pytest.mark.parametrize("name,expected", [("各課(局)", "各課（局）"), ("総務 課", "総務課"), ("財政課", "財政課")])
def test_canonical_department(name, expected):
    assert canonical_department(name) == expected


CLEANING = [
    ("LoGoチャット^{※1}を活用", "LoGoチャットを活用"),
    ("「[※]ICTの浸透", "「ICTの浸透"),
    ("Google カレンダー\\*<sup>6</sup>やCMS", "Google カレンダーやCMS"),
    ("レファレンスサービス\\*1等", "レファレンスサービス等"),
    ("(DX²)を通じて", "(DX)を通じて"),
    ("ぴったりサービス ¹⁹ などの", "ぴったりサービス などの"),
    ("ワンストップ窓口※の実現", "ワンストップ窓口の実現"),
    ("**自治体フロントヤード改革の推進**", "自治体フロントヤード改革の推進"),
    ("<u>担当課</u> デジタル推進室", "担当課 デジタル推進室"),
    ('<ul style="x"> <li>・来庁の負担軽減</li> <li>・混雑緩和</li></ul>', "・来庁の負担軽減\n・混雑緩和"),
    ("①②事務手続き（１）", "①②事務手続き（１）"),   # printed characters are never folded
    ("※太枠内は国が示す", "※太枠内は国が示す"),       # a leading ※ is a note, kept
]


@pytest.mark.parametrize("raw,expected", CLEANING)
def test_clean_inline(raw, expected):
    assert clean_inline(raw) == expected


HEADINGS = [
    ("1. 策定の目的", ("1.", "策定の目的")),
    ("(2) 社会背景①", ("(2)", "社会背景①")),
    ("施策 2-1 小中学校", ("施策 2-1", "小中学校")),
    ("①-1 行政手続のオンライン化", ("①-1", "行政手続のオンライン化")),
    ("1.4.1 推進体制", ("1.4.1", "推進体制")),
    ("第3章 東員町の目指す姿", ("第3章", "東員町の目指す姿")),
    ("(3) 人的基盤のデジタルシフト", ("(3)", "人的基盤のデジタルシフト")),
    ("2023年 1月", None),
    ("2020.9 みやぎデジタルファースト宣言", None),
    ("27 年度", None),
    ("1", None),
    ("(1) これは文です。", None),
]


@pytest.mark.parametrize("text,expected", HEADINGS)
def test_parse_heading(text, expected):
    parsed = parse_heading(text)
    assert (None if parsed is None else (parsed[0].text, parsed[1])) == expected


def test_decode_text():
    text = "柴田町DX推進計画"
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(text.encode("cp932")) == (text, "shift_jis")
    with pytest.raises(DecodeError):
        decode_text(b"\x00\x01\x02binary")
    with pytest.raises(DecodeError):
        decode_text(b"\x82\xa0\xff\xfe\x80\x81\xfd")
