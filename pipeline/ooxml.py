"""Checks shared by the Word and Excel readers before their library opens the file.

.docx and .xlsx files are zip archives of XML parts. Before python-docx or openpyxl sees one, it must
be a zip at all (not an encrypted or old binary Office file, which are OLE compound files), whole, and
not a zip bomb: the sizes the archive declares are added up before anything is decompressed, all the
parts' and those of the XML the library will hold as a tree.
"""
from __future__ import annotations

import io

from pipeline.errors import ReadError

# Decompressed bytes of all parts of one archive; a real plan of a few hundred pages is a few MB.
MAX_UNZIPPED_SIZE = 200_000_000
MAX_PARTS = 10_000
# Decompressed bytes of the XML the library builds a tree of (the body of a Word file, the sheets and
# their strings of a workbook): some tens of times as much memory again.
MAX_CONTENT_SIZE = 50_000_000
_CONTENT_PARTS = {"Word": ("word/document.xml",), "Excel": ("xl/worksheets/", "xl/sharedStrings.xml")}

# An OLE compound file (Office 97–2003 .doc / .xls, and Office's password-encrypted .docx / .xlsx).
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def open_archive(data: bytes, kind: str, main_part: str):
    """The zip of a .docx / .xlsx (`kind`), checked; ReadError with one line when it cannot be read.

    `main_part` is the part every file of the kind has (word/document.xml, xl/workbook.xml).
    """
    import zipfile  # here: reading a text or a PDF does not need it

    new_suffix = {"Word": ".docx", "Excel": ".xlsx"}[kind]
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise ReadError(f"password-protected {kind} file (encrypted): open it in {kind}, remove the password "
                            f"and save it again")
        raise ReadError(f"an old binary {kind} file (Office 97–2003 format): open it in {kind} and save as "
                        f"{new_suffix}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
        raise ReadError(f"corrupt {kind} file: not a readable zip archive ({e})") from None
    if len(parts) > MAX_PARTS:
        raise ReadError(f"{kind} file of {len(parts):,} parts (the limit is {MAX_PARTS:,}): not a plan document")
    unzipped = sum(p.file_size for p in parts)
    if unzipped > MAX_UNZIPPED_SIZE:
        raise ReadError(f"{kind} file unzips to {unzipped / 1e6:,.0f} MB (the limit is "
                        f"{MAX_UNZIPPED_SIZE / 1e6:,.0f} MB): a zip bomb or not a plan document")
    content = sum(p.file_size for p in parts if p.filename.startswith(_CONTENT_PARTS[kind]))
    if content > MAX_CONTENT_SIZE:
        raise ReadError(f"{kind} file whose text unzips to {content / 1e6:,.0f} MB (the limit is "
                        f"{MAX_CONTENT_SIZE / 1e6:,.0f} MB): too large for a plan document")
    names = {p.filename for p in parts}
    if main_part not in names:
        raise ReadError(f"not a {kind} file: the zip has no {main_part}")
    bad = archive.testzip()  # reads every part once: bounded by the sizes checked above
    if bad is not None:
        raise ReadError(f"corrupt {kind} file: part {bad} is damaged")
    return archive


def refuse_binary(kind: str, new_suffix: str):
    """A reader for an old binary format (.doc, .xls): always the one-line advice to save it anew."""
    def reader(path, data: bytes, settings=None):
        raise ReadError(f"{path.suffix.lower()} is the old binary {kind} format, which Keikaku does not read: "
                        f"open it in {kind} and save as {new_suffix}")
    return reader


def damaged(kind: str, error: Exception) -> ReadError:
    """The one-line error of a part the library could not parse; an XML entity bomb (entities that
    expand past the parser's limit, "billion laughs") is named as one."""
    message = str(error).lower()
    if "amplification" in message or "entity" in message and "loop" in message:
        return ReadError(f"{kind} file whose XML defines entities that expand past the parser's limit "
                         f"(an XML entity bomb?)")
    return ReadError(f"corrupt {kind} file ({type(error).__name__}: {error})".replace("\n", " ")[:200])
