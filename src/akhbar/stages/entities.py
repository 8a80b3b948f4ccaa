"""Named-entity mentions (PERS, LOC, ORG, MISC) in article text, from the shipped CRF model.

The text is split into sentences and tokens the way the training corpus (ANERcorp) is: words
keep their clitics (ببغداد is one token), punctuation marks are tokens of their own. A mention's
span then drops the clitics the first word carries: و ف ب ك ل (and لل, which is ل + the article's
elided alef) come off, the article ال stays — ``وبالعراق`` gives ``العراق``, ``ببغداد`` gives
``بغداد``. Offsets index the original text: ``text[m.start:m.end] == m.surface`` always.

Linking mentions of one entity across spellings is a later step, not this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from akhbar.eval.ner import chunks
from akhbar.lang.ar import normalize_with_offsets, split_clitics, split_sentences, tokenize
from akhbar.models.ner import NerModel
from akhbar.pipeline import stage
from akhbar.types import Article, EntityKind, Mention, Rejection

__all__ = ["EntityTagger", "entities", "mention_start"]

_KINDS: frozenset[str] = frozenset({"PERS", "LOC", "ORG", "MISC"})
_PUNCTUATION = re.compile(r"\S")
_ARTICLE = "ال"


def mention_start(surface: str) -> int:
    """Characters of ``surface`` (one word as written) that are proclitics, not part of a name."""
    shadow = normalize_with_offsets(surface)
    norm = shadow.text
    if len(norm) < 3 or not norm.isalpha():
        return 0
    prefix, stem = split_clitics(norm)
    if not prefix:
        return 0
    if norm == prefix + stem:
        cut = len(prefix) - len(_ARTICLE) if prefix.endswith(_ARTICLE) else len(prefix)
    else:  # لل + X read as ل + ال + X: the article's alef is not written, so لل goes as a whole
        cut = len(prefix) + 1
    if cut <= 0 or cut >= len(norm):
        return 0
    return shadow.to_original(cut, len(norm))[0]


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, is_word) tokens of ``text[start:end]``: words, and each punctuation mark."""
    found: list[tuple[int, int, bool]] = []
    position = start
    for token in tokenize(text[start:end]):
        word_start, word_end = start + token.start, start + token.end
        found += [(m.start(), m.end(), False) for m in _PUNCTUATION.finditer(text, position, word_start)]
        found.append((word_start, word_end, True))
        position = word_end
    found += [(m.start(), m.end(), False) for m in _PUNCTUATION.finditer(text, position, end)]
    return found


class EntityTagger:
    """Finds mentions in text. ``__init__`` is cheap and picklable; ``setup()`` loads the model."""

    def __init__(self, model_path: Path | None = None) -> None:
        self.model = NerModel(model_path)

    def setup(self) -> None:
        self.model.setup()

    def tag(self, text: str, article_id: str = "") -> list[Mention]:
        """Mentions in ``text`` in text order, with offsets into ``text``."""
        self.model.setup()
        mentions: list[Mention] = []
        sentences = [tokens for start, end in split_sentences(text) if (tokens := _tokens(text, start, end))]
        tagged = self.model.tag_document([[text[start:end] for start, end, _ in tokens] for tokens in sentences])
        for tokens, tags in zip(sentences, tagged, strict=True):
            for chunk in chunks(tags):
                words = [token for token in tokens[chunk.start : chunk.end] if token[2]]
                if not words or chunk.kind not in _KINDS:
                    continue  # a chunk of punctuation only
                first_start, first_end, _ = words[0]
                start = first_start + mention_start(text[first_start:first_end])
                end = words[-1][1]
                kind: EntityKind = chunk.kind  # type: ignore[assignment]
                mentions.append(Mention(article_id, start, end, text[start:end], kind))
        return mentions


@stage("entities", requires={"text"}, provides={"mentions"})
def entities(articles: Iterable[Article], tagger: EntityTagger | None = None) -> Iterator[Article | Rejection]:
    """Attach each article's named-entity mentions (``Article.mentions``), spans of its text."""
    tagger = tagger or EntityTagger()
    tagger.setup()
    for article in articles:
        yield replace(article, mentions=tuple(tagger.tag(article.text, article.id)))
