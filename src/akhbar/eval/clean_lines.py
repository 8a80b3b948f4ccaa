"""Line-level evaluation of body cleaning against the hand-labelled set in ``tests/data/clean_labels``.

The label file holds no article text: each entry names an article in the shared development data
(SaudiNewsNet day archive + URL, or SemEval-2022 Task 8 pair id + side), the sha1 of its body, and
one label per non-empty line of ``body.split("\\n")``: ``body``, ``boilerplate``, ``byline`` or
``dateline``. ``resolve`` finds the texts under a data directory given by the caller and checks the
hashes; ``score_cleaner`` runs a cleaner over them and scores which lines it removed.

A raw line counts as **kept** when its text (after whitespace normalization) occurs in the cleaned
output, or when a contiguous piece of at least ``min_share`` (default half) of its characters does
(so a body line whose dateline prefix was cut off is still kept); otherwise it is **removed**.
Occurrences are claimed longest line first and never reused, so a short removed line is not
"found" inside a longer kept line, and duplicated lines are matched once each.
A line is **gold removed** when its label is boilerplate, byline or dateline.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from akhbar.errors import AkhbarError, NotFoundError

LABELS = ("body", "boilerplate", "byline", "dateline")
REMOVED_LABELS = frozenset({"boilerplate", "byline", "dateline"})
DATASETS = ("saudinewsnet", "semeval")

#: the label file in a source checkout (``src/akhbar/eval`` -> repository root)
DEFAULT_LABELS = Path(__file__).resolve().parents[3] / "tests" / "data" / "clean_labels" / "labels.jsonl"
SEMEVAL_FILE = Path("semeval2022_task8_ar") / "ar_ar_train_pairs_with_text.jsonl"
SAUDINEWSNET_DIR = Path("saudinewsnet") / "dataset"

Cleaner = Callable[[str, str, str], str]  # clean(title, text, source) -> cleaned body


class LabelFileError(AkhbarError, ValueError):
    """The label file is malformed, or its labels do not fit the text they point at."""


class MissingArticleError(NotFoundError):
    """A labelled article cannot be found in the data directory (or its text has changed)."""


@dataclass(frozen=True, slots=True)
class LabelEntry:
    """One line of the label file: where the article is, its hash, and its line labels."""

    dataset: str
    source: str
    sha1: str
    lines: tuple[tuple[int, str], ...]
    file: str | None = None  # saudinewsnet: day archive, e.g. "2015-07-22.zip"
    url: str | None = None  # saudinewsnet
    pair_id: str | None = None  # semeval
    side: int | None = None  # semeval: 1 or 2

    @property
    def key(self) -> str:
        if self.dataset == "saudinewsnet":
            return f"saudinewsnet:{self.file}:{self.url}"
        return f"semeval:{self.pair_id}:{self.side}"


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    key: str
    source: str
    title: str
    text: str
    lines: tuple[tuple[int, str], ...]  # (line number in text.split("\n"), label)


@dataclass(frozen=True, slots=True)
class LineScore:
    """Removal counts over a set of labelled lines; precision/recall are None when undefined."""

    lines: int = 0
    gold_removed: int = 0
    predicted_removed: int = 0
    correct_removed: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct_removed / self.predicted_removed if self.predicted_removed else None

    @property
    def recall(self) -> float | None:
        return self.correct_removed / self.gold_removed if self.gold_removed else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    def __add__(self, other: LineScore) -> LineScore:
        return LineScore(
            self.lines + other.lines,
            self.gold_removed + other.gold_removed,
            self.predicted_removed + other.predicted_removed,
            self.correct_removed + other.correct_removed,
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class LineOutcome:
    """One scored line where gold and prediction disagree (ids only, no text)."""

    key: str
    source: str
    line: int
    label: str
    predicted_removed: bool


@dataclass(frozen=True, slots=True)
class CleanEval:
    articles: int
    overall: LineScore
    by_source: tuple[tuple[str, LineScore], ...]
    # label -> (lines with that label, how many of them the cleaner removed)
    by_label: tuple[tuple[str, int, int], ...]
    mistakes: tuple[LineOutcome, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "overall": self.overall.as_dict(),
            "by_source": {source: score.as_dict() for source, score in self.by_source},
            "by_label": {label: {"lines": n, "removed": r} for label, n, r in self.by_label},
            "mistakes": [asdict(m) for m in self.mistakes],
        }


# ------------------------------------------------------------------------------------------ loading


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _entry(raw: Mapping[str, Any], where: str) -> LabelEntry:
    dataset = raw.get("dataset")
    if dataset not in DATASETS:
        raise LabelFileError(f"{where}: dataset must be one of {', '.join(DATASETS)}, not {dataset!r}")
    lines = raw.get("lines")
    if not isinstance(lines, list) or not lines:
        raise LabelFileError(f"{where}: 'lines' must be a non-empty list of [line, label]")
    parsed: list[tuple[int, str]] = []
    for item in lines:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[0], int)
            or isinstance(item[0], bool)
            or item[1] not in LABELS
        ):
            raise LabelFileError(f"{where}: bad line label {item!r} (want [line number, one of {LABELS}])")
        if parsed and item[0] <= parsed[-1][0]:
            raise LabelFileError(f"{where}: line numbers must be strictly increasing ({item[0]})")
        if item[0] < 0:
            raise LabelFileError(f"{where}: negative line number {item[0]}")
        parsed.append((item[0], item[1]))
    sha1 = raw.get("sha1")
    if not isinstance(sha1, str) or len(sha1) != 40:
        raise LabelFileError(f"{where}: missing or malformed sha1")
    source = str(raw.get("source") or dataset)
    if dataset == "saudinewsnet":
        if not raw.get("file") or not raw.get("url"):
            raise LabelFileError(f"{where}: a saudinewsnet entry needs 'file' and 'url'")
        return LabelEntry(dataset, source, sha1, tuple(parsed), file=str(raw["file"]), url=str(raw["url"]))
    if not raw.get("pair_id") or raw.get("side") not in (1, 2):
        raise LabelFileError(f"{where}: a semeval entry needs 'pair_id' and 'side' (1 or 2)")
    return LabelEntry(dataset, source, sha1, tuple(parsed), pair_id=str(raw["pair_id"]), side=int(raw["side"]))


def parse_labels(rows: Iterable[Mapping[str, Any]], where: str = "labels") -> tuple[LabelEntry, ...]:
    entries = tuple(_entry(row, f"{where} entry {n}") for n, row in enumerate(rows, 1))
    seen: set[str] = set()
    for entry in entries:
        if entry.key in seen:
            raise LabelFileError(f"{where}: {entry.key} is labelled twice")
        seen.add(entry.key)
    return entries


def load_labels(path: Path | str = DEFAULT_LABELS) -> tuple[LabelEntry, ...]:
    """Read and validate a label file (JSON lines); no data directory needed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LabelFileError(f"{path}: cannot read label file ({exc.strerror or exc})") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise LabelFileError(f"{path}:{number}: not JSON ({exc.msg})") from exc
    return parse_labels(rows, str(path))


def _check_lines(entry: LabelEntry, text: str) -> None:
    raw_lines = text.split("\n")
    wanted = {i for i, line in enumerate(raw_lines) if line.strip()}
    got = {i for i, _ in entry.lines}
    outside = sorted(i for i in got if i >= len(raw_lines))
    if outside:
        raise LabelFileError(f"{entry.key}: line {outside[0]} is beyond the text's {len(raw_lines)} lines")
    empty = sorted(got - wanted)
    if empty:
        raise LabelFileError(f"{entry.key}: line {empty[0]} is empty but labelled")
    unlabelled = sorted(wanted - got)
    if unlabelled:
        raise LabelFileError(f"{entry.key}: non-empty line {unlabelled[0]} has no label")


def resolve(entries: Iterable[LabelEntry], data_dir: Path | str) -> tuple[LabelledArticle, ...]:
    """Find every labelled article under ``data_dir`` (the shared ``data`` folder) and check it.

    Raises MissingArticleError when an article (or its archive) is absent or its text's sha1
    differs, and LabelFileError when the labels do not cover exactly the non-empty lines.
    """
    data_dir = Path(data_dir)
    entries = tuple(entries)
    snn: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for file in sorted({e.file for e in entries if e.dataset == "saudinewsnet" and e.file}):
        path = data_dir / SAUDINEWSNET_DIR / file
        try:
            with zipfile.ZipFile(path) as archive:
                records = [r for member in archive.namelist() for r in json.loads(archive.read(member))]
        except (OSError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
            raise MissingArticleError(f"{path}: cannot read SaudiNewsNet archive ({exc})") from exc
        by_url: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            by_url.setdefault(record.get("url") or "", []).append(record)
        snn[file] = by_url
    pairs: dict[str, dict[str, Any]] = {}
    if any(e.dataset == "semeval" for e in entries):
        path = data_dir / SEMEVAL_FILE
        try:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    pairs[str(row["pair_id"])] = row
        except (OSError, json.JSONDecodeError, KeyError) as exc:
            raise MissingArticleError(f"{path}: cannot read SemEval pairs ({exc})") from exc

    out = []
    for entry in entries:
        if entry.dataset == "saudinewsnet":
            candidates = snn[entry.file or ""].get(entry.url or "", [])
            if not candidates:
                raise MissingArticleError(f"{entry.key}: no article with this URL in {entry.file}")
            texts = [(r.get("title") or "", r.get("content") or "") for r in candidates]
        else:
            row = pairs.get(entry.pair_id or "")
            if row is None:
                raise MissingArticleError(f"{entry.key}: no pair {entry.pair_id} in {SEMEVAL_FILE}")
            texts = [(row.get(f"title{entry.side}") or "", row.get(f"text{entry.side}") or "")]
        match = [(title, text) for title, text in texts if text_sha1(text) == entry.sha1]
        if not match:
            raise MissingArticleError(f"{entry.key}: found, but its text's sha1 is not {entry.sha1}")
        title, text = match[0]
        _check_lines(entry, text)
        out.append(LabelledArticle(entry.key, entry.source, title, text, entry.lines))
    return tuple(out)


def load_labelled(data_dir: Path | str, labels: Path | str = DEFAULT_LABELS) -> tuple[LabelledArticle, ...]:
    return resolve(load_labels(labels), data_dir)


# ------------------------------------------------------------------------------------------ scoring


def normalize(text: str) -> str:
    """Collapse whitespace and drop invisible format characters (bidi marks, zero-width joiners)."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())


_CLAIMED = "\x00"


def kept_lines(lines: Sequence[str], cleaned: str, min_share: float = 0.5) -> list[bool]:
    """For each raw line, whether it survives in ``cleaned`` (see the module docstring)."""
    pool = normalize(cleaned)
    result = [False] * len(lines)
    norm = [normalize(line) for line in lines]
    for index in sorted(range(len(lines)), key=lambda i: (-len(norm[i]), i)):
        s = norm[index]
        if not s:
            result[index] = True
            continue
        at = pool.find(s)
        width = len(s)
        if at < 0:
            width = max(1, math.ceil(min_share * len(s)))
            for start in range(len(s) - width + 1):
                at = pool.find(s[start : start + width])
                if at >= 0:
                    break
        if at >= 0:
            result[index] = True
            pool = pool[:at] + _CLAIMED * width + pool[at + width :]
    return result


def score_outputs(articles: Sequence[LabelledArticle], outputs: Sequence[str], *, min_share: float = 0.5) -> CleanEval:
    """Score cleaned bodies ``outputs[i]`` (for ``articles[i]``) against the line labels."""
    if len(outputs) != len(articles):
        raise ValueError(f"{len(outputs)} outputs for {len(articles)} articles")
    per_source: dict[str, LineScore] = {}
    label_counts = {label: [0, 0] for label in LABELS}
    mistakes = []
    for article, cleaned in zip(articles, outputs, strict=True):
        raw_lines = article.text.split("\n")
        kept = kept_lines([raw_lines[i] for i, _ in article.lines], cleaned, min_share)
        score = LineScore()
        for (number, label), was_kept in zip(article.lines, kept, strict=True):
            gold = label in REMOVED_LABELS
            predicted = not was_kept
            score = score + LineScore(1, int(gold), int(predicted), int(gold and predicted))
            label_counts[label][0] += 1
            label_counts[label][1] += int(predicted)
            if gold != predicted:
                mistakes.append(LineOutcome(article.key, article.source, number, label, predicted))
        per_source[article.source] = per_source.get(article.source, LineScore()) + score
    overall = sum(per_source.values(), LineScore())
    return CleanEval(
        articles=len(articles),
        overall=overall,
        by_source=tuple(sorted(per_source.items())),
        by_label=tuple((label, n, removed) for label, (n, removed) in label_counts.items()),
        mistakes=tuple(mistakes),
    )


def score_cleaner(clean: Cleaner, articles: Sequence[LabelledArticle], *, min_share: float = 0.5) -> CleanEval:
    """Run ``clean(title, text, source)`` on every article and score the result."""
    outputs = [clean(a.title, a.text, a.source) for a in articles]
    return score_outputs(articles, outputs, min_share=min_share)


def evaluate(
    clean: Cleaner, data_dir: Path | str, labels: Path | str = DEFAULT_LABELS, *, min_share: float = 0.5
) -> CleanEval:
    """Load the labels, resolve them under ``data_dir`` and score ``clean``."""
    return score_cleaner(clean, load_labelled(data_dir, labels), min_share=min_share)


# ------------------------------------------------------------------------------ the pipeline's cleaner


def stage_cleaner() -> Cleaner:
    """``akhbar.stages.clean`` as a per-article callable: RawDocument -> to_article -> clean.

    The texts of every Article the stages yield are joined with newlines; an article they reject
    yields an empty body (every line removed).
    """
    from akhbar.config import CleanConfig, IngestConfig
    from akhbar.stages.article import to_article
    from akhbar.stages.clean import clean as clean_stage
    from akhbar.types import Article, RawDocument

    ingest, cleaning = IngestConfig(), CleanConfig()

    def run(title: str, text: str, source: str) -> str:
        doc = RawDocument(origin="clean-eval", source=source, text=text, title=title)
        records = clean_stage(to_article([doc], ingest), cleaning)
        return "\n".join(r.text for r in records if isinstance(r, Article))

    return run


def stage_outputs(articles: Sequence[LabelledArticle]) -> list[str]:
    """Run all articles through to_article + clean as one stream (lets a cleaner learn per outlet)."""
    from akhbar.config import CleanConfig, IngestConfig
    from akhbar.stages.article import to_article
    from akhbar.stages.clean import clean as clean_stage
    from akhbar.types import Article, RawDocument

    docs = [RawDocument(origin=a.key, source=a.source, text=a.text, title=a.title) for a in articles]
    texts: dict[str, list[str]] = {}
    for record in clean_stage(to_article(docs, IngestConfig()), CleanConfig()):
        if isinstance(record, Article):
            texts.setdefault(record.origin, []).append(record.text)
    return ["\n".join(texts.get(a.key, [])) for a in articles]


def format_table(result: CleanEval) -> str:
    """A plain-text table: one row per source and a total row."""

    def pct(value: float | None) -> str:
        return "    —" if value is None else f"{100 * value:5.1f}"

    head = f"{'source':<14}{'lines':>7}{'gold rm':>9}{'pred rm':>9}{'correct':>9}{'P %':>7}{'R %':>7}{'F1 %':>7}"
    rows = [head, "-" * len(head)]
    for source, s in [*result.by_source, ("ALL", result.overall)]:
        if source == "ALL":
            rows.append("-" * len(head))
        rows.append(
            f"{source:<14}{s.lines:>7}{s.gold_removed:>9}{s.predicted_removed:>9}{s.correct_removed:>9}"
            f"{pct(s.precision):>7}{pct(s.recall):>7}{pct(s.f1):>7}"
        )
    rows.append("")
    rows.append("removed by gold label: " + ", ".join(f"{lab} {r}/{n}" for lab, n, r in result.by_label))
    return "\n".join(rows)
