"""passages: the text of each section's body, one record per paragraph, list item, note or table row,
as printed (what the search index reads besides the structured records)."""
from __future__ import annotations

from extractors.result import Extraction
from extractors.sections import measure_of, outline
from pipeline.model import Document

TEXT_KINDS = ("paragraph", "list_item", "note")


def extract_passages(doc: Document, toc_entries: list[dict], measures: list[dict]) -> Extraction:
    result = Extraction()
    found = []
    for s in outline(doc, toc_entries):
        measure_seq = measure_of(s, measures)
        for block in s.body(doc.blocks):
            if block.kind in TEXT_KINDS and block.text.strip():
                found.append((s.seq, measure_seq, block.kind, block.text.strip(), block.line, block.page))
            elif block.kind == "table":
                for row in block.rows:
                    if row.non_empty():
                        text = "\t".join(c.strip() for c in row.non_empty())
                        found.append((s.seq, measure_seq, "table_row", text, row.line, row.page))
    for seq, (section_seq, measure_seq, kind, text, line, page) in enumerate(found, start=1):
        result.add("passages", {"seq": seq, "section_seq": section_seq, "measure_seq": measure_seq,
                                "kind": kind, "text": text, "line": line, "page": page})
    return result
