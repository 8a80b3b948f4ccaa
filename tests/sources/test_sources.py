"""Readers: every format, and every kind of bad input becomes a counted, one-line rejection."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from akhbar.errors import SourceError
from akhbar.sources import expand_paths, read_paths
from akhbar.types import RawDocument, Rejection

ARTICLE = "قال المتحدث باسم الوزارة إن الاجتماع سيعقد في الرياض الأسبوع المقبل لبحث التعاون."


def split(records: list[RawDocument | Rejection]) -> tuple[list[RawDocument], list[Rejection]]:
    docs = [r for r in records if isinstance(r, RawDocument)]
    rejected = [r for r in records if isinstance(r, Rejection)]
    assert len(docs) + len(rejected) == len(records)
    return docs, rejected


def test_seed_text_file_headline_body_and_outlet_from_folder(seed_files: list[Path]) -> None:
    docs, rejected = split(list(read_paths([seed_files[0]])))
    assert not rejected
    (doc,) = docs
    assert doc.title.startswith("بايدن يبحث مع رئيس وزراء العراق")
    assert doc.text.startswith("نورالدين النايم")
    assert doc.source == seed_files[0].parent.name
    assert doc.published is None


def test_source_option_overrides_folder_name(seed_files: list[Path]) -> None:
    docs, _ = split(list(read_paths(seed_files, source="wire")))
    assert {d.source for d in docs} == {"wire"}


def test_windows_1256_text_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cp1256.txt"
    path.write_bytes(("عنوان الخبر\n\n" + ARTICLE).encode("cp1256"))
    docs, rejected = split(list(read_paths([path])))
    assert not rejected
    assert docs[0].title == "عنوان الخبر"
    assert docs[0].text == ARTICLE


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(("عنوان\n" + ARTICLE).encode("utf-16"))
    docs, rejected = split(list(read_paths([path])))
    assert not rejected
    assert docs[0].text == ARTICLE


def test_empty_and_binary_files_are_rejected_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin.txt").write_bytes("Ünïcödé façade déjà vu".encode("latin-1"))
    (tmp_path / "good.txt").write_text("عنوان\n" + ARTICLE, encoding="utf-8")
    docs, rejected = split(list(read_paths([tmp_path])))
    assert [d.title for d in docs] == ["عنوان"]
    reasons = {Path(r.origin).name: r.reason for r in rejected}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["image.txt"].startswith("binary data")
    assert "not UTF-8" in reasons["latin.txt"]
    assert all("\n" not in reason for reason in reasons.values())


def test_jsonl_schema_extra_keys_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed" / "articles.jsonl"
    path.parent.mkdir()
    good = {
        "id": "n1",
        "source": "wire",
        "url": "https://example.com/n1",
        "published": "2021-03-03T10:00:00+03:00",
        "title": "عنوان",
        "text": ARTICLE,
        "section": "سياسة",
        "tags": ["a", "b"],
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        "",
        '{"id": "n2", "title": "مقطوع", "text": "نص',  # truncated line
        json.dumps({"id": "n3", "title": "بلا نص"}),  # missing text
        json.dumps({"id": "n4", "text": ARTICLE, "published": "yesterday"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "n5", "text": ARTICLE}),  # no source: folder name
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejected = split(list(read_paths([path])))
    assert [d.external_id for d in docs] == ["n1", "n5"]
    first = docs[0]
    assert first.published == datetime(2021, 3, 3, 7, 0, tzinfo=UTC)
    assert first.source == "wire"
    assert dict(first.extra) == {"section": '"سياسة"', "tags": '["a", "b"]'}
    assert docs[1].source == "feed"
    by_line = {r.origin.rsplit(":", 1)[1]: r.reason for r in rejected}
    assert by_line["3"].startswith("invalid JSON")
    assert by_line["4"] == "JSON object has no 'text' (nor 'content' or 'body')"
    assert by_line["5"].startswith("published is not ISO 8601")
    assert by_line["6"] == "expected a JSON object, found list"


def _snn_record(index: int, content: str = ARTICLE) -> dict[str, str]:
    return {
        "source": "sabq",
        "url": f"https://sabq.org/{index}",
        "date_extracted": "2015-07-21 02:51:32",
        "title": f"خبر {index}",
        "author": "",
        "content": content,
    }


def test_saudinewsnet_zip_reads_records_with_saudi_time(tmp_path: Path) -> None:
    path = tmp_path / "2015-07-21.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2015-07-21.json", json.dumps([_snn_record(i) for i in range(3)], ensure_ascii=False))
    docs, rejected = split(list(read_paths([path])))
    assert not rejected
    assert [d.url for d in docs] == [f"https://sabq.org/{i}" for i in range(3)]
    assert docs[0].published == datetime(2015, 7, 20, 23, 51, 32, tzinfo=UTC)
    assert docs[0].source == "sabq"
    assert docs[0].author is None
    assert docs[0].origin.endswith("2015-07-21.zip:2015-07-21.json#0")


def test_zip_with_corrupt_member_keeps_the_good_member(tmp_path: Path) -> None:
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.json", json.dumps([_snn_record(1)], ensure_ascii=False))
        archive.writestr("bad.json", json.dumps([_snn_record(i) for i in range(2, 50)], ensure_ascii=False))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("bad.json")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 40
    data[start : start + 30] = b"\xff" * 30  # damage the compressed bytes of bad.json
    path.write_bytes(bytes(data))
    docs, rejected = split(list(read_paths([path])))
    assert [d.url for d in docs] == ["https://sabq.org/1"]
    assert len(rejected) == 1
    assert rejected[0].origin.endswith("mixed.zip:bad.json")
    assert rejected[0].reason.startswith("corrupt zip member")


def test_truncated_json_array_keeps_complete_elements(tmp_path: Path) -> None:
    path = tmp_path / "day.zip"
    text = json.dumps([_snn_record(i) for i in range(5)], ensure_ascii=False)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("day.json", text[: len(text) * 3 // 4])
    docs, rejected = split(list(read_paths([path])))
    assert 2 <= len(docs) < 5
    assert len(rejected) == 1
    assert "earlier elements kept" in rejected[0].reason


def test_object_missing_content_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "day.zip"
    record = _snn_record(1)
    del record["content"]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("day.json", json.dumps([record, _snn_record(2)], ensure_ascii=False))
    docs, rejected = split(list(read_paths([path])))
    assert len(docs) == 1
    assert rejected[0].reason == "JSON object has no 'text' (nor 'content' or 'body')"


def test_not_a_zip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_bytes(b"this is not a zip")
    _, rejected = split(list(read_paths([path])))
    assert rejected[0].reason.startswith("not a readable zip archive")


def test_huge_file_is_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("عنوان\n" + ARTICLE * 100, encoding="utf-8")
    _, rejected = split(list(read_paths([path], max_bytes=1000)))
    assert rejected[0].reason.startswith("file too large")


def test_folders_and_globs_expand_once_in_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.jsonl", "README.md", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    files = [f.path.relative_to(tmp_path).as_posix() for f in expand_paths([tmp_path, str(tmp_path / "*.txt")])]
    assert files == ["a.txt", "b.txt", "sub/c.jsonl"]


def test_missing_path_is_an_error_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        list(read_paths([tmp_path / "nope.jsonl"]))
    with pytest.raises(SourceError):
        list(read_paths([str(tmp_path / "*.zip")]))
