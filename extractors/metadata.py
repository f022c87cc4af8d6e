"""metadata: municipality, prefecture, plan title, plan period (fiscal years) and cover dates."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import regex

from extractors.result import Extraction
from pipeline.eras import ERA_YEAR, find_fiscal_year_ranges, parse_fiscal_year
from pipeline.model import Block, Document
from pipeline.prefectures import PREFECTURES
from pipeline.records import Metadata
from pipeline.vocabulary import leading_field, match_key, match_keys, vocabulary, without_number

if TYPE_CHECKING:
    from extractors.context import ExtractionContext

_MUNICIPALITY = regex.compile(r"(?:第.{1,3}次)?(?P<name>[\p{Han}\p{Hiragana}\p{Katakana}ヶケ]{1,6}?[市町村区])")
_MUNICIPALITY_IN_TEXT = regex.compile(r"(?<![\p{Han}])(?P<name>\p{Han}{2,4}[市町村])(?!民|長|内|外|議|立|営|域|有|政)")
_NOT_A_MUNICIPALITY = {"市町村", "区市町村", "市区町村", "都道府県", "近隣市町", "各市町村"}
_IN_BRACKETS = regex.compile(r"[（(][^（）()]*[）)]")
_SENTENCE_END = regex.compile(r"(?<=。)")
_DATED_EVENT = regex.compile(rf"(?P<date>{ERA_YEAR.pattern}|[0-9]{{4}}年\s?[0-9]{{1,2}}月)\s?(?P<event>策定|一部改定|改定|改訂|一部改訂)")


def _cover(doc: Document) -> list[Block]:
    """Blocks before the first heading, table or 目次: the cover page."""
    cover = []
    for block in doc.blocks:
        if block.kind in ("heading", "table") or block.text.replace(" ", "") in ("目次", "目\u3000次"):
            break
        cover.append(block)
    return cover[:15]


def _field(cover: list[Block], names: tuple[str, ...]) -> tuple[Block, str] | None:
    """(block, value) of the cover line 「計画名：…」 whose field is one of names."""
    for block in cover:
        field = leading_field(block.text)
        if field and field[0] in names:
            return block, field[1]
    return None


def is_cover_field(text: str) -> bool:
    """A line 「計画名：…」, 「団体名：…」 naming the plan or its body."""
    field = leading_field(text)
    return bool(field) and field[0] in vocabulary().metadata.title_fields + vocabulary().metadata.body_fields


# What a cover prints after the plan's name: 「（案）」, 「（概要版）」, 「【概要版】」, 「（令和6年度～令和9年度）」.
_TRAILING_NOTE = regex.compile(r"(?:\s*[(（【〔][^()（）【】〔〕]{1,20}[)）】〕])+$")


def _title(cover: list[Block]) -> Block | None:
    plan_words = vocabulary().metadata.plan_words
    named = _field(cover, vocabulary().metadata.title_fields)
    if named:
        return Block(named[0].kind, named[1], named[0].line, named[0].page)
    for block in cover:
        text = _TRAILING_NOTE.sub("", block.text.strip()).strip()
        if len(text) <= 40 and any(text.endswith(w) for w in plan_words):
            return block
    return None


def _municipality(title: str | None, text: str) -> str | None:
    if title:
        m = _MUNICIPALITY.match(title)
        if m:
            return m.group("name")
    counts = Counter(m.group("name") for m in _MUNICIPALITY_IN_TEXT.finditer(text)
                     if m.group("name") not in _NOT_A_MUNICIPALITY)
    return counts.most_common(1)[0][0] if counts else None


def _prefecture(text: str, municipality: str | None) -> str | None:
    """Stated (an address) or implied (mentions outside example lists, a 県 plan named みやぎ…)."""
    address = regex.search(r"住所\s*[:：]?\s*(\S+?[都道府県])", text)
    if address and any(address.group(1) == name for name, _ in PREFECTURES):
        return address.group(1)
    outside = _IN_BRACKETS.sub("", text)
    counts: Counter = Counter()
    for name, reading in PREFECTURES:  # a name not in the text is not looked for (most are not)
        if name in outside:
            counts[name] += len(regex.findall(rf"{name}(?!\p{{Han}}{{1,4}}[市町村])", outside))
        if municipality and name in text:
            counts[name] += 3 * len(regex.findall(rf"{name}\S{{0,6}}{municipality}", text))
        if f"「{reading}" in text:
            counts[name] += len(regex.findall(rf"「{reading}(?=[\p{{Katakana}}\p{{Han}}])", text))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _under_period_heading(doc: Document) -> tuple[int, int] | None:
    """The range of years in the line under a heading 「計画期間」 (「2 計画期間」 / 「令和5年度から令和9年度まで…」)."""
    headings = match_keys(vocabulary().metadata.period_headings)
    blocks = [b for b in doc.blocks if b.kind != "rule"]
    for block, following in zip(blocks, blocks[1:]):
        if block.kind != "table" and match_key(without_number(block.text)) in headings and following.kind != "table":
            ranges = find_fiscal_year_ranges(following.text)
            if ranges:
                return ranges[0][0], ranges[0][1]
    return None


def _period(doc: Document, cover: list[Block], era: str | None) -> tuple[int | None, int | None, str | None]:
    own_words = vocabulary().metadata.own_period_words
    for block in doc.blocks:
        if block.kind == "table":
            continue
        for sentence in _SENTENCE_END.split(block.text):
            if any(w in sentence for w in own_words):
                ranges = find_fiscal_year_ranges(sentence)
                if ranges:
                    return ranges[0][0], ranges[0][1], "stated"
    headed = _under_period_heading(doc)
    if headed is not None:
        return headed[0], headed[1], "stated"
    for block in cover:
        ranges = find_fiscal_year_ranges(block.text)
        if ranges:
            return ranges[0][0], ranges[0][1], "cover"
    years = set()
    for block in doc.blocks:
        if block.kind == "table":
            header = [c for c in block.rows[0].cells if c and len(c) <= 24]
            found = [parse_fiscal_year(c, era) for c in header]
            found = [y for y in found if y]
            if len(found) >= 2:
                years.update(found)
    if years:
        return min(years), max(years), "schedule"
    return None, None, None


def extract_metadata(ctx: ExtractionContext) -> Extraction:
    doc = ctx.doc
    result = Extraction()
    cover = _cover(doc)
    title_block = _title(cover)
    title = title_block.text if title_block else None
    full_text = "\n".join(b.text for b in doc.blocks)
    body = _field(cover, vocabulary().metadata.body_fields)
    if body:
        # 「団体名：神奈川県川崎市」 names the body (「静岡県伊豆の国市」: kana too); a prefecture's own plan names
        # no municipality.
        named = [n for n in regex.findall(r"[\p{Han}\p{Hiragana}\p{Katakana}ヶケー]{1,6}?[市町村区](?![\p{Han}])",
                                          _IN_BRACKETS.sub("", regex.sub(r"^\S{2,3}[都道府県]", "", body[1])))
                 if n not in _NOT_A_MUNICIPALITY]
        municipality = named[-1] if named else None
        full_text = body[1] + "\n" + full_text
    else:
        municipality = _municipality(title, full_text)
    start, end, period_source = _period(doc, cover, ctx.era)
    events = [m.group(0) for b in cover for m in _DATED_EVENT.finditer(b.text)]
    if title is None:
        result.warn("metadata", "no plan title on a cover page")
    if municipality is None:
        result.warn("metadata", "no municipality named")
    result.records.metadata.append(Metadata(
        municipality=municipality,
        prefecture=_prefecture(full_text, municipality),
        title=title,
        title_line=title_block.line if title_block else None,
        period_start_fy=start,
        period_end_fy=end,
        period_source=period_source,
        dated_events=events,
        is_draft=any(regex.fullmatch(r"[(（]案[)）]", b.text.strip()) for b in cover),
    ))
    return result
