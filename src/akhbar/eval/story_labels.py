"""Join the hand-made story/event labels in ``tests/data/stories`` with the SaudiNewsNet texts.

The label files hold no article text, only ids and labels: ``<day>.labels.jsonl`` has one JSON
object per article of that SaudiNewsNet day, ``{"url", "story", "event"}``. ``story`` is a slug
naming the story; ``event`` names one development inside it and is written ``"<story>/<slug>"``,
so an event id is unique across the whole file and belongs to exactly one story.

:func:`build_eval_file` reads the day archive ``<data_dir>/saudinewsnet/dataset/<day>.zip`` (one
JSON array of ``{source, url, date_extracted, title, author, content}``), checks that every label
names exactly one article of that day, and writes the **eval format** read by
:mod:`akhbar.eval.stories`: one article per line, ``{"id", "source", "url", "published", "title",
"text", "story", "event"}``, with the url as ``id`` and ``published`` the ``date_extracted``
(Saudi local time) in ISO 8601 with a ``+03:00`` offset.

Command line::

    python -m akhbar.eval.story_labels DATA_DIR LABELS OUT

The output holds article text: write it outside the repository.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from akhbar.errors import AkhbarError, NotFoundError

#: the hand-labelled files in a source checkout (``src/akhbar/eval`` -> repository root)
LABELS_DIR = Path(__file__).resolve().parents[3] / "tests" / "data" / "stories"
SAUDINEWSNET_DIR = Path("saudinewsnet") / "dataset"
#: the keys of one line of the eval format, in this order
EVAL_KEYS = ("id", "source", "url", "published", "title", "text", "story", "event")
SAUDI_OFFSET = "+03:00"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})\.labels\.jsonl$")


class StoryLabelError(AkhbarError, ValueError):
    """The label file is malformed or inconsistent (the message names the file and line)."""


class MissingArticleError(NotFoundError):
    """A label names an article that the day archive does not hold (or the archive is missing)."""


@dataclass(frozen=True, slots=True)
class StoryLabel:
    """One line of a label file."""

    url: str
    story: str
    event: str
    line: int


def day_of(labels_path: Path) -> str:
    """The SaudiNewsNet day a label file covers, from its name ``YYYY-MM-DD.labels.jsonl``."""
    match = _DAY.match(Path(labels_path).name)
    if match is None:
        raise StoryLabelError(
            f"{labels_path}: cannot tell the day from the file name (expected YYYY-MM-DD.labels.jsonl)"
        )
    return match.group(1)


def load_labels(labels_path: Path) -> list[StoryLabel]:
    """Read and check a label file: fields, slugs, one line per url, each event in one story."""
    path = Path(labels_path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise StoryLabelError(f"{path}: cannot read the label file ({exc})") from exc
    labels: list[StoryLabel] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise StoryLabelError(f"{where}: invalid JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or set(record) != {"url", "story", "event"}:
            raise StoryLabelError(f"{where}: expected an object with exactly url, story and event")
        url, story, event = record["url"], record["story"], record["event"]
        if not all(isinstance(value, str) and value for value in (url, story, event)):
            raise StoryLabelError(f"{where}: url, story and event must be non-empty strings")
        if not _SLUG.match(story):
            raise StoryLabelError(f"{where}: story {story!r} is not a slug (lower-case words joined by '-')")
        prefix, _, event_slug = event.partition("/")
        if prefix != story or not _SLUG.match(event_slug):
            raise StoryLabelError(f"{where}: event {event!r} must be written '{story}/<slug>'")
        labels.append(StoryLabel(url=url, story=story, event=event, line=number))
    if not labels:
        raise StoryLabelError(f"{path}: no labels")
    problems = structure_problems(labels)
    if problems:
        raise StoryLabelError(f"{path}: " + "; ".join(problems[:5]))
    return labels


def structure_problems(labels: Iterable[StoryLabel]) -> list[str]:
    """What is inconsistent in a set of labels: a url labelled twice, an event in two stories."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    story_of_event: dict[str, str] = {}
    for label in labels:
        if label.url in seen:
            problems.append(f"line {label.line}: url already labelled on line {seen[label.url]}")
        else:
            seen[label.url] = label.line
        owner = story_of_event.setdefault(label.event, label.story)
        if owner != label.story:
            problems.append(f"line {label.line}: event {label.event!r} is in stories {owner!r} and {label.story!r}")
    return problems


def day_archive(data_dir: Path, day: str) -> Path:
    """The SaudiNewsNet archive of one day under a data directory (the shared ``data`` folder)."""
    data_dir = Path(data_dir)
    for candidate in (data_dir / SAUDINEWSNET_DIR / f"{day}.zip", data_dir / f"{day}.zip"):
        if candidate.is_file():
            return candidate
    raise MissingArticleError(
        f"no SaudiNewsNet archive for {day} under {data_dir} (looked for {SAUDINEWSNET_DIR / f'{day}.zip'})"
    )


def load_day(data_dir: Path, day: str) -> list[dict[str, Any]]:
    """All articles of one SaudiNewsNet day, as stored (one JSON array in the zip)."""
    path = day_archive(data_dir, day)
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if name.endswith(".json")]
            if len(names) != 1:
                raise MissingArticleError(f"{path}: expected one .json file, found {len(names)}")
            articles = json.loads(archive.read(names[0]).decode("utf-8"))
    except (OSError, zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MissingArticleError(f"{path}: cannot read the archive ({exc})") from exc
    if not isinstance(articles, list):
        raise MissingArticleError(f"{path}: expected a JSON array of articles")
    return articles


def published_iso(date_extracted: str) -> str:
    """``2015-08-02 22:46:54`` (Saudi local time) -> ``2015-08-02T22:46:54+03:00``."""
    try:
        moment = datetime.strptime(date_extracted.strip(), "%Y-%m-%d %H:%M:%S")
    except (AttributeError, ValueError) as exc:
        raise MissingArticleError(f"unexpected date_extracted {date_extracted!r}") from exc
    return moment.isoformat() + SAUDI_OFFSET


def join(
    labels: Sequence[StoryLabel], articles: Sequence[Mapping[str, Any]], *, where: str = ""
) -> list[dict[str, str]]:
    """The eval-format records of the labelled articles, in label order; every label must resolve."""
    by_url: dict[str, Mapping[str, Any]] = {}
    duplicated: set[str] = set()
    for article in articles:
        url = article.get("url")
        if isinstance(url, str):
            if url in by_url:
                duplicated.add(url)
            by_url[url] = article
    records: list[dict[str, str]] = []
    missing: list[StoryLabel] = []
    for label in labels:
        if label.url in duplicated:
            raise MissingArticleError(
                f"{where}line {label.line}: url occurs more than once in the archive: {label.url}"
            )
        found = by_url.get(label.url)
        if found is None:
            missing.append(label)
            continue
        article = found
        records.append(
            {
                "id": label.url,
                "source": str(article.get("source") or ""),
                "url": label.url,
                "published": published_iso(str(article.get("date_extracted") or "")),
                "title": str(article.get("title") or "").strip(),
                "text": str(article.get("content") or "").strip(),
                "story": label.story,
                "event": label.event,
            }
        )
    if missing:
        first = missing[0]
        raise MissingArticleError(
            f"{where}{len(missing)} label(s) name no article of the archive; first on line {first.line}: {first.url}"
        )
    return records


def build_eval_file(data_dir: Path, labels_path: Path, out: Path) -> int:
    """Join a label file with the day's texts and write the eval format to ``out``; return the count.

    The day is taken from the label file's name (``YYYY-MM-DD.labels.jsonl``). Raises
    :class:`StoryLabelError` for a malformed label file and :class:`MissingArticleError` when the
    archive is missing or a label names no article in it.
    """
    labels_path = Path(labels_path)
    labels = load_labels(labels_path)
    articles = load_day(Path(data_dir), day_of(labels_path))
    records = join(labels, articles, where=f"{labels_path}: ")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps({key: record[key] for key in EVAL_KEYS}, ensure_ascii=False) + "\n")
    return len(records)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] in ("-h", "--help"):
        print("usage: python -m akhbar.eval.story_labels DATA_DIR LABELS OUT", file=sys.stderr)
        return 2
    try:
        count = build_eval_file(Path(args[0]), Path(args[1]), Path(args[2]))
    except AkhbarError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count} articles to {args[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
