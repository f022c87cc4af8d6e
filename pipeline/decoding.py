"""Bytes of a text file to str: UTF-8 (with or without BOM) or Shift_JIS (CP932)."""
from __future__ import annotations


class DecodeError(ValueError):
    """The bytes are not UTF-8 or Shift_JIS text."""


ENCODINGS = ("utf-8-sig", "cp932")


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises DecodeError when no encoding fits."""
    if b"\x00" in data[:4096]:
        raise DecodeError("binary data (NUL bytes), not a text file")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8" if encoding == "utf-8-sig" else "shift_jis"
    raise DecodeError("text is neither UTF-8 nor Shift_JIS (CP932)")
