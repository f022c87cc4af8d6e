"""PDF -> Document through pdfplumber: page text as lines, pages as provenance.

This is the first, text-only reader (tables come through as lines); the full reader with
pdfplumber's table finder is its own piece of work.
"""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from pipeline.model import Document
from pipeline.text_reader import read_text


def read_pdf(path: Path, data: bytes) -> Document:
    from pipeline import ReadError

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not data.startswith(b"%PDF"):
        raise ReadError("not a PDF (no %PDF header)")
    blocks = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = page.dedupe_chars().extract_text() or ""
                page_doc = read_text(text, source=path.name)
                blocks.extend(replace(b, line=None, page=number,
                                      rows=tuple(replace(r, line=None, page=number) for r in b.rows))
                              for b in page_doc.blocks)
                page.close()
    except PDFPasswordIncorrect:
        raise ReadError("encrypted PDF") from None
    except ReadError:
        raise
    except Exception as e:  # pdfminer raises many types for broken files
        raise ReadError(f"broken or truncated PDF ({type(e).__name__})") from None
    if not any(b.text.strip() for b in blocks):
        raise ReadError("PDF has no text layer (needs OCR)")
    return Document(source=path.name, source_format="pdf", blocks=blocks)
