"""Bytes of a text file to text: the encodings read, the reasons given for the others, and line
numbers an editor agrees with."""
import re

import pytest

from conftest import CORPUS, RAW
from pipeline import read_document
from pipeline.decoding import DecodeError, decode_text


@pytest.mark.parametrize("data, expected", [
    ("計画\n施策".encode("utf-8"), ("計画\n施策", "utf-8")),
    ("\ufeff計画".encode("utf-8"), ("計画", "utf-8")),
    ("計画\n施策".encode("cp932"), ("計画\n施策", "shift_jis")),
    ("計画\n施策".encode("utf-16"), ("計画\n施策", "utf-16")),
    # pdftotext's page break and the separators an editor does not break at keep `line` honest
    ("第1章\n\f第2章\u2028本文\x0b続き".encode("utf-8"), ("第1章\n第2章 本文 続き", "utf-8")),
    # found by tests/test_fuzz.py: a form feed between \r and \n must not join two line breaks into one
    ("柴田町\r\f\n\n目次".encode("utf-8"), ("柴田町\n\n\n目次", "utf-8")),
    ("本文\r\nつづき\r終わり".encode("cp932"), ("本文\nつづき\n終わり", "shift_jis")),
    ("計画".encode("utf-8") + "施".encode("utf-8")[:2], "UTF-8 text cut off in the middle of a character"),
    ("計画".encode("cp932") + "施".encode("cp932")[:1], "Shift_JIS text cut off in the middle of a character"),
    (b"\x00\x01\x02binary", "binary data (NUL bytes), not a text file"),
    ("計画".encode("cp932") + b"\x85\x40", "text is neither UTF-8 nor Shift_JIS (CP932)"),
    (b"\xff\xfe\x00\xd8", "text has a UTF-16 byte order mark but is not UTF-16"),
])
def test_decoding(data, expected):
    if isinstance(expected, tuple):
        assert decode_text(data) == expected
    else:
        with pytest.raises(DecodeError, match=re.escape(expected)):
            decode_text(data)


def test_line_numbers_are_the_editors_with_page_breaks():
    """A text converted with pdftotext has a form feed at each page: `line` still counts lines as an
    editor does, so the document reads as without them."""
    text = (RAW / f"{CORPUS[0]}.txt").read_text(encoding="utf-8")
    paged = "\n".join("\f" + line if i % 40 == 0 else line for i, line in enumerate(text.split("\n")))
    assert "\f" in paged
    plain, with_breaks = read_document("plain.txt", text.encode()), read_document("paged.txt", paged.encode())
    assert with_breaks.line_count == plain.line_count
    assert with_breaks.blocks == plain.blocks
