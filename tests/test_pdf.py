"""The PDF reader: a PDF typeset from each supplied text gives the records of the text itself.

The PDFs are made here with reportlab and the IPAex Gothic font (Debian fonts-ipaexfont, which
.ci/run installs) by tests/render_pdf.py: embedded Japanese font, ruled tables, merged cells, tables
running onto the next page, fake-bold headings, running headers and page numbers.
"""
from __future__ import annotations

import os
from pathlib import Path

import pdfplumber
import pytest

from conftest import CORPUS, RAW, comparable
from extractors import extract_all
from pipeline import ReadError, read_document
from pipeline.cleaning import ordinary_kanji
from pipeline.pdf_reader import PdfReaderSettings, read_pdf
from pipeline.records import rows

render_pdf = pytest.importorskip("render_pdf")

if render_pdf.font_file() is None:
    if os.environ.get("CI"):
        raise RuntimeError("fonts-ipaexfont is not installed: .ci/run installs it")
    pytest.skip("IPAex font not installed (Debian fonts-ipaexfont)", allow_module_level=True)

@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    paths = {}
    for stem in CORPUS:
        paths[stem] = folder / f"{stem}.pdf"
        render_pdf.render((RAW / f"{stem}.txt").read_text(encoding="utf-8"), paths[stem])
    return paths


def pdf_page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return ["".join(c["text"] for c in page.dedupe_chars().chars if not c["text"].isspace())
                for page in pdf.pages]


@pytest.mark.parametrize("stem", CORPUS)
def test_pdf_gives_the_records_of_its_text(rendered, stem):
    from_text = comparable(extract_all(read_document(RAW / f"{stem}.txt")))
    doc = read_document(rendered[stem])
    from_pdf = comparable(extract_all(doc))
    assert doc.source_format == "pdf" and doc.page_count > 10
    for table in sorted(set(from_text) | set(from_pdf)):
        assert from_pdf.get(table, []) == from_text.get(table, []), f"{stem}: {table} differ"
    assert sum(len(v) for v in from_pdf.values()) > 50


def test_pdf_records_point_to_the_page_that_prints_them(rendered):
    stem = CORPUS[-1]
    extraction = extract_all(read_document(rendered[stem]))
    pages = pdf_page_texts(rendered[stem])
    checked = 0
    for table, field in (("measures", "title"), ("sections", "title"), ("statements", "text")):
        for record in rows(extraction.records)[table]:
            assert record["line"] is None
            assert 1 <= record["page"] <= len(pages)
            head = record[field].replace(" ", "")[:8]
            assert head in pages[record["page"] - 1], (table, record[field], record["page"])
            checked += 1
    assert checked > 100
    # a warning about a 目次 or overview line keeps the page that line is on (issue 28: was `page None`)
    assert extraction.warnings and all(1 <= w.page <= len(pages) for w in extraction.warnings)


def test_running_headers_page_numbers_and_fake_bold_are_gone(rendered):
    stem = next(s for s in CORPUS if "【" in (RAW / f"{s}.txt").read_text(encoding="utf-8"))
    doc = read_document(rendered[stem])
    texts = [b.text for b in doc.blocks]
    assert not [t for t in texts if t == "計画書" or t.startswith("- ") and t.endswith(" -") and t[2:-2].isdigit()]
    brackets = [t for t in texts if t.startswith("【")]
    assert brackets and all("【【" not in t for t in brackets)


def test_a_table_over_two_pages_is_one_table_without_its_repeated_header(tmp_path):
    rows = ["番号\t取組\t令和5年度\t令和6年度"] + [f"{i}\t取組{i}の内容\t検討\t実施" for i in range(1, 61)]
    path = tmp_path / "long_table.pdf"
    assert render_pdf.render("長い表\n\n" + "\n".join(rows) + "\n\n表の後の文。\n", path) >= 2
    doc = read_document(path)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert [r.cells for r in tables[0].rows] == [tuple(r.split("\t")) for r in rows]
    assert {r.page for r in tables[0].rows} == {1, 2}
    assert doc.blocks[-1].text == "表の後の文。"


def test_merged_cells_and_wrapped_cells(tmp_path):
    text = ("取組\t項目\t令和5年度\n"
            "窓口のデジタル化を進めるための長い取組の名前が入るセル\t①書かない窓口\t検討\n"
            "\t②オンライン申請の受付を拡大するための準備をして手続を広げる\t実施\n")
    path = tmp_path / "merged.pdf"
    render_pdf.render(text, path, layout=render_pdf.Layout(width=300))
    with pdfplumber.open(path) as pdf:
        table = pdf.pages[0].find_tables()[0]
        assert table.rows[2].cells[0] is None  # the first column is one merged cell
    rows = [b for b in read_document(path).blocks if b.kind == "table"][0].rows
    assert [r.cells for r in rows] == [tuple(line.split("\t")) for line in text.splitlines()]


def test_radicals_become_ordinary_kanji(tmp_path):
    assert ordinary_kanji("⽅針 ⼀⾏ ①（） 神") == "方針 一行 ①（） 神"
    path = tmp_path / "radicals.pdf"
    render_pdf.render("基本⽅針\n\n⼀⼈ひとりの⾏政サービス\n", path, header="")
    assert [b.text for b in read_document(path).blocks] == ["基本方針", "一人ひとりの行政サービス"]


def test_latin_words_keep_their_spaces_and_japanese_gains_none(tmp_path):
    line = ("Windows Server 2008 の延長サポートが終了するため、新たな OS への移行を計画的に実施します。"
            "あわせて Microsoft 365 と LGWAN-ASP の利用環境を見直します。")
    path = tmp_path / "latin.pdf"
    render_pdf.render(line + "\n", path, header="", layout=render_pdf.Layout(width=260))
    assert [b.text for b in read_document(path).blocks] == [line]


# --- files that cannot be read: one clear reason each -------------------------------------------

def _one_page(path: Path, **canvas_options) -> bytes:
    from reportlab.pdfgen import canvas

    render_pdf.register_font()
    c = canvas.Canvas(str(path), **canvas_options)
    c.setFont(render_pdf.FONT, 12)
    c.drawString(60, 700, "デジタル推進計画")
    c.save()
    return path.read_bytes()


def _reason(path: Path, data: bytes, **settings) -> str:
    with pytest.raises(ReadError) as caught:
        read_pdf(path, data, settings or None)
    return str(caught.value)


def test_not_a_pdf(tmp_path):
    assert _reason(tmp_path / "a.pdf", "<html>お探しのページは見つかりません</html>".encode()).startswith("not a PDF")


def test_truncated_download(tmp_path):
    data = _one_page(tmp_path / "a.pdf")
    assert _reason(tmp_path / "a.pdf", data[: len(data) // 2]).startswith("truncated PDF")


def test_broken_pdf(tmp_path):
    assert _reason(tmp_path / "a.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n").startswith("broken PDF")


def test_encrypted(tmp_path):
    data = _one_page(tmp_path / "a.pdf", encrypt="secret")
    assert _reason(tmp_path / "a.pdf", data).startswith("encrypted PDF")


def test_scanned_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)  # a page that is only a picture
    c.save()
    assert "needs OCR" in _reason(path, path.read_bytes())


def test_fonts_without_unicode_map(tmp_path):
    data = _one_page(tmp_path / "a.pdf").replace(b"/ToUnicode", b"/ToUnicodX")  # same length: offsets hold
    reason = _reason(tmp_path / "a.pdf", data)
    assert "no Unicode mapping" in reason and "(cid:NNN)" in reason


def test_page_limit(tmp_path, rendered):
    path = rendered[CORPUS[0]]
    assert _reason(path, path.read_bytes(), max_pages=5).startswith("too many pages")
    with pytest.raises(ValueError, match="max_pagse"):
        PdfReaderSettings.resolve({"max_pagse": 5})


def test_ingest_names_each_bad_pdf_in_one_line_and_loads_the_good_ones(tmp_path, rendered):
    from click.testing import CliRunner

    from keikaku.cli import main

    folder = tmp_path / "batch"
    folder.mkdir()
    good = folder / "good.pdf"
    good.write_bytes(rendered[CORPUS[-1]].read_bytes())
    (folder / "locked.pdf").write_bytes(_one_page(tmp_path / "x.pdf", encrypt="secret"))
    (folder / "half.pdf").write_bytes(good.read_bytes()[:5000])
    (folder / "page.pdf").write_bytes("<html>404</html>".encode())
    db = tmp_path / "k.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 3 and "Traceback" not in result.output
    assert any("locked.pdf: encrypted PDF" in e for e in errors)
    assert any("half.pdf: truncated PDF" in e for e in errors)
    assert any("page.pdf: not a PDF" in e for e in errors)
    import sqlite_utils

    documents = list(sqlite_utils.Database(db).query("select source_file, source_format from documents"))
    assert [d["source_format"] for d in documents] == ["pdf"]
    assert documents[0]["source_file"].endswith("good.pdf")
