"""Sentence spans aware of Arabic punctuation, quotations and abbreviations.

``split_sentences(text)`` returns ``(start, end)`` spans into the original text, whitespace trimmed.

- A line break always ends a sentence (news bodies put one paragraph a line).
- ``. ! ? ؟`` (and runs of them, with closing quotes and brackets after them) end a sentence when
  whitespace follows. ``، ؛ ,`` never do: in Arabic news they join clauses of one long sentence;
  an ellipsis (``…`` or ``...``) does not either, since writers use it as a pause.
- Inside a quotation («…», “…”, "…") a full stop does not end the sentence, unless the quotation is
  long (``LONG_QUOTE`` characters): a quoted statement of several sentences is split like prose.
- Abbreviations: a single letter with a full stop (``د.`` doctor, ``أ.`` professor, ``م.`` engineer,
  initials) does not end a sentence. After a number, ``م.`` / ``هـ.`` / ``ص.`` / ``ج.`` (Gregorian year,
  Hijri year, page or a.m., volume) end one unless the date or reference goes on (``1436هـ. الموافق``,
  a digit, a dash or a bracket next): in SaudiNewsNet "عام 1648م. ونظرًا …" is a sentence end.
- A full stop followed by a no-break space ends a sentence: SaudiNewsNet bodies write paragraph
  breaks that way ("…الرئيسة. \xa0 وأوضح").
- A full stop glued to the next Arabic word ends a sentence ("…المرض.يذكر أن", a sub-heading glued
  to a sentence as in "…أمريكي.بداية جديدة"), unless fewer than three letters come before it
  (``بي.بي.سي``, ``أ.د``).
"""

from __future__ import annotations

import re

LONG_QUOTE = 250

_TERMINAL = re.compile(r"[.!?؟\u06d4]+[\"'»”’)\]}›]*(?=\s|$)")
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_OPENERS = {"«": "»", "“": "”", "‹": "›"}
_QUOTE_CHARS = re.compile(r"[«»“”‹›\"]")
# A single letter (with optional tatweel or diacritics) right before the full stop.
_SINGLE_LETTER = re.compile(r"(?:^|[\s(\[«\"'.0-9\u0660-\u0669\u06f0-\u06f9])([\u0621-\u064a])[\u0640\u064b-\u0652]*$")
_NUMBER_BEFORE = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]\s?[\u0621-\u064a][\u0640]*$")
_CONTINUATION = re.compile(r"\s*(?:[0-9\u0660-\u0669\u06f0-\u06f9(\[/\-–—]|ال[مو]واف[قه])")


def _quote_regions(line: str) -> list[tuple[int, int]]:
    """[open, close] index pairs of balanced quotations in one line."""
    regions: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    ascii_open = -1
    for match in _QUOTE_CHARS.finditer(line):
        char, index = match.group(), match.start()
        if char == '"':
            if ascii_open < 0:
                ascii_open = index
            else:
                regions.append((ascii_open, index))
                ascii_open = -1
        elif char in _OPENERS:
            stack.append((_OPENERS[char], index))
        elif stack and stack[-1][0] == char:
            regions.append((stack.pop()[1], index))
    return regions


def _is_abbreviation(line: str, dot: int, after: int) -> bool:
    """Whether the full stop at ``line[dot]`` closes an abbreviation rather than a sentence."""
    before = line[max(0, dot - 12) : dot]
    if not _SINGLE_LETTER.search(before):
        return False
    if _NUMBER_BEFORE.search(before):  # 2015م. / 1436هـ. / 10 ص.
        return _CONTINUATION.match(line, after) is not None
    return True  # د. محمد, أ.د. , initials


def _line_boundaries(line: str) -> list[int]:
    regions = _quote_regions(line) if _QUOTE_CHARS.search(line) else []
    cuts: list[int] = []
    for match in _TERMINAL.finditer(line):
        dot, end = match.start(), match.end()
        if match.group().startswith(".."):  # an ellipsis is a pause
            continue
        if line[dot] == "." and _is_abbreviation(line, dot, end):
            continue
        inside = next((r for r in regions if r[0] < dot and end - 1 < r[1]), None)
        if inside is not None and inside[1] - inside[0] < LONG_QUOTE:
            continue
        cuts.append(end)
    return cuts


#: A paragraph break written as a no-break space after a full stop ("…الرئيسة. \xa0 وأوضح").
_NBSP_BREAK = re.compile('[.!?؟]["”»)]*([ \t]*\xa0[ \t\xa0]*)')


def split_nbsp_breaks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of ``text`` cut where a full stop is followed by a no-break space."""
    out = []
    for start, end in spans:
        broken = False
        for match in _NBSP_BREAK.finditer(text, start, end):
            out.append((start, match.start(1)))
            start, broken = match.end(1), True
        if end > start or not broken:
            out.append((start, end))
    return out


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _glued_stop(text: str, dot: int) -> bool:
    """A full stop glued to the next word ("…المرض.يذكر أن", "…يحمينا".وطالبت"), after at least three
    letters (two before a closing mark), so not an abbreviation (بي.بي.سي)."""
    after = text[dot + 1 : dot + 3]
    if len(after) < 2 or not (_ARABIC_LETTER.match(after[0]) and _ARABIC_LETTER.match(after[1])):
        return False
    if text[dot + 3 : dot + 4] == "." or (
        _ARABIC_LETTER.match(text[dot + 3 : dot + 4]) and text[dot + 4 : dot + 5] == "."
    ):
        return False  # "جيه.إل.إل": a short letter group before another full stop spells an abbreviation
    last, need = dot - 1, 3
    if last >= 0 and text[last] in '"»”':
        last, need = last - 1, 2
    first = last - need + 1
    return first >= 0 and all(_ARABIC_LETTER.match(char) for char in text[first : last + 1])


def _split_glued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        dot = text.find(".", start, end)
        while dot >= 0:
            if _glued_stop(text, dot):
                out.append((start, dot + 1))
                start = dot + 1
            dot = text.find(".", dot + 1, end)
        out.append((start, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    for line_match in _LINE.finditer(text):
        line = line_match.group()
        offset = line_match.start()
        start = 0
        for cut in [*_line_boundaries(line), len(line)]:
            piece = line[start:cut]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                spans.append((offset + start + lead, offset + start + lead + len(stripped)))
            start = cut
    if "\xa0" in text:
        spans = split_nbsp_breaks(text, spans)
    if "." in text:
        spans = _split_glued(text, spans)
    return spans
