"""Entity linking: the tagger's mentions become canonical entities across articles and stories.

``EntityLinker`` keeps what it has seen (entities, the keys they are known by, the people named in
each story) and links one article at a time: ``link(story_id, article, mentions)`` returns the
mentions with their ``entity_id`` and the entities they touched. Articles are given in time order
with their story known, so the same linker serves the streaming path (one new article) and the
batch path (an archive, article by article); a linker rebuilt from stored entities
(``EntityLinker(entities, usages)``) continues exactly where a long-running one would be.

Keys (no gazetteer):

- A name's **key** is the sequence of its words' keys: normalized (hamza, alef, ya, ta marbuta),
  without the article ال, spelling variants unified (``akhbar.lang.ar.variants``: ترامب/ترمب,
  الأمريكية/الأميركية); ``عبد الله`` and ``عبدالله`` are one word. الكاظمي، الكاظمى and كاظمي
  have one key; clitics were cut off the first word by the tagger already (لبايدن → بايدن).
- **People** (PERS) drop leading honorifics and titles (الشيخ، الرئيس …, ``lang/ar/data/roles.tsv``)
  from the key. A later word carrying a preposition with the article (بلينكن للكاظمي, the tagger
  running two names together) ends the name.
- **Everything else** (LOC, ORG, MISC) links on the exact key, whatever kind the tagger gave each
  mention (it calls داعش a place in one sentence and an organisation in the next); an entity's kind
  is the kind most of its mentions have. People and the rest never share an entity.

People are resolved in this order:

1. the same full name (two or more words) seen anywhere before: the same person;
2. inside the story, a longer or shorter form of a name used there: a single word is a surname and
   joins the full name whose last word it is (بايدن → جو بايدن, الكاظمي → مصطفى الكاظمي); several
   words join a name they end (نصر الله → حسن نصر الله) or share first and last word with; among
   several candidates the nearest one before the mention wins (the current article's full names,
   also those further down, come before those of earlier articles only when they precede it);
3. outside any story context, a surname that earlier stories resolved to exactly one person (its
   "alias") is that person; a surname shared by several people, or never resolved, is its own entity.

A shared first name never joins two people (محمد is not every محمد). Entity ids are
``"n" + sha1(group, key)[:16]`` of the key that created the entity, the group being ``PERS`` or
``NAME``: deterministic, and the same however the input is sharded, given the same order.

Roles: for each PERS mention, the words just before it are read back to the farthest role noun
(رئيس، وزير، المتحدث، زعيم، الناطق، المندوب، الرئيس …) that is not cut off by punctuation, a
preposition or particle (مع، عن، إن …) or another person: "رئيس الوزراء العراقي مصطفى الكاظمي"
gives the role "رئيس الوزراء العراقي". Roles are kept once per spelling (by key), in order seen.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from akhbar.lang.ar import normalize, normalize_with_offsets, strip_diacritics, tokenize, unify_alef
from akhbar.lang.ar.lexicon import data_rows
from akhbar.lang.ar.variants import stem_key
from akhbar.types import Article, Entity, EntityKind, Mention

__all__ = [
    "EntityLinker",
    "Usage",
    "entity_id",
    "lookup_keys",
    "name_key",
    "role_before",
    "word_key",
]

PERSON = "PERS"
NAME = "NAME"
_ARTICLE = "ال"
#: A word after the first one in a person's name that starts with one of these (normalized) is a
#: preposition or conjunction with the article: the tagger ran two names together.
_INNER_CLITICS = ("وبال", "فبال", "ولل", "فلل", "بال", "وال", "فال", "كال", "لل")
_MIN_INNER_STEM = 3
#: Proclitics allowed in front of a role noun (ورئيس، لوزير، للرئيس).
_ROLE_PROCLITICS = frozenset("وفبلك")
#: How far back (in words) a role phrase may start before a name.
MAX_ROLE_WORDS = 8
_ROLE_WINDOW_CHARS = 200
#: Punctuation that ends a role phrase (quotation marks do not: زعيم حركة «عصائب أهل الحق»).
_BREAK = re.compile(r"[.,،:;؛!?؟()\[\]\n\u2013\u2014/|]")
#: Words that end a role phrase when read backwards (prepositions, particles, relatives): written
#: as in text, compared after ``_plain`` (alef unified, diacritics gone, ى kept apart from ي).
_STOP_WORDS = (
    *("مع", "عن", "على", "إلى", "الى", "من", "أن", "إن", "ان", "أنه", "إنه", "بين", "بعد", "قبل", "خلال"),
    *("ضد", "حول", "لدى", "عند", "منذ", "حيث", "كما", "لكن", "بينما", "أو", "ثم", "التي", "الذي", "الذين"),
    *("اللذين", "هو", "هي", "و", "قد", "لقد", "إذ", "إذا", "لا", "لم", "لن", "ما", "وفق"),
)
#: Fixed order for breaking ties between kinds (the kind most of an entity's mentions have wins).
_KIND_ORDER: tuple[EntityKind, ...] = ("PERS", "ORG", "LOC", "MISC")


def _plain(word: str) -> str:
    return unify_alef(strip_diacritics(word))


_STOPS = frozenset(_plain(word) for word in _STOP_WORDS)


def _drop_article(norm: str) -> str:
    return norm[2:] if norm.startswith(_ARTICLE) and len(norm) - 2 >= _MIN_INNER_STEM else norm


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """One word of a name as a key: normalized, without the article, spelling variants unified."""
    norm = normalize(word)
    if not norm:
        return ""
    return stem_key(_drop_article(norm))


@lru_cache(maxsize=1)
def _international() -> frozenset[str]:
    """Keys of "international" (الدولي، الدولية): an organisation's name is written with and without it
    (مجلس الأمن الدولي / مجلس الأمن), so a name of three words or more is keyed without it."""
    return frozenset(word_key(word) for word in ("الدولي", "الدولية"))


@lru_cache(maxsize=1)
def role_words() -> tuple[frozenset[str], frozenset[str]]:
    """(role nouns, honorifics) of ``lang/ar/data/roles.tsv`` as ``_drop_article(normalize(word))``."""
    roles: set[str] = set()
    titles: set[str] = set()
    for row in data_rows("roles.tsv"):
        word, kind = row[0].strip(), row[1].strip()
        key = _drop_article(normalize(word))
        if kind in ("role", "both"):
            roles.add(key)
        if kind in ("title", "both"):
            titles.add(key)
    return frozenset(roles), frozenset(titles)


@dataclass(frozen=True, slots=True)
class NameKey:
    """What linking reads from a mention's surface."""

    key: tuple[str, ...]
    group: str  # PERSON or NAME
    titled: bool = False  # honorifics were dropped from the front
    truncated: bool = False  # a run-together second name was cut off
    title_end: int = 0  # characters of the surface that are honorifics (0 when none)


def _words(surface: str) -> tuple[list[str], list[str], list[int]]:
    """(words, their keys, their start offsets) of a surface, عبد + next word joined into one."""
    tokens = tokenize(surface)
    words: list[str] = []
    keys: list[str] = []
    starts: list[int] = []
    skip = False
    for index, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        key = word_key(token.surface)
        if key == "عبد" and index + 1 < len(tokens):  # عبد الله = عبدالله
            following = tokens[index + 1]
            words.append(surface[token.start : following.end])
            keys.append(stem_key("عبد" + normalize(following.surface)))
            starts.append(token.start)
            skip = True
            continue
        if key:
            words.append(token.surface)
            keys.append(key)
            starts.append(token.start)
    return words, keys, starts


def name_key(surface: str, kind: str) -> NameKey:
    """The linking key of a mention (see the module docstring)."""
    words, keys, starts = _words(surface)
    if not keys:
        fallback = " ".join(normalize(surface).split()) or surface.strip() or "?"
        return NameKey((fallback,), PERSON if kind == "PERS" else NAME)
    if kind != "PERS":
        if len(keys) > 2 and keys[-1] in _international():
            keys = keys[:-1]  # مجلس الأمن الدولي = مجلس الأمن; البنك الدولي keeps its adjective
        return NameKey(tuple(keys), NAME)
    _, titles = role_words()
    first = 0
    while first < len(keys) - 1 and _drop_article(normalize(words[first])) in titles:
        first += 1
    last = len(keys)
    for index in range(first + 1, len(keys)):
        norm = normalize(words[index])
        if any(norm.startswith(c) and len(norm) - len(c) >= _MIN_INNER_STEM for c in _INNER_CLITICS):
            last = index
            break
    return NameKey(
        tuple(keys[first:last]),
        PERSON,
        titled=first > 0,
        truncated=last < len(keys),
        title_end=starts[first] if first else 0,
    )


def lookup_keys(surface: str, kind: str) -> tuple[str, ...]:
    """The strings a name can be found by (``Store`` indexes them): its plain key, and for a person
    the key without honorifics (only that one for two names run together). ``get_entity("الكاظمى")``
    finds the entity named الكاظمي."""
    found = [" ".join(name_key(surface, "MISC").key)]
    if kind == "PERS":
        person = name_key(surface, "PERS")
        if person.truncated:  # بلينكن للكاظمي is found as بلينكن, not as كاظمي
            found = []
        found.append(" ".join(person.key))
    return tuple(dict.fromkeys(key for key in found if key))


def entity_id(group: str, key: Sequence[str]) -> str:
    return "n" + hashlib.sha1(f"entity\x00{group}\x00{' '.join(key)}".encode()).hexdigest()[:16]


def _role_start(surface: str) -> int | None:
    """Where a role noun starts inside ``surface`` (after a proclitic), or None if it is none."""
    norm = normalize(surface)
    roles, _ = role_words()
    for cut in range(3):
        if cut and (cut > len(norm) or norm[cut - 1] not in _ROLE_PROCLITICS):
            return None
        if _drop_article(norm[cut:]) in roles:
            return normalize_with_offsets(surface).to_original(cut, len(norm))[0] if cut else 0
    return None


def role_before(text: str, start: int, stops: Sequence[tuple[int, int]] = ()) -> str | None:
    """The role phrase just before ``text[start:]`` (a person's name), or None.

    Reads back at most ``MAX_ROLE_WORDS`` words, stopping at punctuation other than quotation marks,
    at a stop word and at any span of ``stops`` (other people's names); the phrase starts at the
    farthest role noun met. Whitespace inside it is collapsed.
    """
    window = max(0, start - _ROLE_WINDOW_CHARS)
    tokens = tokenize(text[window:start])
    farthest: int | None = None
    gap_end = start
    for count, token in enumerate(reversed(tokens), start=1):
        token_start, token_end = window + token.start, window + token.end
        if count > MAX_ROLE_WORDS or _BREAK.search(text, token_end, gap_end):
            break
        if any(s < token_end and token_start < e for s, e in stops):
            break
        if _plain(token.surface) in _STOPS:
            break
        offset = _role_start(token.surface)
        if offset is not None:
            farthest = token_start + offset
        gap_end = token_start
    if farthest is None:
        return None
    role = " ".join(text[farthest:start].split())
    return role or None


@dataclass(frozen=True, slots=True)
class Usage:
    """How often an entity has been named one way (rebuilds a linker's counts from the store)."""

    entity_id: str
    surface: str
    kind: EntityKind
    count: int


@dataclass(slots=True)
class _Variant:
    count: int
    order: int
    quality: tuple[bool, int]  # (no honorific and not cut off, words in the key)


@dataclass(slots=True)
class _Builder:
    """The growing record of one entity."""

    id: str
    group: str
    key: tuple[str, ...]
    kinds: Counter[str] = field(default_factory=Counter)
    variants: dict[str, _Variant] = field(default_factory=dict)
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)

    def add(self, surface: str, kind: str, count: int = 1) -> None:
        surface = " ".join(surface.split())
        self.kinds[kind] += count
        variant = self.variants.get(surface)
        if variant is None:
            named = name_key(surface, "PERS" if self.group == PERSON else kind)
            quality = (not named.titled and not named.truncated, len(named.key))
            self.variants[surface] = _Variant(count, len(self.variants), quality)
        else:
            variant.count += count

    def add_role(self, role: str) -> None:
        key = tuple(word_key(word.surface) for word in tokenize(role))
        if key and key not in self.roles:
            self.roles[key] = role

    def entity(self) -> Entity:
        if self.group == PERSON:
            kind: EntityKind = "PERS"
        else:
            kind = max(_KIND_ORDER[1:], key=lambda k: (self.kinds[k], -_KIND_ORDER.index(k)))

        def rank(item: tuple[str, _Variant]) -> tuple[bool, int, int, int]:
            variant = item[1]
            if self.group == PERSON:
                return (variant.quality[0], variant.quality[1], variant.count, -variant.order)
            return (True, 0, variant.count, -variant.order)

        name = max(self.variants.items(), key=rank)[0] if self.variants else " ".join(self.key)
        variants = tuple(sorted(self.variants, key=lambda s: self.variants[s].order))
        return Entity(self.id, name, kind, variants, tuple(self.roles.values()))


@dataclass(slots=True)
class _Seen:
    """A person named in a story: the key used and the entity it went to."""

    key: tuple[str, ...]
    entity_id: str


class EntityLinker:
    """Links mentions to entities; holds the entities seen so far (see the module docstring).

    Pure and deterministic: the same articles in the same order give the same ids and entities.
    """

    def __init__(self, entities: Iterable[Entity] = (), usages: Iterable[Usage] = ()) -> None:
        self.builders: dict[str, _Builder] = {}
        self.exact: dict[tuple[str, tuple[str, ...]], str] = {}  # (group, key) -> entity id
        self.aliases: dict[str, set[str]] = {}  # surname key -> people it resolved to
        self.stories: dict[str, list[_Seen]] = {}
        counts: dict[str, list[Usage]] = {}
        for usage in usages:
            counts.setdefault(usage.entity_id, []).append(usage)
        for entity in entities:
            self._restore(entity, counts.get(entity.id, []))

    # -- state ----------------------------------------------------------------------------------
    def _restore(self, entity: Entity, usages: list[Usage]) -> None:
        group = PERSON if entity.kind == "PERS" else NAME
        keys = [name_key(surface, entity.kind).key for surface in entity.variants]
        own = next((key for key in keys if entity_id(group, key) == entity.id), keys[0] if keys else ())
        builder = _Builder(entity.id, group, own)
        used = {usage.surface: usage for usage in usages}
        for surface in entity.variants:
            usage = used.get(surface)
            builder.add(surface, usage.kind if usage else entity.kind, usage.count if usage else 1)
        for usage in usages:
            if usage.surface not in builder.variants:
                builder.add(usage.surface, usage.kind, usage.count)
        for role in entity.roles:
            builder.add_role(role)
        self.builders[entity.id] = builder
        self.exact[(group, own)] = entity.id
        for key in keys:
            self._register(group, key, entity.id)

    def _register(self, group: str, key: tuple[str, ...], target: str) -> None:
        builder = self.builders[target]
        if group == NAME or len(key) > 1:
            self.exact.setdefault((group, key), target)
        elif len(builder.key) > 1:
            self.aliases.setdefault(key[0], set()).add(target)
        else:
            self.exact.setdefault((group, key), target)

    def remember(self, story_id: str, mentions: Iterable[Mention]) -> None:
        """Tell the linker about people already linked in a story (an earlier run's work), in order."""
        seen = self.stories.setdefault(story_id, [])
        for mention in mentions:
            if mention.kind == "PERS" and mention.entity_id is not None and mention.entity_id in self.builders:
                seen.append(_Seen(name_key(mention.surface, "PERS").key, mention.entity_id))

    def entity(self, entity_id: str) -> Entity:
        return self.builders[entity_id].entity()

    # -- linking --------------------------------------------------------------------------------
    def link(
        self, story_id: str | None, article: Article, mentions: Sequence[Mention]
    ) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
        """``mentions`` of ``article`` (in text order) with their entity ids, and every entity this
        changed (new, or with a new variant, role or count), in order of first mention."""
        text = article.text
        named = [name_key(m.surface, m.kind) for m in mentions]
        people = [(m.start, m.end) for m in mentions if m.kind == "PERS"]
        earlier = self.stories.setdefault(story_id, []) if story_id is not None else []
        resolved: dict[int, str] = {}
        local: list[tuple[int, _Seen]] = []  # this article's full names: (index, seen)
        # full names first, so a surname in the headline can join a full name further down
        for index, name in enumerate(named):
            if name.group == PERSON and len(name.key) > 1:
                target = self._full_name(name.key, earlier, local)
                resolved[index] = target
                local.append((index, _Seen(name.key, target)))
        for index, name in enumerate(named):
            if index in resolved:
                continue
            if name.group == NAME:
                resolved[index] = self._exact_or_new(NAME, name.key)
            else:
                resolved[index] = self._surname(name.key, index, earlier, local)
        touched: list[str] = []
        linked = []
        for index, (mention, name) in enumerate(zip(mentions, named, strict=True)):
            target = resolved[index]
            builder = self.builders[target]
            builder.add(mention.surface, mention.kind)
            self._register(name.group, name.key, target)
            if name.group == PERSON:
                role = role_before(text, mention.start, [span for span in people if span[0] != mention.start])
                inside = mention.surface[: name.title_end].strip() if name.titled else ""
                if inside and _role_start(inside.split()[0]) is not None:
                    role = f"{role} {inside}" if role else inside
                if role:
                    builder.add_role(role)
            if target not in touched:
                touched.append(target)
            linked.append(replace(mention, entity_id=target))
        for index, name in enumerate(named):
            if name.group == PERSON:
                earlier.append(_Seen(name.key, resolved[index]))
        return tuple(linked), tuple(self.builders[target].entity() for target in touched)

    def _new(self, group: str, key: tuple[str, ...]) -> str:
        target = entity_id(group, key)
        if target not in self.builders:
            self.builders[target] = _Builder(target, group, key)
        self.exact.setdefault((group, key), target)
        return target

    def _exact_or_new(self, group: str, key: tuple[str, ...]) -> str:
        return self.exact.get((group, key)) or self._new(group, key)

    def _full_name(self, key: tuple[str, ...], earlier: list[_Seen], local: list[tuple[int, _Seen]]) -> str:
        known = self.exact.get((PERSON, key))
        if known is not None:
            return known
        candidates = [seen for _, seen in reversed(local)] + list(reversed(earlier))
        for seen in candidates:
            if len(seen.key) > 1 and _same_person(key, seen.key):
                return seen.entity_id
        return self._new(PERSON, key)

    def _surname(self, key: tuple[str, ...], index: int, earlier: list[_Seen], local: list[tuple[int, _Seen]]) -> str:
        word = key[0]
        before = [seen for position, seen in reversed(local) if position < index]
        after = [seen for position, seen in local if position > index]
        for seen in [*before, *reversed(earlier), *after]:
            if seen.key[-1] == word:
                return seen.entity_id
        people = sorted(self.aliases.get(word, ()))
        if len(people) == 1:
            return people[0]
        return self._exact_or_new(PERSON, key)


def _same_person(key: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Two names of two or more words: one ends the other, or they share first and last word."""
    shorter, longer = sorted((key, other), key=len)
    if longer[-len(shorter) :] == shorter:
        return True
    return shorter[0] == longer[0] and shorter[-1] == longer[-1]
