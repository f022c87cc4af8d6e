"""The one home of the marks and year patterns several stages read: arrows, bullets, era and Gregorian
years, range separators. Each module composes its own regular expressions from these, so a new arrow
or bullet a plan prints is taught in one place.
"""
ARROWS = "→⇒➡"
ARROW = f"[{ARROWS}]"
NOT_ARROW = f"[^{ARROWS}]"

# Marks a plan prints before a list item, as every stage reads them ...
BULLETS = "・●○◆◇■□▪•◦"
# ... and marks only the readers take as bullets (a line starting with one is an item of its own).
MORE_BULLETS = "✓✔➢▶►◎"
# What a line may start with before its text: spaces, a Markdown or printed bullet.
LEADING_MARKS = rf"[\s\-－*{BULLETS}]"
# A list item's bullet and the spaces around it, at the start of a line (「・地域情報化推進事業」, 「  • 住民向け…」).
LEADING_BULLET = rf"^\s*[{BULLETS}]\s*"

# Characters Japanese typesetting never puts at the start of a line (行頭禁則, and ン, which starts no
# word): a line that starts with one continues the line before it.
NO_LINE_START = frozenset("、。，．・：；？！）」』】〕〉》ー々ゝゞっゃゅょぁぃぅぇぉッャュョァィゥェォ,.:;?!)]}%")
NO_WORD_START = NO_LINE_START | {"ン"}

DIGIT = "[0-9０-９]"
# An era as plans abbreviate it in tables: 令和5, R5, 平成元, H27 (昭和 is left to pipeline/eras.py).
ERA = "(?:令和|平成|R|H)"
ERA_YEAR = rf"{ERA}\s?(?:{DIGIT}{{1,2}}|元)"
GREGORIAN = "(?:19|20)[0-9]{2}"
# 「㉕4市町村→㉙8市町村」: a circled number from 21 to 50 before a figure is a year of the plan's era.
CIRCLED_YEAR = "[\u3251-\u325F\u32B1-\u32BF]"
# The number of a year column or a dated value: 令和5, R5 or 2023 (年度 and the rest are the caller's).
YEAR = rf"(?:{ERA_YEAR}|{GREGORIAN})"

# The year a figure is dated with: 令和6年度, R10年度末, 令和7年(2025年), 2030(令和12)年度, 2026年度, 令和9年2月, ㉕.
DATED_YEAR = (rf"(?:(?:{ERA_YEAR}(?:\s?[(（][0-9０-９]{{4}}[)）])?|{GREGORIAN}(?:\s?[(（]{ERA_YEAR}[)）])?)"
              r"\s?(?:年度|年)(?:\s?[0-9０-９]{1,2}\s?月)?末?|" + CIRCLED_YEAR + ")")
# What a baseline or goal cell holds when it holds no figure: a note, 不明, 未実施, なし, a dash.
NO_AMOUNT = r"[(（][^()（）]*[)）]|不明|未導入|未実施|なし|無し|[-—－―]"

# Between two dates of a range: 令和5年度～令和8年度, 2023-2026, 令和5年から.
DATE_RANGE_SEPARATOR = r"\s?(?:～|〜|~|－|-|–|—|から)\s?"
# Between two figures of a range: 10～20件 (a dash is a minus sign or a missing value there).
AMOUNT_RANGE_SEPARATOR = r"\s?[～~〜]\s?"

# 「10年後」, 「3年間で」, 「1年当たり415人」: a span of time, not an amount.
SPAN_OF_TIME = r"[0-9０-９]+\s?(?:年|か月|ヶ月|カ月)(?:後|間|以内|前|当たり|あたり)"

# The number before a heading's title, as blocks print it: 「1.現状と課題」, 「(2) 施策の方向」, 「③ 成果指標」.
LEADING_NUMBER = r"^\s*(?:[0-9０-９]{1,2}[.．]|[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[0-9０-９]{1,2}(?=[ \u3000]))\s*"

# Dot leaders between a 目次 entry and its page number (「2. 重点取組事項……4」).
TOC_LEADERS = r"(?:…+|\.{3,}|・{3,}|‥+|[-－―─]{3,})"

__all__ = ["AMOUNT_RANGE_SEPARATOR", "ARROW", "ARROWS", "BULLETS", "CIRCLED_YEAR", "DATED_YEAR", "DATE_RANGE_SEPARATOR", "DIGIT", "ERA",
           "ERA_YEAR", "GREGORIAN", "LEADING_BULLET", "LEADING_MARKS", "LEADING_NUMBER", "MORE_BULLETS", "NOT_ARROW",
           "NO_AMOUNT", "NO_LINE_START", "NO_WORD_START", "SPAN_OF_TIME", "TOC_LEADERS", "YEAR"]
