"""Sentences of body text, and whether one says what the town will do.

A plan's body mixes what is (「…の納付を可能としています」, 「…平成23年度に策定されました」, 「…の総称です」)
with what the town will do (「…の普及促進を図ります」, 「…を検討していきます」, 「・公衆無線LAN整備」).
Only the second is a plan. The difference is in how the sentence ends, which is read from its
SudachiPy words: a verb in the plain non-past (する, 図る, 進めていく) plans; a past (た), a negation,
a progressive or resulting state (ている / ておる), a passive (される), a copula (です / である) or a verb
of being (ある, いる, なる, できる, いう, [sentences] state_verbs) describes. A sentence that ends
in a noun plans when that noun is a task (「…の導入」, 「…整備」; describes_state):
such an item names one action, as a schedule row does (names_an_action).
A sentence that a hard-wrapped text breaks over lines is read whole (`continues`). What an action is
about is told apart from its scene, its setting (action_and_scene) and its means (action_and_means).
"""
from __future__ import annotations

import functools

import regex

from pipeline.japanese import words as sudachi_words
from pipeline.numbering import parse_label
from pipeline.patterns import BULLETS
from pipeline.vocabulary import Words, match_key, match_keys, vocabulary

# A sentence ends at 。 or ．; a bullet starts an item (split_items).
_SENTENCE_END = regex.compile(r"(?<=[。．])")
_TRAILING = regex.compile(r"[\s。．.、，,）)」』】\]]+$")
# A bullet that starts an item: at the start of the text or after a space or line break.
ITEM_BULLET = regex.compile(rf"(?:^|(?<=\s))[{BULLETS}]\s*")


def split_items(text: str) -> list[str]:
    """Items of one line or cell: split at bullets that start an item, never inside a word
    (「申請・届出」, 「印刷・製本・配布」 stay whole)."""
    parts = [p.strip() for p in ITEM_BULLET.split(text)]
    return [p for p in parts if p]


def describes_state(text: str) -> bool:
    """Whether an item describes a state (「機能がある」, 「整備完了」) rather than a task or a problem
    (「差異の検証」, 「検討・実施」, 「RPA化へ取り組む」): tasks end in a word of [statements] task_words,
    in a coordination of them (A・B), or in an intention verb."""
    tokens = [w for w in sudachi_words(text.rstrip("。．. ")) if w[2][0] != "空白"]
    while tokens and (tokens[-1][2][0] == "補助記号" or tokens[-1][1] == "ます" and len(tokens) > 1):
        tokens.pop()  # 「…を推進します」: the polite ending says nothing of what the sentence does
    if not tokens:
        return True
    task_words = match_keys(vocabulary().statements.task_words)
    if tokens[-1][1] in match_keys(vocabulary().statements.intention_verbs):
        return False
    if tokens[-1][1] == "為る" and len(tokens) > 1:  # 「推進する」: the noun before する
        tokens.pop()
    i = len(tokens) - 1
    last = [tokens[i]]
    while i >= 2 and tokens[i - 1][0] == "・":
        i -= 2
        last.append(tokens[i])
    return not any(t[2][0] == "名詞" and match_key(t[0]) in task_words for t in last)


# 「③市ホームページのリニューアル　ウェブアクセシビリティ基準…」: an item's short title, a wide space, and
# what it says of it; the title is an item of its own.
_TITLED_ITEM = regex.compile(r"^(?P<title>[^\s　、。，]{2,25})　+(?P<rest>\S.*)$")


def sentences(text: str) -> list[str]:
    """The sentences and bulleted items of a passage, without their bullets and final stops; an item's
    title printed before a wide space (　) and its explanation are two."""
    found = []
    for piece in _SENTENCE_END.split(text or ""):
        for item in split_items(piece):
            item = _TRAILING.sub("", item)
            titled = _TITLED_ITEM.match(item)
            found.extend(titled.group("title", "rest") if titled else [item] if item else [])
    return found


# A line that starts with one of these starts something of its own: a note in brackets, a tree.
_OWN_START = regex.compile(r"^[\s(（【\[［<＜※*＊│├└┃┣┗─━]")


def continues(before: str, after: str) -> bool:
    """Whether a line of body text continues the sentence of the line printed right before it, as in
    a hard-wrapped text: the first line ends inside a phrase (a particle, a comma: 「…基本操作から」), or
    the next cannot start one (a particle, an auxiliary, する: 「します。」, 「へ取り込み…」), or the next is
    the short rest of the sentence (「決済を可能とします。」 after a longer line). A line that ends a
    sentence, or one that starts with a bullet, a number or a bracket, is not continued."""
    before, after = before.rstrip(), after.strip()
    if not before or not after or before.endswith(("。", "．")) or _OWN_START.match(after) \
            or split_items(after) != [after] or parse_label(after) is not None:
        return False
    last, first = sudachi_words(before)[-1], sudachi_words(after)[0]
    if last[2][0] == "助詞" or last[0] in ("、", "，", ","):
        return True
    if first[2][0] in ("助詞", "助動詞", "接尾辞") or (first[2][0] == "動詞" and first[2][1] == "非自立可能"):
        return True
    return len(after) < len(before) and after.endswith(("。", "．")) and len(sentences(after)) == 1


def _meaningful_words(sentence: str) -> list:
    """The SudachiPy words of a sentence without spaces and punctuation."""
    return [w for w in sudachi_words(sentence) if w[2][0] not in ("空白", "補助記号")]


@functools.lru_cache(maxsize=8192)
def plans_an_action(sentence: str) -> bool:
    """Whether a sentence (or bulleted item) says what the town will do, rather than what is."""
    tokens = _meaningful_words(sentence)
    if not tokens:
        return False
    ending = []  # the auxiliaries and particles after the last word that carries meaning
    while tokens and tokens[-1][2][0] in ("助動詞", "助詞"):
        ending.append(tokens.pop())
    if any(t[1] in vocabulary().sentences.describing_auxiliaries for t in ending):
        return False
    if not tokens:
        return False
    last = tokens[-1]
    if last[2][0] == "動詞":
        # 「実施しています」 ends in いる (a state), 「進めていきます」 in いく (a plan); 「…を意味します」
        # in する after a noun of being.
        verb = tokens[-2] if last[1] == "為る" and len(tokens) > 1 and tokens[-2][2][0] == "名詞" else last
        return verb[1] not in match_keys(vocabulary().sentences.state_verbs)
    if ending:  # 「重要です」, 「可能に」: a noun or adjective with a copula describes
        return False
    if last[2][0] in ("名詞", "接尾辞"):  # an item: 「…の導入」, 「…のオンライン化」 plan; 「整備完了」 describes
        if match_key(last[0]) in match_keys(vocabulary().sentences.state_nouns):
            return False
        return last[2][2] == "サ変可能" or last[0].endswith("化") or not describes_state(sentence)
    return False


def names_an_action(sentence: str) -> bool:
    """Whether a sentence plans an action by naming it with a noun, as an item of a list of what the
    town will do (「情報セキュリティ研修の実施」, 「公衆無線LAN整備」), rather than telling it in a sentence
    (「情報セキュリティ研修を実施します」). Such an item is one action, as a schedule row is."""
    if not plans_an_action(sentence):
        return False
    tokens = _meaningful_words(sentence)
    return tokens[-1][2][0] in ("名詞", "接尾辞")


@functools.lru_cache(maxsize=1)
def _scene_boundary() -> regex.Pattern:
    endings = sorted({w.rstrip("、") for w in vocabulary().sentences.scene_endings}, key=len, reverse=True)
    return regex.compile("(?:" + "|".join(regex.escape(w) for w in endings) + r")\s*、")


@functools.lru_cache(maxsize=2)
def _markers(words: Words) -> regex.Pattern:
    """Marker words ([sentences] setting_markers, means_markers), longest first."""
    markers = sorted(set(words), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in markers))


# Where the phrase a setting marker closes begins: after a comma or a particle that ends a phrase.
_PHRASE_START = regex.compile(r"[、，,をがは](?=[^、，,をがは]*$)")
_COMMAS = "、，,"


def _phrase_start(before: str) -> int:
    """Where the phrase that ends at a setting marker starts in the text before the marker: after the
    last comma or particle that ends a phrase, and before the nouns the phrase lists with it (「企業、
    学校、高齢者施設等への」)."""
    start = _PHRASE_START.search(before)
    start = start.end() if start else 0
    while start and before[start - 1] in _COMMAS:
        earlier = _PHRASE_START.search(before[:start - 1])
        listed = before[earlier.end() if earlier else 0:start - 1]
        tokens = [t for t in sudachi_words(listed) if t[2][0] != "補助記号"]
        if not tokens or any(t[2][0] not in ("名詞", "接頭辞", "接尾辞") for t in tokens):
            break
        start = earlier.end() if earlier else 0
    return start


def _last_marker(action: str, markers: Words) -> regex.Match | None:
    """The last of the `markers` in an action that is a run of whole words (「窓口での」, not
    the で of 「通知までの」)."""
    bounds, at = {0}, 0
    for surface, _norm, _pos in sudachi_words(action):
        start = action.find(surface, at)  # words() leaves out spaces
        if start < 0:
            continue
        at = start + len(surface)
        bounds.update((start, at))
    found = None
    for marker in _markers(markers).finditer(action):
        if marker.start() in bounds and marker.end() in bounds:
            found = marker
    return found


def action_and_scene(text: str) -> tuple[str, str]:
    """(the action, its scene) of a sentence that plans one, or of an item (a schedule row): the scene
    is everything up to the end of its last scene-setting clause (「…を図るため、」, 「…の中で、」;
    [sentences] scene_endings), and the phrase that names the setting of the action (「観光防災拠点
    などへの」 in 「観光防災拠点などへの公衆無線LAN整備」; [sentences] setting_markers)."""
    last = None
    for last in _scene_boundary().finditer(text):
        pass
    action, scene = (text, "") if last is None else (text[last.end():].strip(), text[:last.end()])
    action, setting = _without_phrase(action, vocabulary().sentences.setting_markers)
    return action, scene + setting


def action_and_means(action: str) -> tuple[str, str]:
    """(the action without its means, the means) of an action: the phrase that ends at its last
    [sentences] means_markers word (「マイナンバーカードを用いた」 in 「マイナンバーカードを用いたオンライン
    手続」), or (action, "") when it has none. Whether the means is the action's subject depends on the
    topics the two parts name (pipeline/topic_mapping.py)."""
    return _without_phrase(action, vocabulary().sentences.means_markers)


def _without_phrase(action: str, markers: Words) -> tuple[str, str]:
    """(the action without the phrase that ends at its last of the `markers`, the phrase)."""
    marker = _last_marker(action, markers)
    if marker is None:
        return action, ""
    start = _phrase_start(action[:marker.start()])
    return action[:start] + action[marker.end():], action[start:marker.end()]


__all__ = ["action_and_means", "action_and_scene", "continues", "names_an_action", "plans_an_action", "sentences"]
