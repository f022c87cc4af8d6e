"""Word's automatic numbering, printed as Word prints it: 「第1章」「(1)」「①」「ア」「1-2」.

python-docx gives a paragraph's text without the number Word puts before it, and a plan's chapters,
measures and lists are numbered so in Word: the number is the label the extractors read. A paragraph is
numbered by its own numbering properties or by its style's (a heading style tied to a list); each list
level has a start, a format (decimal, decimalFullWidth, decimalEnclosedCircle, aiueo, iroha,
japaneseCounting, upperRoman …) and a text such as 「第%1章」 in which %1 … %9 are the levels' numbers.
Counters belong to the abstract list a numbering refers to; a numbering that overrides a start restarts
it. Bullets are told apart (their mark is no label).
"""
from __future__ import annotations

from dataclasses import dataclass

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = [chr(0x2460 + i) for i in range(20)] + [chr(0x3251 + i) for i in range(15)] + \
    [chr(0x32B1 + i) for i in range(15)]
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_AIUEO_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン"
_KANJI_DIGITS = "〇一二三四五六七八九"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """A … Z, then AA, BB … as Word counts."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _kanji(n: int) -> str:
    if n < 10:
        return _KANJI_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _KANJI_DIGITS[tens]) + "十" + (_KANJI_DIGITS[ones] if ones else "")
    return str(n)


def _nth(sequence: str | list, n: int) -> str:
    return sequence[n - 1] if 1 <= n <= len(sequence) else str(n)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": lambda n: _nth(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _nth(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _nth([chr(0x2474 + i) for i in range(20)], n),
    "decimalEnclosedFullstop": lambda n: _nth([chr(0x2488 + i) for i in range(20)], n),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "aiueoFullWidth": lambda n: _nth(_AIUEO, n),
    "aiueo": lambda n: _nth(_AIUEO_HALF, n),
    "irohaFullWidth": lambda n: _nth(_IROHA, n),
    "iroha": lambda n: _nth(_IROHA, n),
    "japaneseCounting": _kanji,
    "ideographTraditional": lambda n: _nth("甲乙丙丁戊己庚辛壬癸", n),
    "none": lambda n: "",
}


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    text: str | None  # None: no lvlText (nothing printed)
    legal: bool  # isLgl: every level's number in decimal
    style: str | None  # the paragraph style tied to this level
    suffix: str  # what follows the number: a tab (printed as a space), a space, or nothing


@dataclass(frozen=True)
class Number:
    """What Word prints before a paragraph: its label (「第1章」, 「①」), or a bullet."""

    text: str
    bullet: bool
    level: int
    suffix: str = " "

    def before(self, text: str) -> str:
        """The paragraph's text as printed: the number, then the text."""
        return self.text + self.suffix + text if self.text and not self.bullet else text


def _value(element, tag: str) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    return child.get(_W + "val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _levels(element) -> dict[int, _Level]:
    levels = {}
    for lvl in element.iter(_W + "lvl"):
        ilvl = _int(lvl.get(_W + "ilvl"), 0)
        levels[ilvl] = _Level(start=_int(_value(lvl, "start"), 1), format=_value(lvl, "numFmt") or "decimal",
                              text=_value(lvl, "lvlText"), legal=lvl.find(_W + "isLgl") is not None,
                              style=_value(lvl, "pStyle"),
                              suffix="" if _value(lvl, "suff") == "nothing" else " ")
    return levels


class Numbering:
    """The numbering of one Word document, counted paragraph by paragraph in reading order."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}  # numId -> abstract, starts, levels
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(_W + "abstractNum"):
            self.abstract[abstract.get(_W + "abstractNumId")] = _levels(abstract)
        for num in root.iter(_W + "num"):
            starts, levels = {}, {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0)
                start = _value(override, "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start, 1)
                levels.update(_levels(override))
            self.nums[num.get(_W + "numId")] = (_value(num, "abstractNumId"), starts, levels)

    def _num_properties(self, paragraph) -> tuple[str, int | None] | None:
        """(numId, ilvl) from the paragraph's properties, else from its style's (nearest first)."""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(_W + "numPr") if p_pr is not None else None
        if num_pr is not None and _value(num_pr, "numId") is not None:
            ilvl = _value(num_pr, "ilvl")
            return _value(num_pr, "numId"), _int(ilvl, 0) if ilvl is not None else None
        try:
            style = paragraph.style
        except (KeyError, ValueError):
            return None
        for _ in range(10):
            if style is None:
                return None
            s_pr = style.element.find(_W + "pPr")
            num_pr = s_pr.find(_W + "numPr") if s_pr is not None else None
            if num_pr is not None and _value(num_pr, "numId") is not None:
                ilvl = _value(num_pr, "ilvl")
                return _value(num_pr, "numId"), _int(ilvl, 0) if ilvl is not None else None
            style = style.base_style
        return None

    def number(self, paragraph) -> Number | None:
        """The number Word prints before this paragraph (counting it), or None."""
        found = self._num_properties(paragraph)
        if found is None or found[0] == "0" or found[0] not in self.nums:
            return None
        num_id, ilvl = found
        abstract_id, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        if ilvl is None:  # a style tied to a list: the level that names the style
            style_id = paragraph._p.pPr.find(_W + "pStyle") if paragraph._p.pPr is not None else None
            style_id = style_id.get(_W + "val") if style_id is not None else None
            ilvl = next((i for i, level in levels.items() if style_id and level.style == style_id), 0)
        if ilvl not in levels:
            return None
        level = levels[ilvl]
        counters = self._count(abstract_id, num_id, starts, ilvl, level)
        if level.format == "bullet":
            return Number(level.text or "", True, ilvl, level.suffix)
        return Number(_shown(level, levels, counters), False, ilvl, level.suffix)

    def _count(self, abstract_id, num_id, starts: dict, ilvl: int, level) -> dict:
        """The counters of a list after counting a paragraph at level `ilvl`: the list's start values on
        its first paragraph, the level counted on, the levels below it begun again."""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for start_level, start in starts.items():
                counters[start_level] = start - 1
                for deeper in [d for d in counters if d > start_level]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            del counters[deeper]
        return counters


def _shown(level, levels: dict, counters: dict) -> str:
    """A level's number text with each %k put as level k-1 shows its counter (decimal where the level is
    legal numbering)."""
    text = level.text or ""
    for k in range(9, 0, -1):  # %10 does not exist; from the top so that %1 does not eat %1x
        if f"%{k}" not in text:
            continue
        shown = levels.get(k - 1)
        value = counters.get(k - 1, shown.start if shown else 1)
        fmt = "decimal" if level.legal or shown is None else shown.format
        text = text.replace(f"%{k}", FORMATS.get(fmt, str)(value))
    return text
