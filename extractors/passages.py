"""passages: the text of each section's body, one record per paragraph, list item, note or table row,
as printed (what the search index reads besides the structured records).

`block` is the role (a key of vocabulary.toml [blocks]: content, current_state, schedule …) of the
block of the body a passage belongs to: the block word on its own line before it (【施策内容】), at
its start (「取組内容 町民が…」) or in its table row's first cell (実施内容 | …). A block runs until
the next block word, heading, note, rule or table (where statements end too); a table right after 【スケジュール】 or 目標 (TABLE_ROLES) is
that block's, and a table row whose first cell is a block word is in that block. Text before any
block word, or after the end of one, has no block.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.dated_steps import step_runs
from extractors.result import Extraction
from extractors.sections import measure_of
from pipeline.model import Block
from pipeline.records import Passage
from pipeline.vocabulary import block_role, leading_block_role

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

# Blocks printed as a table right after their word; a table after any other block word (現状 with
# nothing under it on a slide) or after a block's text is not that block's.
TABLE_ROLES = ("schedule", "target")


def passages_in_body(body: list[Block]) -> list[tuple[str, str, str | None, int | None, int | None]]:
    """(kind, text, block role, line, page) of each passage of a section's body."""
    found = []
    current = None  # the role of the block open at this point
    opened = False  # whether the block word came right before: a table there is the block's own
    steps = {id(step.block) for run in step_runs(body) for step in run}  # 「H25:設計」 lines: a schedule
    for block in body:
        if block.kind == "heading":
            current, opened = block_role(block.text), True
        elif block.kind in ("note", "rule"):  # a footnote or a rule ends a block, as for statements
            current, opened = None, False
            if block.kind == "note" and block.text.strip():
                found.append((block.kind, block.text.strip(), None, block.line, block.page))
        elif block.kind in ("paragraph", "list_item") and block.text.strip():
            current, opened = _line_role(block.text.strip(), current)
            role = "schedule" if id(block) in steps else current
            found.append((block.kind, block.text.strip(), role, block.line, block.page))
        elif block.kind == "table":
            found.extend(_table_passages(block, current if opened and current in TABLE_ROLES else None))
            current, opened = None, False
    return found


def _line_role(text: str, current: str | None) -> tuple[str | None, bool]:
    """The block open after a line, and whether the line was its block word alone."""
    leading = leading_block_role(text)
    role = block_role(text) or (leading[0] if leading else None)
    return role or current, role is not None and not leading


def _table_passages(table: Block, table_block: str | None) -> list[tuple[str, str, str | None, int | None, int | None]]:
    """A table's rows, each in the block its first cell names, or in the block the table belongs to."""
    found = []
    for row in table.rows:
        cells = [c.strip() for c in row.non_empty()]
        if cells:
            own = block_role(cells[0]) if len(cells) > 1 else None
            found.append(("table_row", "\t".join(cells), own or table_block, row.line, row.page))
    return found


def extract_passages(ctx: ExtractionContext) -> Extraction:
    result = Extraction()
    found = []
    for s in ctx.sections:
        measure_seq = measure_of(s, ctx.measures)
        for kind, text, role, line, page in passages_in_body(s.body(ctx.doc.blocks)):
            found.append((s.seq, measure_seq, kind, text, role, line, page))
    for seq, (section_seq, measure_seq, kind, text, role, line, page) in enumerate(found, start=1):
        result.records.passages.append(Passage(seq=seq, section_seq=section_seq, measure_seq=measure_seq,
                                               kind=kind, text=text, block=role, line=line, page=page))
    return result
