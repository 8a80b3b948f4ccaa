"""The normalized shadow of title and body, used for matching only."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from akhbar.config import NormalizeConfig
from akhbar.lang.ar import normalize as normalize_text
from akhbar.pipeline import stage
from akhbar.types import Article, Rejection


@stage("normalize", requires={"text", "title"}, provides={"norm_text", "norm_title"})
def normalize(articles: Iterable[Article], cfg: NormalizeConfig) -> Iterator[Article | Rejection]:
    for article in articles:
        yield replace(article, norm_text=normalize_text(article.text), norm_title=normalize_text(article.title))
