"""The HTTP API against a real server process on 127.0.0.1 (see conftest.py)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from akhbar.search import MAX_QUERY_CHARS

from .conftest import MAX_INGEST_BYTES, NER_MODEL, LiveServer, needs_ner_model

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

INJECTIONS = [
    '"',
    '""',
    'بغداد"',
    "*",
    "بغد*",
    "NEAR(بغداد الرياض)",
    "بغداد OR الرياض",
    "بغداد AND",
    "NOT بغداد",
    "(بغداد",
    "title:بغداد",
    "^بغداد",
    "{title body}: بغداد",
    "- + \\ ' ; --",
    "\x00",
]


def seed_story(client: httpx.Client) -> dict[str, Any]:
    listing = client.get("/api/stories", params={"source": "outlet-000"}).json()
    assert listing["total"] == 1
    return client.get(f"/api/stories/{listing['stories'][0]['id']}").json()


def assert_error(response: httpx.Response, status: int, error: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == error and body["detail"]
    assert "Traceback" not in response.text
    return body


def test_health_and_openapi(live_server: LiveServer) -> None:
    with live_server.client() as client:
        health = client.get("/api/health").json()
        assert health["status"] == "ok" and health["articles"] >= 5
        assert health["search_indexed"] == health["articles"]
        spec = client.get("/api/openapi.json").json()
        for path in (
            "/api/stories",
            "/api/stories/{story_id}",
            "/api/articles/{article_id}",
            "/api/search",
            "/api/quotes",
        ):
            assert path in spec["paths"]
        assert client.get("/api/docs").status_code == 404  # no CDN-loaded Swagger UI


def test_server_binds_loopback_and_sends_security_headers(live_server: LiveServer) -> None:
    assert live_server.url.startswith("http://127.0.0.1:")
    response = httpx.get(live_server.url + "/api/health")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_story_list_paging_sorting_and_filters(live_server: LiveServer) -> None:
    with live_server.client() as client:
        first = client.get("/api/stories", params={"limit": 2}).json()
        assert first["limit"] == 2 and len(first["stories"]) == 2 and first["total"] >= 3
        second = client.get("/api/stories", params={"limit": 2, "offset": 2}).json()
        assert {s["id"] for s in first["stories"]}.isdisjoint(s["id"] for s in second["stories"])
        largest = client.get("/api/stories", params={"sort": "largest"}).json()["stories"]
        assert [s["size"] for s in largest] == sorted((s["size"] for s in largest), reverse=True)
        only = client.get("/api/stories", params={"source": "testpaper"}).json()["stories"]
        assert only and all("testpaper" in s["sources"] for s in only)
        day = client.get("/api/stories", params={"since": "2015-08-03", "until": "2015-08-03"}).json()["stories"]
        assert day and all(s["last_published"].startswith("2015-08-03") for s in day)
        assert client.get("/api/stories", params={"since": "2030-01-01"}).json()["total"] == 0
        assert_error(client.get("/api/stories", params={"limit": 0}), 422, "invalid_request")
        assert_error(client.get("/api/stories", params={"limit": 101}), 422, "invalid_request")
        assert_error(client.get("/api/stories", params={"sort": "oldest"}), 422, "invalid_request")
        assert_error(client.get("/api/stories", params={"since": "yesterday"}), 422, "invalid_request")
        body = assert_error(client.get("/api/stories", params={"entity": "زيد المجهول"}), 404, "not_found")
        assert "زيد المجهول" in body["detail"]


@needs_ner_model
def test_stories_filtered_by_entity(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
        kadhimi = client.get("/api/entities/الكاظمى").json()
        by_name = client.get("/api/stories", params={"entity": "الكاظمي"}).json()
        by_id = client.get("/api/stories", params={"entity": kadhimi["id"]}).json()
    assert by_name == by_id
    assert story["id"] in [s["id"] for s in by_name["stories"]]
    assert by_name["total"] == len(kadhimi["stories"])


def test_seed_story_has_both_outlets_events_and_quotes_grouped_across_outlets(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
        texts = {a["id"]: client.get(f"/api/articles/{a['id']}").json()["text"] for a in story["articles"]}
    assert story["sources"] == ["outlet-000", "outlet-002"]
    assert {a["source"] for a in story["articles"]} == {"outlet-000", "outlet-002"}
    assert story["events"] and sum(e["size"] for e in story["events"]) == story["size"]
    if NER_MODEL.is_file():
        assert story["entities"] and story["entities_extracted"] is True
    else:
        assert story["entities"] == [] and story["entities_extracted"] is False
    assert story["quotes_extracted"] is True and story["quotes"]
    # the Kadhimi tweet both outlets carry is one group, with each outlet's wording
    shared = [g for g in story["quotes"] if g["sources"] == ["outlet-000", "outlet-002"]]
    assert shared and shared[0] is story["quotes"][0]  # groups with more outlets come first
    dialogue = [g for g in shared if any("الحوار الاستراتيجي" in v["text"] for v in g["versions"])]
    assert len(dialogue) == 1, shared
    group = dialogue[0]
    assert group["speaker"] == "الكاظمي" and group["channel"] == "تويتر"
    assert {v["source"] for v in group["versions"]} == {"outlet-000", "outlet-002"}
    # العراقية / العراقي: reworded, and the differing word is located in each wording
    assert group["reworded"] is True
    for version in group["versions"]:
        assert version["text"] == texts[version["article_id"]][version["start"] : version["end"]]
        assert version["kind"] == "direct"
        assert {version["text"][s:e] for s, e in version["differences"]} <= {"العراقي", "العراقية"}
    assert any(not v["exact"] and v["added"] and v["missing"] for v in group["versions"])
    assert sum(len(g["versions"]) for g in story["quotes"]) >= 20  # singles are kept, not dropped


def test_article_has_text_spans_quotes_and_removals(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
        article = client.get(f"/api/articles/{story['articles'][0]['id']}").json()
    assert article["text"] and article["story"]["id"] == story["id"]
    for span in article["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(article["text"])
    assert all(r["reason"] for r in article["removed"])
    assert article["quotes"]
    assert [q["start"] for q in article["quotes"]] == sorted(q["start"] for q in article["quotes"])
    for quote in article["quotes"]:
        assert quote["article_id"] == article["id"] and quote["kind"] in ("direct", "indirect")
        assert quote["text"] == article["text"][quote["start"] : quote["end"]]
    assert any(q["speaker"] == "الكاظمي" and q["channel"] == "تويتر" for q in article["quotes"])


def test_quotes_by_speaker_are_matched_after_normalization(live_server: LiveServer) -> None:
    with live_server.client() as client:
        # part of a longer speaker name, and a longer name than the stored one, both ways
        minister = client.get("/api/quotes", params={"speaker": "حنتوش"}).json()
        assert {q["speaker"] for q in minister["quotes"]} == {"وزير الكهرباء العراقي ماجد مهدي حنتوش"}
        assert {q["kind"] for q in minister["quotes"]} == {"direct", "indirect"}
        kadhimi = client.get("/api/quotes", params={"speaker": "مصطفى الكاظمي"}).json()["quotes"]
        assert {q["source"] for q in kadhimi} == {"outlet-000", "outlet-002"}
        assert {q["speaker"] for q in kadhimi} == {"الكاظمي"}
        # spelling variants: diacritics, tatweel, alef maqsura all normalize away
        for variant in ("الكاظِمي", "الكاظمى", "الكـاظمي"):
            same = client.get("/api/quotes", params={"speaker": variant}).json()["quotes"]
            assert [q["text"] for q in same] == [q["text"] for q in kadhimi], variant
        # the same statement in two outlets shares a group id in the answer
        groups = [q["group"] for q in kadhimi]
        assert len(set(groups)) < len(groups)
        for quote in kadhimi:
            article = client.get(f"/api/articles/{quote['article_id']}").json()
            assert article["text"][quote["start"] : quote["end"]] == quote["text"]
            assert quote["title"] == article["title"]


def test_quotes_of_a_story_and_bounds(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
        found = client.get("/api/quotes", params={"story": story["id"], "limit": 100}).json()
        assert found["story"] == story["id"] and found["limit"] == 100
        ids = {a["id"] for a in story["articles"]}
        assert found["quotes"] and all(q["article_id"] in ids for q in found["quotes"])
        assert len(found["quotes"]) == sum(len(g["versions"]) for g in story["quotes"])
        both = client.get("/api/quotes", params={"story": story["id"], "speaker": "الكاظمي"}).json()["quotes"]
        assert both and all(q["speaker"] == "الكاظمي" for q in both)
        assert len(client.get("/api/quotes", params={"limit": 3}).json()["quotes"]) == 3
        assert client.get("/api/quotes", params={"speaker": "لا أحد بهذا الاسم"}).json()["quotes"] == []
        assert "no story" in assert_error(client.get("/api/quotes", params={"story": "s0"}), 404, "not_found")["detail"]
        assert_error(client.get("/api/quotes", params={"limit": 0}), 422, "invalid_request")
        assert_error(client.get("/api/quotes", params={"limit": 101}), 422, "invalid_request")
        assert_error(client.get("/api/quotes", params={"speaker": "ب" * 201}), 422, "invalid_request")
        assert_error(client.get("/api/quotes", params={"story": "<script>"}), 422, "invalid_request")
        assert_error(client.get("/api/quotes", params={"speaker": "«»"}), 400, "invalid_request")


def test_not_found_is_json_with_a_reason(live_server: LiveServer) -> None:
    with live_server.client() as client:
        assert "no story" in assert_error(client.get("/api/stories/s0000000000000000"), 404, "not_found")["detail"]
        assert_error(client.get("/api/articles/nope"), 404, "not_found")
        body = assert_error(client.get("/api/entities/e123"), 404, "not_found")
        assert "no entit" in body["detail"] and "e123" in body["detail"]
        assert_error(client.get("/api/no-such-endpoint"), 404, "not_found")
        assert_error(client.get("/api/stories/" + "x" * 200), 422, "invalid_request")
        assert_error(client.delete("/api/stories"), 405, "method_not_allowed")


def test_search_matches_clitic_forms_and_highlights_the_original_text(live_server: LiveServer) -> None:
    with live_server.client() as client:
        result = client.get("/api/search", params={"q": "بغداد"}).json()
        assert result["matched_all"] and result["total"] >= 3
        surfaces = set()
        for hit in result["hits"]:
            article = client.get(f"/api/articles/{hit['article']['id']}").json()
            text = article["text"]
            assert hit["snippet_text"] == text[hit["snippet"]["start"] : hit["snippet"]["end"]]
            for start, end in hit["snippet"]["highlights"]:
                surfaces.add(text[start:end])
            for start, end in hit["title"]["highlights"]:
                surfaces.add(article["title"][start:end])
    assert {"بغداد", "ببغداد", "وبغداد"} <= surfaces


def test_search_variants_and_phrases(live_server: LiveServer) -> None:
    with live_server.client() as client:
        # the article writes الأمريكي; the query الأميركي (and without hamza or with tatweel)
        for query in ('"الجانب الأميركي"', '"الجانب الامريكي"', '"الجانب الأمـريكي"'):
            american = client.get("/api/search", params={"q": query}).json()
            assert "وفد تجاري يصل إلى الرياض" in [h["article"]["title"] for h in american["hits"]], query
        phrase = client.get("/api/search", params={"q": '"وزارة الصحة"'}).json()
        assert phrase["terms"] == [[["وزاره", "صحه"]]]
        assert "وزارة الصحة تعلن حالات جديدة" in [h["article"]["title"] for h in phrase["hits"]]
        ordered = client.get("/api/search", params={"q": '"الوزارة تتابع الوضع"'}).json()
        assert [h["article"]["title"] for h in ordered["hits"]] == ["وزارة الصحة تعلن حالات جديدة"]
        reversed_phrase = client.get("/api/search", params={"q": '"الوضع تتابع الوزارة"'}).json()
        assert reversed_phrase["total"] == 0


@pytest.mark.parametrize("query", INJECTIONS)
def test_search_input_is_never_query_syntax(live_server: LiveServer, query: str) -> None:
    with live_server.client() as client:
        response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert "Traceback" not in response.text


def test_search_bounds(live_server: LiveServer) -> None:
    with live_server.client() as client:
        assert_error(client.get("/api/search", params={"q": "ب" * (MAX_QUERY_CHARS + 1)}), 422, "invalid_request")
        assert_error(client.get("/api/search", params={"q": ""}), 422, "invalid_request")
        assert_error(client.get("/api/search"), 422, "invalid_request")
        assert_error(client.get("/api/search", params={"q": "بغداد", "limit": 51}), 422, "invalid_request")


def test_ingest_is_off_by_default(read_only_server: LiveServer) -> None:
    response = httpx.post(read_only_server.url + "/api/ingest", content=b'{"text": "x"}\n')
    assert_error(response, 403, "ingest_disabled")


def test_ingest_needs_the_token(live_server: LiveServer) -> None:
    line = json.dumps({"title": "خبر", "text": "نص الخبر هنا للاختبار فقط"}, ensure_ascii=False).encode()
    with live_server.client() as client:
        assert_error(client.post("/api/ingest", content=line), 401, "unauthorized")
        wrong = {"Authorization": "Bearer " + "x" * 30}
        assert_error(client.post("/api/ingest", content=line, headers=wrong), 401, "unauthorized")
        basic = {"Authorization": "Basic dXNlcjpwYXNz"}
        assert_error(client.post("/api/ingest", content=line, headers=basic), 401, "unauthorized")


def test_ingest_bounds_the_body(live_server: LiveServer) -> None:
    headers = {"Authorization": f"Bearer {live_server.token}"}
    with live_server.client() as client:
        big = b"x" * (MAX_INGEST_BYTES + 1)
        assert_error(client.post("/api/ingest", content=big, headers=headers), 413, "body_too_large")
        chunks = iter([b"x" * 40_000, b"x" * 40_000])  # no Content-Length: counted as it streams
        assert_error(client.post("/api/ingest", content=chunks, headers=headers), 413, "body_too_large")
        assert_error(client.post("/api/ingest", content=b"  \n", headers=headers), 400, "empty_body")


def test_ingest_stores_groups_and_indexes(live_server: LiveServer) -> None:
    headers = {"Authorization": f"Bearer {live_server.token}"}
    lines: list[dict[str, str] | str] = [
        {
            "title": "افتتاح جسر زنوبيا الجديد",
            "text": "افتتحت البلدية اليوم جسر زنوبيا الجديد فوق النهر بعد عامين من العمل المتواصل في المشروع.",
            "url": "https://example.test/bridge",
            "published": "2015-08-04T08:00:00Z",
        },
        "not json",
    ]
    body = "\n".join(json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x for x in lines).encode()
    with live_server.client() as client:
        summary = client.post("/api/ingest", content=body, headers=headers, params={"source": "uploads"}).json()
        assert summary["stored"] == 1 and summary["rejected"] == 1 and summary["clustered"] == 1
        assert summary["examples"][0]["origin"] == "upload.jsonl:2"
        hits = client.get("/api/search", params={"q": "زنوبيا"}).json()["hits"]
        assert [h["article"]["source"] for h in hits] == ["uploads"]
        again = client.post("/api/ingest", content=body, headers=headers, params={"source": "uploads"}).json()
        assert again["stored"] == 0 and again["already_present"] == 1


def test_pages_are_rtl_arabic_html(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
        for path in ("/", f"/stories/{story['id']}", f"/articles/{story['articles'][0]['id']}", "/search?q=بغداد"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert '<html lang="ar" dir="rtl">' in response.text
            assert "cdn" not in response.text.lower()
        page = client.get(f"/stories/{story['id']}").text
        assert all(source in page for source in story["sources"])
        if NER_MODEL.is_file():  # the entities section links each entity to its page
            assert "لم تُستخرج بعد" not in page and 'class="entity entity-pers" href="/entities/n' in page
        else:
            assert "لم تُستخرج بعد" in page
        assert 'class="quote-group reworded"' in page and '<mark class="diff added">' in page
        # quoted text is shown as text: markup inside a quote is escaped, never rendered
        (minister,) = client.get("/api/quotes", params={"speaker": "حنتوش", "limit": 1}).json()["quotes"]
        article_page = client.get(f"/articles/{minister['article_id']}").text
        assert "<script>" not in article_page and "&lt;script&gt;" in article_page
        assert "<b>" not in article_page and "&lt;b&gt;" in article_page
        assert f'id="quote-{minister["start"]}-{minister["end"]}"' in article_page
        minister_story = client.get(f"/api/articles/{minister['article_id']}").json()["story_id"]
        assert "<script>" not in client.get(f"/stories/{minister_story}").text
        assert "<mark>ببغداد</mark>" in client.get("/search", params={"q": "بغداد"}).text
        missing = client.get("/stories/nope")
        assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
        assert "Traceback" not in missing.text
        css = client.get("/static/akhbar.css")
        assert css.status_code == 200 and "font-family" in css.text and "url(" not in css.text


# -- entities ----------------------------------------------------------------------------------------


@needs_ner_model
def test_story_entities_have_counts_variants_and_roles(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
    entities = story["entities"]
    assert [e["mentions"] for e in entities] == sorted((e["mentions"] for e in entities), reverse=True)
    by_name = {e["name"]: e for e in entities}
    kadhimi = by_name["مصطفى الكاظمي"]
    assert kadhimi["kind"] == "PERS" and "الكاظمي" in kadhimi["variants"]
    assert "رئيس الوزراء العراقي" in kadhimi["roles"]
    assert {"جو بايدن", "العراق", "أربيل"} <= set(by_name)  # داعش: the shipped model misses it


@needs_ner_model
def test_entity_list_detail_and_lookup_by_name(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
        listed = client.get("/api/entities", params={"story": story["id"], "limit": 100}).json()
        assert listed["story"] == story["id"] and listed["entities"] == story["entities"][:100]
        found = client.get("/api/entities", params={"q": "الكاظمى"}).json()["entities"]
        assert [e["name"] for e in found] == ["مصطفى الكاظمي"]
        top = client.get("/api/entities", params={"limit": 5}).json()["entities"]
        assert len(top) == 5
        detail = client.get(f"/api/entities/{found[0]['id']}").json()
        assert detail["name"] == "مصطفى الكاظمي" and detail["roles"]
        assert [s["id"] for s in detail["stories"]] == [story["id"]]
        assert detail["stories"][0]["mentions"] == detail["mentions"] and detail["others"] == []
        # a name in any spelling finds it too (URL-encoded Arabic in the path)
        assert client.get("/api/entities/الكاظمى").json()["id"] == detail["id"]
        biden = client.get("/api/entities/بايدن").json()
        assert biden["name"] == "جو بايدن" and "الرئيس الأميركي" in biden["roles"]
        assert_error(client.get("/api/entities", params={"limit": 0}), 422, "invalid_request")
        assert_error(client.get("/api/entities", params={"story": "s0000000000000000"}), 404, "not_found")
        assert_error(client.get("/api/entities", params={"story": "<b>"}), 422, "invalid_request")
        assert_error(client.get("/api/entities", params={"q": "«»"}), 400, "invalid_request")
        assert_error(client.get("/api/entities/" + "x" * 300), 422, "invalid_request")


@needs_ner_model
def test_article_mentions_are_offsets_into_its_text_linked_to_its_entities(live_server: LiveServer) -> None:
    with live_server.client() as client:
        story = seed_story(client)
        for summary in story["articles"]:
            article = client.get(f"/api/articles/{summary['id']}").json()
            assert article["mentions"], summary["id"]
            known = {e["id"] for e in article["entities"]}
            for mention in article["mentions"]:
                assert article["text"][mention["start"] : mention["end"]] == mention["surface"]
                assert mention["kind"] in ("PERS", "LOC", "ORG", "MISC") and mention["entity_id"] in known
            assert sum(e["mentions"] for e in article["entities"]) == len(article["mentions"])
