"""Bytes of a text file to str: UTF-8 (with or without BOM), Shift_JIS (CP932), or UTF-16 with a BOM."""
from __future__ import annotations


class DecodeError(ValueError):
    """The bytes are not UTF-8 or Shift_JIS text."""


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # read as UTF-16 before anything else
ENCODINGS = (("utf-8-sig", "UTF-8"), ("cp932", "Shift_JIS"))  # tried in this order
# Characters str.splitlines() breaks a line at but an editor does not: without them `line` is the
# line an editor shows. A form feed (pdftotext's page break, at the start of a line) goes; the
# others become a space.
_NOT_LINE_BREAKS = {ord("\f"): None, **{ord(c): " " for c in "\v\x1c\x1d\x1e\x85\u2028\u2029"}}


def _editor_lines(text: str) -> str:
    """Line breaks as an editor sees them (\r\n, \r, \n) made \n, before anything between a \r and
    a \n is removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_NOT_LINE_BREAKS)


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises DecodeError when no encoding fits."""
    if data.startswith(_UTF16_BOMS):
        try:
            return _editor_lines(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            raise DecodeError("text has a UTF-16 byte order mark but is not UTF-16") from None
    if b"\x00" in data[:4096]:
        raise DecodeError("binary data (NUL bytes), not a text file")
    for encoding, name in ENCODINGS:
        try:
            return _editor_lines(data.decode(encoding)), name.lower()
        except UnicodeDecodeError as e:
            # Valid up to its last character: a file cut off, not a file in another encoding.
            if e.end == len(data) and e.reason in ("unexpected end of data", "incomplete multibyte sequence"):
                raise DecodeError(f"{name} text cut off in the middle of a character (a truncated download?)") \
                    from None
    raise DecodeError("text is neither UTF-8 nor Shift_JIS (CP932)")
