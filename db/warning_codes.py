"""A stable code and a Japanese message for each warning an extractor gives (extractors write English, which
the goldens keep): table `warnings` stores both beside the English `message`."""
from __future__ import annotations

import re

# (code, pattern of the English message, Japanese message from the pattern's groups), first match wins.
CODES: list[tuple[str, re.Pattern, str]] = [(code, re.compile(pattern, re.S), ja) for code, pattern, ja in [
    ("not_a_department", r"not a department name in (?P<measure>.*): (?P<piece>.*)",
     "{measure}：担当課の欄の「{piece}」は部署名ではありません"),
    ("overview_number_differs", r"(?P<where>.*) numbers (?P<title>.*) as (?P<label>\S+), the body as (?P<body>\S+)",
     "{where}では「{title}」の番号が {label}、本文では {body} です"),
    ("overview_title_differs", r"(?P<where>.*) titles (?P<label>.*) 「(?P<title>.*)」, the body 「(?P<body>.*)」",
     "{where}では {label} の名称が「{title}」、本文では「{body}」です"),
    ("no_measures", r"(?P<n>\d+) lines are block words of a plan .* but no measure was found",
     "計画の見出し語（現状・目標・担当課 …）が {n} 行ありますが、施策が見つかりません"),
    ("no_title", r"no plan title on a cover page", "表紙に計画の名称がありません"),
    ("no_municipality", r"no municipality named", "自治体名が書かれていません"),
    ("cell_outside_columns", r"schedule row (?P<item>.*): 「(?P<text>.*)」 lies outside the table's columns.*",
     "スケジュール「{item}」：「{text}」は表の列の外にあり、保存していません（列より値が多い）"),
    ("row_without_item", r"schedule row 「(?P<text>.*)」 belongs to no item",
     "スケジュールの行「{text}」はどの項目にも属しません"),
    ("numbers_together", r"schedule row (?P<item>.*): numbers 「(?P<label>.*)」 printed together.*",
     "スケジュール「{item}」：番号「{label}」が並んでいます（改定版で消した番号と新しい番号）"),
    ("revision_note", r"schedule row (?P<item>.*): the title carries a revision note",
     "スケジュール「{item}」：項目名に改定の注記があります"),
    ("row_without_cells", r"schedule row (?P<item>.*): no text in any year column",
     "スケジュール「{item}」：どの年度の欄にも文字がありません"),
    ("steps_run_together", r"schedule cell (?P<item>.*) (?P<year>\d{4})年度 「(?P<text>.*)」: steps printed without a "
                           r"separator \((?P<runs>.*)\).*",
     "スケジュール「{item}」{year}年度「{text}」：区切りのない段階（{runs}。改定版で消した文字と新しい文字）"),
    ("status_unclassified", r"schedule cell (?P<item>.*) (?P<year>\d{4})年度 「(?P<text>.*)」: no word in the status.*",
     "スケジュール「{item}」{year}年度「{text}」：状態の語彙にない語です（未分類）"),
    ("schedule_outside_measure", r"schedule table outside any measure", "どの施策にも属さないスケジュール表です"),
]]


def describe(message: str) -> tuple[str, str]:
    """(code, Japanese message) of an extractor's warning; ('other', the message) for one not in CODES."""
    for code, pattern, ja in CODES:
        found = pattern.fullmatch(message)
        if found:
            return code, ja.format(**found.groupdict())
    return "other", message
