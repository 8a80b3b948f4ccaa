"""Tests of the story/event label files in ``tests/data/stories`` and of the eval-file builder.

The structure checks run everywhere; the checks against the article texts skip with a message when
the shared development data (``../shared/data`` beside the checkout) is absent.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from akhbar.eval.story_labels import (
    EVAL_KEYS,
    LABELS_DIR,
    MissingArticleError,
    StoryLabelError,
    build_eval_file,
    day_of,
    load_day,
    load_labels,
    main,
    published_iso,
)

DAY = "2015-08-02"  # the day the synthetic-archive tests imitate
#: Every labelled day, with its number of articles in the SaudiNewsNet archive.
DAYS = {"2015-08-02": 1314, "2015-08-04": 1345}
HELD_OUT = {f"2015-08-{day:02d}" for day in range(6, 12)}


def _labels(day: str) -> Path:
    return LABELS_DIR / f"{day}.labels.jsonl"


def test_every_label_file_is_listed_and_for_an_allowed_day() -> None:
    files = {day_of(path) for path in LABELS_DIR.glob("*.labels.jsonl")}
    assert files == set(DAYS)
    assert not files & HELD_OUT


@pytest.mark.parametrize("day", sorted(DAYS))
def test_label_structure_is_consistent(day: str) -> None:
    labels = load_labels(_labels(day))  # raises on a repeated url or an event in two stories
    urls = [label.url for label in labels]
    assert len(urls) == len(set(urls))
    story_of_event: dict[str, set[str]] = defaultdict(set)
    for label in labels:
        story_of_event[label.event].add(label.story)
        assert label.event.startswith(label.story + "/")
    assert all(len(stories) == 1 for stories in story_of_event.values())
    stories = Counter(label.story for label in labels)
    # the day is mostly singletons, with a few big multi-outlet stories
    assert sum(1 for size in stories.values() if size == 1) > len(stories) / 2
    assert max(stories.values()) >= 10


@pytest.mark.parametrize("day", sorted(DAYS))
def test_label_file_holds_no_article_text(day: str) -> None:
    for raw in _labels(day).read_text(encoding="utf-8").splitlines():
        assert set(json.loads(raw)) == {"url", "story", "event"}


def test_malformed_labels_are_refused(tmp_path: Path) -> None:
    path = tmp_path / f"{DAY}.labels.jsonl"
    good = {"url": "http://a", "story": "s", "event": "s/e"}
    path.write_text(json.dumps(good) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    with pytest.raises(StoryLabelError, match="already labelled"):
        load_labels(path)
    path.write_text(json.dumps({"url": "http://a", "story": "s", "event": "t/e"}) + "\n", encoding="utf-8")
    with pytest.raises(StoryLabelError, match="must be written"):
        load_labels(path)
    path.write_text(json.dumps({"url": "http://a", "story": "S S", "event": "S S/e"}) + "\n", encoding="utf-8")
    with pytest.raises(StoryLabelError, match="not a slug"):
        load_labels(path)
    with pytest.raises(StoryLabelError, match="cannot tell the day"):
        day_of(tmp_path / "labels.jsonl")


def test_published_is_saudi_local_time() -> None:
    assert published_iso("2015-08-02 22:46:54") == "2015-08-02T22:46:54+03:00"


def _fake_data(tmp_path: Path, articles: list[dict[str, str]]) -> Path:
    data = tmp_path / "data"
    folder = data / "saudinewsnet" / "dataset"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(folder / f"{DAY}.zip", "w") as archive:
        archive.writestr(f"{DAY}.json", json.dumps(articles, ensure_ascii=False))
    return data


def test_build_on_synthetic_archive(tmp_path: Path) -> None:
    articles = [
        {
            "source": "x",
            "url": "http://x/1",
            "date_extracted": "2015-08-02 10:00:00",
            "title": " t1 ",
            "author": "",
            "content": "نص أول",
        },
        {
            "source": "y",
            "url": "http://y/2",
            "date_extracted": "2015-08-02 11:30:00",
            "title": "t2",
            "author": "",
            "content": "",
        },
    ]
    data = _fake_data(tmp_path, articles)
    labels = tmp_path / f"{DAY}.labels.jsonl"
    labels.write_text(
        "\n".join(
            json.dumps(r)
            for r in (
                {"url": "http://y/2", "story": "b", "event": "b/b"},
                {"url": "http://x/1", "story": "a", "event": "a/first"},
            )
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "eval.jsonl"
    assert build_eval_file(data, labels, out) == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [tuple(row) for row in rows] == [EVAL_KEYS, EVAL_KEYS]
    assert rows[1] == {
        "id": "http://x/1",
        "source": "x",
        "url": "http://x/1",
        "published": "2015-08-02T10:00:00+03:00",
        "title": "t1",
        "text": "نص أول",
        "story": "a",
        "event": "a/first",
    }

    labels.write_text(json.dumps({"url": "http://z/3", "story": "c", "event": "c/c"}) + "\n", encoding="utf-8")
    with pytest.raises(MissingArticleError, match="name no article"):
        build_eval_file(data, labels, out)
    with pytest.raises(MissingArticleError, match="no SaudiNewsNet archive"):
        build_eval_file(tmp_path / "nowhere", labels, out)
    assert main([str(tmp_path / "nowhere"), str(labels), str(out)]) == 1


@pytest.mark.parametrize("day", sorted(DAYS))
def test_labels_cover_the_day_exactly_once(shared_data: Path, day: str) -> None:
    articles = load_day(shared_data, day)
    day_urls = Counter(article["url"] for article in articles)
    label_urls = Counter(label.url for label in load_labels(_labels(day)))
    assert len(articles) == DAYS[day]
    assert all(count == 1 for count in day_urls.values())
    assert label_urls == day_urls


@pytest.mark.parametrize("day", sorted(DAYS))
def test_build_real_eval_file(shared_data: Path, tmp_path: Path, day: str) -> None:
    out = tmp_path / "eval.jsonl"
    assert main([str(shared_data), str(_labels(day)), str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == DAYS[day]
    for row in rows:
        assert tuple(row) == EVAL_KEYS
        assert row["id"] == row["url"]
        assert row["published"].startswith(day) and row["published"].endswith("+03:00")
        assert row["title"] or row["text"]
    assert len({row["story"] for row in rows}) < len(rows)


def test_the_second_labelling_is_a_consistent_sample_of_its_day() -> None:
    sample = LABELS_DIR / "2015-08-04.second-sample.jsonl"
    rows = [json.loads(raw) for raw in sample.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 600 and all(set(row) == {"url", "story", "event"} for row in rows)
    day = {label.url: label for label in load_labels(_labels("2015-08-04"))}
    assert {row["url"] for row in rows} <= set(day) and len({row["url"] for row in rows}) == 600
    story_of_event: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        assert row["event"].startswith(row["story"] + "/")
        story_of_event[row["event"]].add(row["story"])
    assert all(len(stories) == 1 for stories in story_of_event.values())
    # labelled apart: not the day's labels copied (the slugs differ for most stories)
    assert sum(row["story"] == day[row["url"]].story for row in rows) < len(rows) / 2
