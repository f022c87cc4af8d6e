"""Hostile files, each small on disk, for the limits of `keikaku ingest` (issue 30); made here, not stored.

    python tests/hostile.py FOLDER          # writes the batch into FOLDER
    python tests/hostile.py FOLDER --run    # and ingests it beside a good plan (--time-limit 60), with figures

- flate_bomb.pdf: a content stream that inflates to 2 GiB of spaces;
- flate_bomb_bad_checksum.pdf: the same with a broken zlib checksum (pdfminer's byte-at-a-time fallback);
- page_tree_cycle.pdf: /Pages is `6 0 R`, object 6 is only `7 0 R` and object 7 only `6 0 R`;
- deep_nesting.pdf: the page's text in an array nested 100,000 deep;
- many_pages.pdf: 20,000 pages sharing one content stream;
- zip_bomb.xlsx: a workbook whose sheet inflates to 2 GiB;
- entity_bomb.docx: a Word document whose XML defines "billion laughs" entities;
- long_table.txt: a plan with a tab-separated table of 200,000 rows.
"""
from __future__ import annotations

import sys
import zipfile
import zlib
from pathlib import Path

GIB = 1 << 30


def _deflate_blocks(size: int, byte: bytes) -> bytes:
    """Raw deflate blocks for `size` bytes of `byte`: one megabyte compressed once, its blocks (made
    independent by a full flush) repeated, then an empty final block. Fast and small."""
    chunk = byte * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packer.compress(chunk)
    packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every megabyte
    return block * (size // len(chunk)) + packer.flush(zlib.Z_FINISH)


def _deflate(size: int, byte: bytes = b" ") -> bytes:
    """`size` bytes of `byte` (a multiple of a megabyte) as a zlib stream, never held in memory."""
    low = (1 + size * byte[0]) % 65521
    high = (size + byte[0] * (size * (size + 1) // 2)) % 65521
    return b"\x78\xda" + _deflate_blocks(size, byte) + ((high << 16) | low).to_bytes(4, "big")


def _pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF with these numbered objects (bodies as bytes) and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page_objects(contents: bytes, page_extra: bytes = b"") -> dict[int, bytes]:
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        4: contents,
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }


def flate_bomb(broken_checksum: bool = False) -> bytes:
    data = _deflate(2 * GIB)
    if broken_checksum:
        data = data[:-4] + bytes(b ^ 0xFF for b in data[-4:])
    return _pdf(_page_objects(_stream(data, b"/Filter /FlateDecode ")))


def page_tree_cycle() -> bytes:
    return _pdf({1: b"<< /Type /Catalog /Pages 6 0 R >>", 6: b"7 0 R", 7: b"6 0 R"})


def deep_nesting(depth: int = 100_000) -> bytes:
    """A page whose text is shown by an array nested `depth` deep."""
    text = _stream(b"BT /F1 12 Tf 72 720 Td " + b"[" * depth + b"(Plan)" + b"]" * depth + b" TJ ET")
    return _pdf(_page_objects(text))


def many_pages(count: int = 20_000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(count))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        4: _stream(b"BT /F1 12 Tf 72 720 Td (Page) Tj ET"),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for i in range(count):
        objects[10 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                           b"/Resources << /Font << /F1 5 0 R >> >> >>")
    return _pdf(objects)


def _zip(path: Path, members: dict[str, bytes], raw: dict[str, tuple[bytes, int]] | None = None) -> None:
    """A zip file; `raw` members are stored already deflated (bytes, uncompressed size)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    if raw:
        _append_deflated(path, raw)


def _append_deflated(path: Path, members: dict[str, tuple[bytes, int]]) -> None:
    """Add members whose deflated bytes are given (raw deflate, no zlib header), with the size and CRC
    of what they inflate to, without inflating them here."""
    with zipfile.ZipFile(path, "a") as z:
        for name, (data, size) in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 4, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size, info.compress_size = size, len(data)
            info.CRC = _crc_of_spaces(size)
            z.fp.seek(z.start_dir)
            info.header_offset = z.fp.tell()
            z.fp.write(info.FileHeader(zip64=size > 0xFFFFFFFF or None))
            z.fp.write(data)
            z.start_dir = z.fp.tell()
            z.filelist.append(info)
            z.NameToInfo[name] = info
            z._didModify = True


def _crc_of_spaces(size: int) -> int:
    chunk, crc = b" " * (1 << 20), 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return crc


def _raw_deflate(size: int) -> bytes:
    return _deflate_blocks(size, b" ")


CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')


def zip_bomb(path: Path) -> None:
    _zip(path, {"[Content_Types].xml": CONTENT_TYPES},
         {"xl/worksheets/sheet1.xml": (_raw_deflate(2 * GIB), 2 * GIB)})


# "Billion laughs": ten entities, each ten of the one before; &lol9; expands to 3 GB of "lol".
LAUGHS = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
WORD_BOMB = (f'<?xml version="1.0"?><!DOCTYPE w:document [{LAUGHS}]>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>').encode()
SHEET_BOMB = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{LAUGHS}]>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
              '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>').encode()


def entity_bomb(path: Path) -> None:
    _zip(path, {"[Content_Types].xml": WORD_CONTENT_TYPES, "_rels/.rels": WORD_RELATIONSHIPS,
                "word/document.xml": WORD_BOMB})


# What makes a zip a Word document a reader opens (so that the bomb is in what it parses).
WORD_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
    b'+xml"/></Types>')
WORD_RELATIONSHIPS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def long_table(rows: int = 200_000) -> str:
    head = ("○○町DX推進計画\n計画期間 令和6年度から令和10年度まで\n\n第1章 施策\n施策1 窓口のデジタル化\n"
            "スケジュール\n取組\t2024年度\t2025年度\t2026年度\n")
    body = "".join(f"取組{i}\t検討\t導入\t運用\n" for i in range(rows))
    return head + body


BATCH = {  # file name -> what makes it
    "flate_bomb.pdf": lambda p: p.write_bytes(flate_bomb()),
    "flate_bomb_bad_checksum.pdf": lambda p: p.write_bytes(flate_bomb(broken_checksum=True)),
    "page_tree_cycle.pdf": lambda p: p.write_bytes(page_tree_cycle()),
    "deep_nesting.pdf": lambda p: p.write_bytes(deep_nesting()),
    "many_pages.pdf": lambda p: p.write_bytes(many_pages()),
    "zip_bomb.xlsx": zip_bomb,
    "entity_bomb.docx": entity_bomb,
    "long_table.txt": lambda p: p.write_text(long_table(), encoding="utf-8"),
}


def write_batch(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in BATCH.items():
        path = folder / name
        make(path)
        paths.append(path)
    return paths


def run(folder: Path, time_limit: float = 60) -> None:
    """Ingest the batch beside a good plan as issue 30 did (`--time-limit 60`, one document at a time)
    and print each file's line, its seconds, the batch's time and peak worker memory."""
    import sqlite3
    import subprocess
    import time

    good = folder / "good.txt"
    good.write_bytes((Path(__file__).resolve().parent.parent / "raw" / "001_25c05c00f1fb991e.txt").read_bytes())
    db = folder / "hostile.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "keikaku", "ingest", *sorted(str(folder / n) for n in BATCH),
                             str(good), "--db", str(db), "--time-limit", str(time_limit)],
                            capture_output=True, text=True)
    elapsed = time.monotonic() - started
    print(result.stdout + result.stderr)
    conn = sqlite3.connect(db)
    for file, seconds, outcome in conn.execute(
            "select file, (julianday(finished_at) - julianday(started_at)) * 86400, outcome from ingest_log"):
        print(f"{file}: {outcome} in {seconds:.1f} s")
    peak = conn.execute("select peak_worker_memory from ingest_batches").fetchone()[0]
    print(f"batch {elapsed:.0f} s, peak worker memory {peak / 1e6:.0f} MB, "
          f"integrity_check {conn.execute('pragma integrity_check').fetchone()[0]}")


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    for path in write_batch(folder):
        print(f"{path}: {path.stat().st_size:,} bytes")
    if "--run" in sys.argv[2:]:
        run(folder)
