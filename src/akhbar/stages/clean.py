"""Cleaning: separate headline, sub-headings, body, byline and dateline; remove boilerplate.

``clean_article`` does the work for one article and is pure; the ``clean`` stage maps it over a
stream. What a reader sees ends up in ``Article.text`` (kept raw lines, verbatim, in order, joined
by ``"\\n"`` or ``"\\n\\n"`` as in the raw text); ``Article.raw_text`` stays as read. Every line that
is taken out is recorded as a ``Removal(text, reason)``; a line is only ever rewritten to cut a
leading inline dateline ("الرياض - واس: ...") or share-button debris, or to split a heading that
was glued to the end of a sentence ("... جندي أميركي.بداية جديدة مع العراق").

Per line, in order:

1. boilerplate table (``clean_data.boilerplate.LINE_RULES``), share-button rows, separator lines,
   a first line repeating the title, a line equal to the article's known author, repeated paragraphs;
2. head of the body (before the first paragraph): dateline, byline, a bare author name, and the
   inline dateline that opens the first paragraph;
3. tail of the body: bylines ("كتب: ...", "فلان (الأحساء)"), signed datelines;
4. lines an outlet repeats across many articles (learned by ``OutletBoilerplate``), near the edges;
5. glued and standalone sub-headings (``Span(..., "subheading")``);
6. a second headline opening the body: flagged ``"multiple-stories"`` with a ``"headline"`` span,
   and split into a second article when the paragraphs of that second story can be found.

A split yields two articles. The second has the deterministic id ``f"{article.id}-2"``, the second
headline as its title, the same ``raw_text``, ``origin``, ``url`` and ``published``, and the flag
``"multiple-stories"``; the first loses the second headline (recorded as a removal with reason
``"headline:second-story"``) and the second story's paragraphs (reason ``"split:second-story"``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from akhbar.config import CleanConfig
from akhbar.lang.ar import match_terms, normalize
from akhbar.pipeline import stage
from akhbar.stages.clean_data.boilerplate import (
    AGENCIES,
    BYLINE_WORDS,
    COMMON_WORD_OUTLETS,
    LINE_RULES,
    NAVIGATION_PREFIX,
    OUTLETS,
    SOCIAL_WORDS,
)
from akhbar.stages.clean_data.places import PLACES
from akhbar.types import Article, Rejection, Removal, Span

MULTIPLE_STORIES = "multiple-stories"
SECOND_ARTICLE_SUFFIX = "-2"

# Whitespace and invisible characters trimmed from both ends of a line.
_TRIM = (
    " \t\r\f\v\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c"
    "\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u202f\u205f\u2060\u2066\u2067\u2068\u2069"
    "\u3000\ufeff"
)
_SPACE = re.compile(r"\s+")
_CLOSERS = "\"'»”’)]}>"
_SENTENCE_END = frozenset(".!?؟…")
_ANY_END = frozenset(".!?؟…:;؛،,")
_HAS_WORD = re.compile(r"[^\W_]")
_SECTION_BREAK = re.compile(r"[*•◆◇■□●○✦★☆~=#_\s]+")
# Editors' initials and wire slugs closing a body: "م ع", "ف ق/ ف ج", "ع ف/س أ18/01/2020 21:38:35".
_INITIALS = re.compile(
    r"[\u0621-\u064A]{1,2}(?:(?:\s+|\s*/\s*)[\u0621-\u064A]{1,2}){1,5}"
    r"(?:\s*/?\s*\d{1,2}/\d{1,2}/\d{4}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)?"
)
_DIGIT = re.compile(r"\d")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u0640\u064B-\u065F\u0670]+")
_LIST_MARKER = re.compile(r"^(?:[-*•·▪◦–—+>]|\d+\s*[-.)]|[أ-ي]\s*[-)])")
# Separators between dateline parts: colon, dashes, bar, Arabic comma, a tatweel used as a dash
# (after a space: "جدة ـ عكاظ"; "لـ" glued to a word is a preposition, not a separator).
_PART_SEPARATOR = re.compile(r"\s*[:：]\s*|\s*[-–—|/]+\s*|\s+ـ+\s*|\s*،\s*")
_GLUED_END = re.compile(r"(?<=[^\W\d_]{3})[.!?؟]+[\"'»”’)\]]*(?=[^\W\d_])")
_GLUED_ANY = re.compile(r"[.!?؟][\"'»”’)\]]*[^\W\d_]")  # the cheap test first: a stop glued to a letter at all
# Openers of a paragraph that moves to another item: "وفي سياق متصل"، "من جهة أخرى"، "إلى ذلك".
_TRANSITION = re.compile(
    r"^(?:و\s?)?(?:(?:في|فى|وفي) (?:سياق|تطور|شأن|خبر|موضوع) (?:متصل|آخر|اخر|منفصل|ذي صلة|ذو صلة)"
    r"|من (?:جهة|ناحية) (?:أخرى|اخرى|ثانية)|(?:إلى|الى) ذلك|على صعيد (?:آخر|اخر|متصل)|بالتزامن مع ذلك"
    r"|في غضون ذلك)"
)
_TRAILING_DATE = re.compile(r"^(.+?)\s+\d{1,2}\s+[^\d\s]+(?:\s+\d{4})?\s*م?$")
_YEAR = re.compile(r"\d{4}")
_SERIES_PART = re.compile(r"(\S+(?:\s+\S+){1,5}?)\s*\((?:الحلقة\s*)?\d{1,2}\)\s*[:：]")
_SERIES_MIN_PARTS = 3
_STAR_CREDIT = re.compile(r"\*\s*[^\s*]+(?:\s+[^\s*]+){0,3}")
_NAME_TITLES = ("د.", "د ", "الدكتور ", "الشيخ ", "المهندس ", "الأستاذ ", "أ.", "م.")
# Words of personal names that stopword lists may hold ("أبو", "عبد", "بن").
_NAME_PARTICLES = frozenset(normalize(w) for w in ("عبد", "أبو", "ابو", "بن", "بنت", "آل", "أم", "الله", "ابن"))
_QUOTES_AND_BRACKETS = re.compile(r"[\"'«»“”„{}()\[\]]")
_CANONICAL_DROP = re.compile(r"[\s.\"'«»“”{}()\[\]]")

_GLUED_TAIL_CHARS = 160  # a glued heading is short: look for it at the end of a line only
_HEADLINE_MIN_WORDS = 6
_HEADLINE_MAX_WORDS = 20
_PARAGRAPH_WORDS = 12  # a line with this many words is a paragraph, whatever its punctuation
_SHORT_LINE_WORDS = 30  # only lines up to this length are matched against the whole boilerplate table
_LONG_RULE_WORDS = 120  # ... longer ones, up to this, only against rules written for long lines
_DATELINE_CHARS = 90  # a standalone dateline is at most this long ("جدة 25 شوال 1436هـ ... واس")
_HEAD_LINES = 4  # how many short lines may precede the first paragraph
_TAIL_LINES = 4
_EDGE_HEAD = 4  # outlet boilerplate is learned and removed in the first lines ...
_EDGE_TAIL = 8  # ... and the last lines of a body
_OUTLET_LINE_WORDS = 12
_OUTLET_LINE_CHARS = 120
_DUPLICATE_WORDS = 8


def _canonical(text: str) -> str:
    """Comparison key for agencies, outlets and places: normalized, no spaces, dots or quotes."""
    return _CANONICAL_DROP.sub("", normalize(text))


_Rules = tuple[tuple[str, re.Pattern[str], int], ...]


def _compile_rules(long_only: bool) -> tuple[re.Pattern[str], _Rules]:
    """The rules (those allowing more than ``_SHORT_LINE_WORDS`` words when ``long_only``) and one
    alternation of them all, to reject most lines with a single match."""
    rules = tuple(
        (reason, re.compile(_SPACE.sub(" ", normalize(pattern)), re.IGNORECASE), max_words)
        for reason, pattern, max_words in LINE_RULES
        if max_words > _SHORT_LINE_WORDS or not long_only
    )
    combined = re.compile("|".join(f"(?:{p.pattern})" for _, p, _ in rules), re.IGNORECASE)
    return combined, rules


_ANY_RULE, _RULES = _compile_rules(long_only=False)
_ANY_LONG_RULE, _LONG_RULES = _compile_rules(long_only=True)
_PLACE_KEYS = frozenset(_canonical(p) for p in PLACES)
_AGENCY_KEYS = frozenset(_canonical(a) for a in AGENCIES)
_OUTLET_KEYS = frozenset(_canonical(o) for o in OUTLETS)
_COMMON_WORD_OUTLETS = frozenset(_canonical(o) for o in COMMON_WORD_OUTLETS)
_SOCIAL = frozenset(SOCIAL_WORDS) | frozenset(normalize(w) for w in SOCIAL_WORDS)
_SOCIAL_PREFIX = re.compile(
    r"^(?:شارك|مشاركة)\s+(?:من خلال|عبر|على)?\s*(?:(?:"
    + "|".join(re.escape(w) for w in sorted(SOCIAL_WORDS, key=len, reverse=True))
    + r"|اكتب رأيك|اكتب تعليقك)\s*){2,}"
)
_BYLINE = re.compile(
    r"^(?P<word>" + "|".join(re.escape(w) for w in sorted(BYLINE_WORDS, key=len, reverse=True)) + r")"
    r"(?P<sep>\s*[:：\-–—ـ]+\s*|\s+)(?P<name>.+?)\s*[:：]?$"
)
_BYLINE_KEYS = frozenset(normalize(w.split()[0]) for w in BYLINE_WORDS)
_BYLINE_WORDS_WITHOUT_SEPARATOR = frozenset({"كتب", "كتبت", "بقلم", "بواسطة", "By", "by"})
_NAV_PREFIX = re.compile(r"^(?:(?:" + "|".join(NAVIGATION_PREFIX) + r")\s+)+")
_AGENCY_TAIL = re.compile(r"\s+و\s*(?P<agency>\S+(?:\s\S+){0,2})$")


def whitespace_key(line: str) -> str:
    """The key under which outlet boilerplate lines are learned and looked up: whitespace runs made
    one space, none at the ends (``str.split`` splits where ``_SPACE`` matches, on every code point)."""
    return " ".join(line.split())


def _line_key(text: str) -> str:
    return " ".join(normalize(text).split())


def _ends_with(text: str, marks: frozenset[str]) -> bool:
    stripped = text.rstrip(_CLOSERS + " -–—")
    return bool(stripped) and stripped[-1] in marks


@dataclass(slots=True)
class _Line:
    """A non-empty raw line while the cleaner works on it (private, mutable working record)."""

    text: str
    blank_before: bool
    raw_index: int
    words: int
    removed: str | None = None
    label: str | None = None
    _key: str | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = _line_key(self.text)
        return self._key

    @property
    def is_paragraph(self) -> bool:
        return self.words >= _PARAGRAPH_WORDS or (self.words >= 5 and _ends_with(self.text, _SENTENCE_END))


def _count_words(text: str) -> int:
    # Long lines are paragraphs whatever their exact count: spare splitting them.
    return len(text.split()) if len(text) < 240 else text.count(" ") + 1


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    for piece in raw.split("\n"):
        text = piece.strip(_TRIM)
        if not text:
            blank = True
            continue
        lines.append(_Line(text, blank and bool(lines), len(lines), _count_words(text)))
        blank = False
    return lines


# --- boilerplate ---------------------------------------------------------------------------------


def boilerplate_reason(line: str) -> str | None:
    """Why this line is boilerplate, or ``None``. Looks at the line alone (no context)."""
    text = line.strip(_TRIM)
    return _boilerplate_reason(_Line(text, False, 0, _count_words(text))) if text else None


def _boilerplate_reason(line: _Line) -> str | None:
    if line.words > _SHORT_LINE_WORDS:
        if line.words > _LONG_RULE_WORDS or not _ANY_LONG_RULE.fullmatch(line.key):
            return None
        rules = _LONG_RULES
    else:
        if not _HAS_WORD.search(line.text):
            # letterless lines are debris ('"', "..."), except section breaks a reader sees ("***")
            return None if _SECTION_BREAK.fullmatch(line.text) else "separator"
        rules = _RULES
    key = line.key
    words = key.split()
    if len(words) >= 2 and all(w in _SOCIAL for w in words):
        return "boilerplate:share"
    if rules is _RULES and not _ANY_RULE.fullmatch(key):
        return None
    for reason, pattern, max_words in rules:
        if len(words) <= max_words and pattern.fullmatch(key):
            return reason
    return None


# --- datelines and bylines ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the head of a body: its text and, when it names one, the reporter."""

    text: str
    author: str | None = None


def _part_kind(part: str) -> str:
    """``place``/``agency``/``outlet`` (known), ``placeish`` (one unknown word, or ``X (Y)``),
    ``name`` (2-5 plain words), or ``invalid``."""
    part = part.strip()
    if not part:
        return "invalid"
    canonical = _canonical(part)
    if canonical in _AGENCY_KEYS:
        return "agency"
    if canonical in _PLACE_KEYS:  # before outlets: "الرياض" is a city before it is a newspaper
        return "place"
    if canonical in _OUTLET_KEYS:
        return "outlet"
    dated = _TRAILING_DATE.match(part)
    if dated and _canonical(dated.group(1)) in _PLACE_KEYS | _OUTLET_KEYS:
        return "place"
    if "(" in part:
        outer, _, inner = part.partition("(")
        inner = inner.rstrip(") ")
        if _canonical(outer) in _PLACE_KEYS or _canonical(inner) in _PLACE_KEYS:
            return "place"
        if 1 <= len(outer.split()) <= 2 and 1 <= len(inner.split()) <= 2 and not _DIGIT.search(part):
            return "placeish"
    if _DIGIT.search(part) or any(c in part for c in "!?؟،,;؛…"):
        return "invalid"
    bare = _QUOTES_AND_BRACKETS.sub("", part).strip()
    words = bare.split()
    if not words or any(not _ARABIC_WORD.fullmatch(w.rstrip(".")) for w in words if w not in ("د.", "أ.", "م.")):
        return "invalid"
    if len(words) == 1:
        return "placeish"
    if len(words) <= 5 and _plain_name_words(words):
        return "name"
    return "invalid"


def _plain_name_words(words: list[str]) -> bool:
    """Every word could be part of a personal name: two letters or more, not a function word."""
    if normalize(words[0]) in _BYLINE_KEYS:
        return False
    content = [w for w in words if normalize(w) not in _NAME_PARTICLES and w not in ("د.", "أ.", "م.")]
    return all(len(w) >= 2 for w in words) and len(match_terms(" ".join(content))) == len(content)


def _dateline_from_parts(parts: list[str], *, colon: bool, text: str) -> Dateline | None:
    parts = [p for p in (p.strip() for p in parts) if p]
    if not parts or len(parts) > 5:
        return None
    kinds = [_part_kind(p) for p in parts]
    if "invalid" in kinds or not any(k in ("place", "agency", "outlet") for k in kinds):
        return None
    if len(parts) == 1 and not (colon and kinds[0] in ("place", "agency")):
        return None
    names = [p for p, k in zip(parts, kinds, strict=True) if k == "name"]
    author = "، ".join(_QUOTES_AND_BRACKETS.sub("", n).strip() for n in names) or None
    return Dateline(text.strip(_TRIM + " :：-–—ـ|،"), author)


def parse_dateline(line: str) -> Dateline | None:
    """A standalone dateline line ("الرياض - واس", "جدة ـ عبدالغني الشريف", "الرباط:") or ``None``."""
    text = _NAV_PREFIX.sub("", line.strip(_TRIM)).strip()
    if not text or len(text) > 90 or len(text.split()) > 12:
        return None
    words = text.split()
    # SPA wire form: "جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس" (the place may be glued to the day)
    if (
        _YEAR.search(text)
        and _canonical(words[-1]) in _AGENCY_KEYS
        and len(words) <= 16
        and _ARABIC_WORD.match(words[0])
    ):
        return Dateline(text, None)
    colon = text.rstrip().endswith((":", "："))
    body = text.rstrip(":： ")
    if body.startswith("(") and body.endswith(")") and _canonical(body) in _AGENCY_KEYS:
        return Dateline(body, None)
    parts = _PART_SEPARATOR.split(body)
    # "«الاقتصادية» من الرياض", "نايف الثقيل من الرياض"
    if len(parts) == 1 and " من " in body:
        left, _, right = body.rpartition(" من ")
        if _canonical(right) in _PLACE_KEYS:
            parts = [left, right]
    return _dateline_from_parts(parts, colon=colon, text=text)


def split_inline_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """Cut a dateline that opens a paragraph: ``(dateline, rest)`` or ``None``.

    "باريس - أ.ف.ب: توصل ..." , "بدر الجبل- سبق- تبوك: وقفت ...", "بغداد - (أ ف ب) - قال ...",
    "الرباط: وجه ...", "الرياض - واس أكد ...".
    """
    separators = [m for m in _PART_SEPARATOR.finditer(paragraph[:100]) if "،" not in m.group()]
    if not separators:
        return None
    parts: list[str] = []
    start = 0
    best: tuple[Dateline, str] | None = None
    for m in separators[:5]:
        parts.append(paragraph[start : m.start()])
        start = m.end()
        rest = paragraph[start:]
        if len(rest.split()) < 3:
            break
        is_colon = ":" in m.group() or "：" in m.group()
        found = _dateline_from_parts(list(parts), colon=is_colon, text=paragraph[: m.start()])
        if found is not None:
            kinds = [_part_kind(p) for p in parts]
            # A dash alone must close on an agency or outlet ("بغداد - (أ ف ب) - قال"), a colon may
            # close on a place or a reporter ("الرباط: ...", "أيمن حسن- سبق: ..."). The longest wins.
            closing = parts[-1].strip()
            if (
                is_colon
                or kinds[-1] == "agency"
                or (kinds[-1] == "outlet" and (_canonical(closing) not in _COMMON_WORD_OUTLETS or closing[:1] in '"«“'))
            ):
                best = (found, rest)
            if is_colon:
                break
        if _part_kind(parts[-1]) == "invalid":
            break
        # "الرياض - واس أكد ...": an agency right after the first dash, without a separator.
        if len(parts) == 1 and _part_kind(parts[0]) == "place":
            words = rest.split()
            for n in (3, 2, 1):
                if _canonical(" ".join(words[:n])) in _AGENCY_KEYS and len(words) > n + 2:
                    agency = " ".join(words[:n])
                    cut = rest.index(words[n], len(agency)) if n < len(words) else len(rest)
                    tail = rest[cut:].lstrip(" :：-–—ـ|")
                    return Dateline(paragraph[: len(paragraph) - len(rest)] + agency), tail
    return best


def parse_byline(line: str) -> tuple[str | None] | None:
    """A byline line ("كتب: فلان", "حوار: فلان", "بقلم فلان"): ``(author or None,)`` or ``None``."""
    text = _NAV_PREFIX.sub("", line.strip(_TRIM))
    if len(text.split()) > 10 or len(text) > 90:
        return None
    m = _BYLINE.match(text)
    if not m:
        return None
    if not m.group("sep").strip() and m.group("word") not in _BYLINE_WORDS_WITHOUT_SEPARATOR:
        return None
    name = m.group("name").strip(" :：-–—ـ")
    tail = _AGENCY_TAIL.search(name)
    if tail and _canonical(tail.group("agency")) in _AGENCY_KEYS:
        name = name[: tail.start()]
    pieces = [p.strip() for p in _PART_SEPARATOR.split(name) if p.strip()]
    kinds = [_part_kind(p) for p in pieces]
    if not pieces or "invalid" in kinds:
        return None
    names = [p for p, k in zip(pieces, kinds, strict=True) if k == "name"]
    if not names and not m.group("sep").strip():
        return None
    return ("، ".join(names) or None,)


def looks_like_name(line: str) -> bool:
    """A bare personal name on its own line ("نورالدين النايم", "د. غازي قهوجي", "أندريا كلوث *")."""
    text = line.strip(_TRIM).rstrip("* ").strip()
    for title in _NAME_TITLES:
        if text.startswith(title):
            text = text[len(title) :].strip()
            break
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 40:
        return False
    if words[0].startswith(("ال", "إل")):
        return False  # a given name does not take the article; captions and headings often do
    if not all(_ARABIC_WORD.fullmatch(w) for w in words):
        return False
    # no function words: every word must survive as a content term
    return len(match_terms(text)) == len(words)


def _name_with_place(line: str) -> str | None:
    """ "وردة عبدالرزاق (الأحساء)" at the end of a body: the reporter's name, or ``None``."""
    text = line.strip(_TRIM)
    if not text.endswith(")") or "(" not in text:
        return None
    name, _, place = text[:-1].rpartition("(")
    name = name.strip()
    if _part_kind(place) not in ("place", "placeish", "outlet") and len(place.split()) > 2:
        return None
    if _part_kind(name) == "name" and looks_like_name(name):
        return name
    if _canonical(name) in _OUTLET_KEYS:
        return ""
    return None


# --- outlet boilerplate -------------------------------------------------------------------------


def _edge_lines(raw: str) -> Iterator[str]:
    """Short lines near the start or end of a raw body: where outlet boilerplate lives."""
    lines = [line for line in (piece.strip(_TRIM) for piece in raw.split("\n")) if line]
    count = len(lines)
    for index, line in enumerate(lines):
        near_edge = index < _EDGE_HEAD or index >= count - _EDGE_TAIL
        if near_edge and len(line) <= _OUTLET_LINE_CHARS and len(line.split()) <= _OUTLET_LINE_WORDS:
            yield whitespace_key(line)


class OutletBoilerplate:
    """Lines an outlet repeats across many of its articles (sign-offs, contact footers, promos).

    Counts, per outlet, in how many articles each short line near the start or end of the body
    occurs. A line is boilerplate for an outlet once the outlet has ``min_articles`` articles and
    the line occurs in at least ``min_share`` of them and in at least ``min_count``. Only short
    lines in the edge region are counted, so a body sentence that an outlet legitimately repeats
    (a standard paragraph in the middle of its reports) is never learned.

    The service builds one from stored articles and hands a frozen snapshot to the stage through
    the config: ``cfg = learner.configure(settings.clean)`` (sets ``CleanConfig.outlet_lines``).
    The stage itself never learns: its output must not depend on the order or sharding of a run.
    """

    def __init__(self, min_articles: int = 20, min_share: float = 0.05, min_count: int = 3) -> None:
        self.min_articles = min_articles
        self.min_share = min_share
        self.min_count = min_count
        self._articles: Counter[str] = Counter()
        self._lines: dict[str, Counter[str]] = {}

    @classmethod
    def from_config(cls, cfg: CleanConfig) -> OutletBoilerplate:
        return cls(
            cfg.outlet_boilerplate_min_articles,
            cfg.outlet_boilerplate_min_share,
            cfg.outlet_boilerplate_min_count,
        )

    def observe(self, article: Article) -> None:
        """Count one article (its raw body, so that cleaning does not hide what it would learn)."""
        self.observe_text(article.source, article.raw_text or article.text)

    def observe_text(self, source: str, raw: str) -> None:
        """Count one raw body of ``source``."""
        self._articles[source] += 1
        counter = self._lines.setdefault(source, Counter())
        counter.update(set(_edge_lines(raw)))

    def learn(self, articles: Iterable[Article]) -> OutletBoilerplate:
        for article in articles:
            self.observe(article)
        return self

    def lines_for(self, source: str) -> frozenset[str]:
        """Whitespace-normalized lines (see ``whitespace_key``) that are boilerplate for ``source``."""
        total = self._articles.get(source, 0)
        if total < self.min_articles:
            return frozenset()
        needed = max(self.min_count, self.min_share * total)
        return frozenset(line for line, n in self._lines.get(source, Counter()).items() if n >= needed)

    def snapshot(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """Every outlet's learned lines, sorted by outlet: the value of ``CleanConfig.outlet_lines``."""
        pairs = ((source, self.lines_for(source)) for source in sorted(self._articles))
        return tuple((source, lines) for source, lines in pairs if lines)

    def configure(self, cfg: CleanConfig) -> CleanConfig:
        return replace(cfg, outlet_lines=self.snapshot())


# --- the cleaner --------------------------------------------------------------------------------


def _kept(lines: list[_Line]) -> list[_Line]:
    return [line for line in lines if line.removed is None]


def _terms(text: str) -> set[str]:
    return set(match_terms(text))


def _coverage(terms: set[str], paragraph: set[str]) -> float:
    return len(terms & paragraph) / len(terms) if terms else 0.0


@dataclass(slots=True)
class _Found:
    dateline: str | None = None
    author: str | None = None
    extra: list[tuple[int, Removal]] = field(default_factory=list)  # removals of line prefixes


def _remove(line: _Line, reason: str) -> None:
    line.removed = reason


def _mark_boilerplate(lines: list[_Line], article: Article) -> None:
    title_key = _line_key(article.title) if article.title else ""
    author_key = _line_key(article.author).strip("* :") if article.author else ""
    seen: set[str] = set()
    for position, line in enumerate(lines):
        reason = _boilerplate_reason(line)
        if (
            reason is None
            and position == 0
            and title_key
            and line.key == title_key
            and len(lines) > 1
            and lines[1].is_paragraph  # a poem whose title is its first verse keeps the verse
        ):
            reason = "title-repeat"
        if reason is None and author_key and line.words <= 10 and line.key.strip("* :") == author_key:
            reason = "byline"
        if reason is None and line.words >= _DUPLICATE_WORDS:
            if line.text in seen:
                reason = "duplicate-paragraph"
            seen.add(line.text)
        if reason is not None:
            _remove(line, reason)
    _mark_series_links(lines)


def _mark_series_links(lines: list[_Line]) -> None:
    """Links to the other parts of a series ("مذكرات فلان (3): ...") listed inside one article."""
    groups: dict[str, list[_Line]] = {}
    for line in lines:
        if line.removed is None and line.words <= 20 and not _ends_with(line.text, _SENTENCE_END):
            match = _SERIES_PART.match(line.text)
            if match:
                groups.setdefault(_line_key(match.group(1)), []).append(line)
    for group in groups.values():
        if len(group) >= _SERIES_MIN_PARTS:
            for line in group:
                _remove(line, "boilerplate:related")


def _scan_head(lines: list[_Line], article: Article, outlet_lines: frozenset[str], found: _Found) -> None:
    kept = _kept(lines)
    examined = 0
    skipped = 0  # short lines left in place (a kicker or deck above the byline)
    for position, line in enumerate(kept):
        if examined >= _HEAD_LINES:
            _cut_paragraph_prefix(line, found)
            return
        examined += 1
        following = kept[position + 1] if position + 1 < len(kept) else None
        dateline = parse_dateline(line.text) if len(line.text) <= _DATELINE_CHARS else None
        if dateline is None and line.is_paragraph:
            _cut_paragraph_prefix(line, found)
            return
        if dateline is not None:
            _remove(line, "dateline")
            found.dateline = found.dateline or dateline.text
            found.author = found.author or dateline.author
            continue
        byline = parse_byline(line.text)
        if byline is not None:
            _remove(line, "byline")
            found.author = found.author or byline[0]
            continue
        if (
            not skipped
            and following is not None
            and following.is_paragraph
            and looks_like_name(line.text)
            and not (_terms(line.text) & _terms(article.title))
        ):
            _remove(line, "byline")
            found.author = found.author or line.text.rstrip("* ").strip()
            continue
        if whitespace_key(line.text) in outlet_lines and line.raw_index < _EDGE_HEAD:
            _remove(line, "boilerplate:outlet")
            continue
        if skipped:
            return
        skipped += 1


def _cut_paragraph_prefix(line: _Line, found: _Found) -> None:
    """Cut share-button debris and an inline dateline from the start of the first paragraph."""
    share = _SOCIAL_PREFIX.match(line.text)
    if share and len(line.text) - share.end() > 20:
        found.extra.append((line.raw_index, Removal(line.text[: share.end()].strip(), "boilerplate:share")))
        line.text = line.text[share.end() :].lstrip()
    if found.dateline is not None:
        return
    inline = split_inline_dateline(line.text)
    if inline is not None:
        dateline, rest = inline
        cut = line.text[: len(line.text) - len(rest)].strip()
        found.extra.append((line.raw_index, Removal(cut, "dateline")))
        found.dateline = dateline.text
        found.author = found.author or dateline.author
        line.text = rest
        line.words = len(rest.split())


def _scan_tail(lines: list[_Line], outlet_lines: frozenset[str], total: int, found: _Found) -> None:
    kept = _kept(lines)
    for line in reversed(kept[1:][-_TAIL_LINES:]):
        if line.is_paragraph:
            return
        byline = parse_byline(line.text)
        if byline is not None:
            _remove(line, "byline")
            found.author = found.author or byline[0]
            continue
        name = _name_with_place(line.text)
        if name is not None:
            _remove(line, "byline")
            found.author = found.author or name or None
            continue
        dateline = parse_dateline(line.text)
        if dateline is not None and dateline.author:
            _remove(line, "byline")
            found.author = found.author or dateline.author
            continue
        if _STAR_CREDIT.fullmatch(line.text) and line is kept[-1]:
            _remove(line, "credit")  # "* بلومبيرج", "* كاتب ومحلل سياسي": a footnote to the byline
            continue
        if _canonical(line.text.strip("-–—ـ ")) in _AGENCY_KEYS:
            _remove(line, "credit")  # "--(بترا)", "(واس)"
            continue
        if _INITIALS.fullmatch(line.text) and line.words <= 8:
            _remove(line, "byline")  # editors' initials and the wire slug
            continue
        signed = line.text.lstrip("-–—ـ ").strip()
        if signed != line.text and (looks_like_name(signed) or _part_kind(signed) in ("place", "placeish")):
            _remove(line, "byline")  # "- صالح جبار خلفاوي", "- وادي الدواسر"
            found.author = found.author or (signed if looks_like_name(signed) else None)
            continue
        if whitespace_key(line.text) in outlet_lines and line.raw_index >= total - _EDGE_TAIL:
            _remove(line, "boilerplate:outlet")
            continue
        return


def _mark_outlet_lines(lines: list[_Line], outlet_lines: frozenset[str], total: int) -> None:
    if not outlet_lines:
        return
    for line in lines:
        near_edge = line.raw_index < _EDGE_HEAD or line.raw_index >= total - _EDGE_TAIL
        if (
            line.removed is None
            and near_edge
            and line.words <= _OUTLET_LINE_WORDS  # only short lines are ever learned
            and whitespace_key(line.text) in outlet_lines
        ):
            _remove(line, "boilerplate:outlet")


def _split_glued_headings(lines: list[_Line], max_words: int) -> list[_Line]:
    """A heading glued to the end of a sentence becomes its own sub-heading line.

    "... جندي أميركي.بداية جديدة مع العراق" followed by a paragraph: the sentence ending in
    "أميركي.", then the line "بداية جديدة مع العراق".
    """
    out: list[_Line] = []
    kept_positions = {id(line): i for i, line in enumerate(_kept(lines))}
    kept = _kept(lines)
    for line in lines:
        position = kept_positions.get(id(line))
        following = kept[position + 1] if position is not None and position + 1 < len(kept) else None
        if position is None or following is None or not following.is_paragraph or line.words < _PARAGRAPH_WORDS:
            out.append(line)
            continue
        last = None
        tail = max(0, len(line.text) - _GLUED_TAIL_CHARS)
        if _GLUED_ANY.search(line.text, tail):
            for m in _GLUED_END.finditer(line.text, tail):
                last = m
        head = line.text[last.end() :] if last else ""
        head_words = head.split()
        if (
            last is None
            or not 2 <= len(head_words) <= max_words
            or any(c in head for c in ".!?؟:؛،,…")
            or head.startswith("و")
            or len(line.text[: last.end()].split()) < 6
        ):
            out.append(line)
            continue
        body = line.text[: last.end()]
        out.append(_Line(body, line.blank_before, line.raw_index, len(body.split())))
        out.append(_Line(head, False, line.raw_index, len(head_words), label="subheading"))
    return out


def _is_heading_shape(line: _Line, max_words: int) -> bool:
    return (
        2 <= line.words <= max_words
        and len(line.text) <= 120
        and not _ends_with(line.text, _ANY_END)
        and not _LIST_MARKER.match(line.text)
        and "،" not in line.text
        and "," not in line.text
        and bool(_ARABIC_WORD.search(line.text))
    )


def _mark_subheadings(lines: list[_Line], max_words: int) -> None:
    kept = _kept(lines)
    for position in range(1, len(kept) - 1):
        line = kept[position]
        if (
            line.label is None
            and _is_heading_shape(line, max_words)
            and kept[position - 1].is_paragraph
            and kept[position + 1].is_paragraph
        ):
            line.label = "subheading"


def _find_second_story(lines: list[_Line], article: Article) -> tuple[_Line, int] | None:
    """A second headline opening the body (seed 002), and where its story's paragraphs start.

    Returns ``(headline line, index into the kept lines)``, or ``None`` when the first
    body line is not the headline of another story. The paragraphs are found when one of them,
    after at least two paragraphs of the first story, takes up most of the headline's words and
    opens with a transition ("وفي سياق متصل", "من جهة أخرى", "إلى ذلك"), the paragraphs before it
    are about the title and those from it on about the headline. Without such paragraphs nothing
    is flagged: on SaudiNewsNet, headline-shaped first lines without them were photo captions,
    decks and unpunctuated lead paragraphs.
    """
    kept = _kept(lines)
    if len(kept) < 3 or not article.title:
        return None
    first = kept[0]
    if not _HEADLINE_MIN_WORDS <= first.words <= _HEADLINE_MAX_WORDS or not _is_heading_shape(
        first, _HEADLINE_MAX_WORDS
    ):
        return None
    lead = kept[1]
    if not (lead.words >= _PARAGRAPH_WORDS and _ends_with(lead.text, _SENTENCE_END)):
        return None  # stacked decks ("headline / second deck / paragraph") are one story
    headline_terms = _terms(first.text)
    title_terms = _terms(article.title)
    if len(headline_terms) < 4 or not title_terms:
        return None
    overlap = len(headline_terms & title_terms) / min(len(headline_terms), len(title_terms))
    if overlap >= 0.25:
        first.label = "subheading"  # a deck: the same story told again under the headline
        return None
    body = kept[1:]
    paragraphs = [_terms(line.text) for line in body]
    coverage = [_coverage(headline_terms, t) for t in paragraphs]
    if coverage[0] >= 0.34:
        return None  # the lead paragraph tells the headline's story: a deck or a caption
    for j in range(2, len(body)):
        if coverage[j] < 0.5 or not body[j].is_paragraph or not _TRANSITION.match(body[j].text):
            continue
        if max(coverage[:j]) >= 0.34:
            break
        before, after = paragraphs[:j], paragraphs[j:]
        to_title_before = sum(_coverage(title_terms, t) for t in before)
        to_title_after = sum(_coverage(title_terms, t) for t in after)
        if to_title_before > sum(coverage[:j]) and sum(coverage[j:]) > to_title_after:
            return first, j + 1
        break
    return None


def _assemble(lines: list[_Line]) -> tuple[str, tuple[Span, ...]]:
    pieces: list[str] = []
    spans: list[Span] = []
    offset = 0
    pending_blank = False
    for line in lines:
        if line.removed is not None:
            pending_blank = pending_blank or line.blank_before
            continue
        if pieces:
            separator = "\n\n" if (line.blank_before or pending_blank) else "\n"
            pieces.append(separator)
            offset += len(separator)
        pending_blank = False
        if line.label is not None:
            spans.append(Span(offset, offset + len(line.text), line.label))
        pieces.append(line.text)
        offset += len(line.text)
    return "".join(pieces), tuple(spans)


def _removals(lines: list[_Line], found: _Found) -> tuple[Removal, ...]:
    ordered = [(line.raw_index, 1, Removal(line.text, line.removed)) for line in lines if line.removed is not None]
    ordered += [(index, 0, removal) for index, removal in found.extra]
    ordered.sort(key=lambda item: (item[0], item[1]))
    return tuple(removal for _, _, removal in ordered)


def clean_article(
    article: Article, cfg: CleanConfig, outlet_lines: frozenset[str] = frozenset()
) -> list[Article] | Rejection:
    """Clean one article: one article back, two when it holds two stories, or a Rejection.

    ``outlet_lines`` are the whitespace-normalized lines learned as boilerplate for this article's
    outlet (``OutletBoilerplate.lines_for(article.source)``).
    """
    raw = article.raw_text or article.text
    lines = _split_lines(raw)
    if not lines:
        if article.title.strip():  # a headline-only item (photo gallery, video): nothing to clean
            flags = article.flags if "empty-body" in article.flags else (*article.flags, "empty-body")
            return [replace(article, text="", flags=flags)]
        return Rejection(article.id, "clean", "empty body", article.origin)
    total = len(lines)
    found = _Found()
    _mark_boilerplate(lines, article)
    _scan_head(lines, article, outlet_lines, found)
    _scan_tail(lines, outlet_lines, total, found)
    _mark_outlet_lines(lines, outlet_lines, total)
    if not _kept(lines):
        reasons = Counter(line.removed for line in lines)
        listed = ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        return Rejection(
            article.id,
            "clean",
            f"nothing left after cleaning: all {total} lines removed ({listed})",
            article.origin,
        )
    lines = _split_glued_headings(lines, cfg.subheading_max_words)
    _mark_subheadings(lines, cfg.subheading_max_words)
    found_story = _find_second_story(lines, article)
    flags = article.flags
    second: Article | None = None
    if found_story is not None:
        headline, start = found_story
        headline.label = "headline"
        flags = flags if MULTIPLE_STORIES in flags else (*flags, MULTIPLE_STORIES)
        if cfg.split_multiple_stories:
            kept = _kept(lines)
            second_lines = [
                _Line(line.text, line.blank_before, line.raw_index, line.words, label=line.label)
                for line in kept[start:]
            ]
            for line in kept[start:]:
                _remove(line, "split:second-story")
            _remove(headline, "headline:second-story")
            headline.label = None
            second_text, second_spans = _assemble(second_lines)
            second = replace(
                article,
                id=article.id + SECOND_ARTICLE_SUFFIX,
                title=headline.text,
                text=second_text,
                author=None,
                dateline=None,
                removed=(),
                spans=second_spans,
                flags=flags,
            )
    text, spans = _assemble(lines)
    first = replace(
        article,
        text=text,
        removed=_removals(lines, found),
        spans=spans,
        dateline=found.dateline or article.dateline,
        author=article.author or found.author,
        flags=flags,
    )
    return [first] if second is None else [first, second]


@stage("clean", requires={"text", "raw_text"}, provides={"removed", "spans", "dateline"})
def clean(articles: Iterable[Article], cfg: CleanConfig) -> Iterator[Article | Rejection]:
    """Clean each article (see ``clean_article``); learned outlet lines come from ``cfg.outlet_lines``."""
    if not cfg.enabled:
        yield from articles
        return
    outlets: Mapping[str, frozenset[str]] = dict(cfg.outlet_lines)
    for article in articles:
        result = clean_article(article, cfg, outlets.get(article.source, frozenset()))
        if isinstance(result, Rejection):
            yield result
        else:
            yield from result
