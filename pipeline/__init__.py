"""Readers: a plan file (text, PDF, web page, Word, Excel) -> one Document model with its provenance."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.decoding import DecodeError, decode_text
from pipeline.errors import ReadError
from pipeline.model import Block, Document, Row
from pipeline.ooxml import refuse_binary
from pipeline.settings import resolve_settings

if TYPE_CHECKING:
    from pipeline.text_reader import TextReaderSettings


@dataclass(frozen=True)
class ReaderSettings:
    """Settings of every reader: `text` (how lines are told apart) for texts, web pages, Word and Excel;
    `pdf` for PDFs (pipeline.pdf_reader.PdfReaderSettings or a dict of its fields, resolved when a PDF is
    read, so that pdfplumber is imported only then)."""

    text: TextReaderSettings | dict | None = None
    pdf: Any = None

    def __post_init__(self):
        from pipeline.text_reader import TextReaderSettings

        object.__setattr__(self, "text", TextReaderSettings.resolve(self.text))

    @classmethod
    def resolve(cls, settings: "ReaderSettings | dict | None") -> "ReaderSettings":
        return resolve_settings(cls, settings)


# A page dumped from a PDF may stand on one line of a few thousand characters; a line of hundreds of
# thousands is a file whose line breaks were lost, which no heading or table can be read from.
MAX_LINE_LENGTH = 200_000


def _read_txt(path: Path, data: bytes, settings: ReaderSettings) -> Document:
    try:
        text, _encoding = decode_text(data)
    except DecodeError as e:
        raise ReadError(str(e)) from None
    if not text.strip():
        raise ReadError("empty file")
    lines = text.splitlines()
    longest = max(lines, key=len, default="")
    if len(longest) > MAX_LINE_LENGTH:
        raise ReadError(f"a line of {len(longest):,} characters: not a text rendering of a plan "
                        "(line breaks lost?)")
    from pipeline.text_reader import read_text

    return read_text(text, source=path.name, settings=settings.text)


def _read_pdf(path: Path, data: bytes, settings: ReaderSettings) -> Document:
    from pipeline.pdf_reader import read_pdf

    return read_pdf(path, data, settings.pdf)


def _read_html(path: Path, data: bytes, settings: ReaderSettings) -> Document:
    from pipeline.html_reader import read_html

    return read_html(path, data, settings.text)


def _read_docx(path: Path, data: bytes, settings: ReaderSettings) -> Document:
    from pipeline.docx_reader import read_docx

    return read_docx(path, data, settings.text)


def _read_xlsx(path: Path, data: bytes, settings: ReaderSettings) -> Document:
    from pipeline.xlsx_reader import read_xlsx

    return read_xlsx(path, data, settings.text)


# Old binary formats: a reader that says how to save the file anew.
_REFUSED = {".doc": refuse_binary("Word", ".docx"), ".xls": refuse_binary("Excel", ".xlsx")}
# The one table of readers, by suffix.
READERS = {".txt": _read_txt, ".text": _read_txt, ".pdf": _read_pdf, ".html": _read_html, ".htm": _read_html,
           ".docx": _read_docx, ".xlsx": _read_xlsx, **_REFUSED}
READABLE = tuple(suffix for suffix in READERS if suffix not in _REFUSED)
# A file whose content is of another readable type than its suffix says is read as its content: the
# first bytes of a PDF; a zip holding the main part of a Word or Excel file (in its central directory).
_CONTENT = [(lambda data: data.startswith(b"%PDF-"), ".pdf"),
            (lambda data: data.startswith(b"PK") and b"word/document.xml" in data[-65_536:], ".docx"),
            (lambda data: data.startswith(b"PK") and b"xl/workbook.xml" in data[-65_536:], ".xlsx")]


def reader_suffix(path: Path, data: bytes) -> str:
    """The suffix whose reader reads the file: its content's type when recognised, else its own."""
    return next((suffix for test, suffix in _CONTENT if test(data)), path.suffix.lower())


def read_document(path: str | Path, data: bytes | None = None,
                  settings: ReaderSettings | dict | None = None) -> Document:
    """Read one file with the reader for its type. Raises ReadError with a one-line reason."""
    settings = ReaderSettings.resolve(settings)
    path = Path(path)
    if path.suffix.lower() not in READERS:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'}: use {', '.join(READABLE)}")
    if data is None:
        data = path.read_bytes()
    if not data:
        raise ReadError("empty file")
    return READERS[reader_suffix(path, data)](path, data, settings)


def __getattr__(name: str):
    # The text reader (and the language layer under it) is imported when first used, so that a command
    # that only needs READERS or ReadError (an ingest whose files are all loaded already) starts fast.
    if name in ("read_text", "TextReaderSettings"):
        from pipeline import text_reader

        return getattr(text_reader, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


__all__ = ["Block", "Document", "READABLE", "READERS", "ReadError", "ReaderSettings", "Row", "read_document",
           "read_text"]
