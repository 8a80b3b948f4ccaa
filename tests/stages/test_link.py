"""Entity linking (``akhbar.stages.link``) over mentions built by hand: no model needed."""

from __future__ import annotations

from dataclasses import replace

from akhbar.stages.link import EntityLinker, Usage, entity_id, lookup_keys, name_key, role_before
from akhbar.types import Article, EntityKind, Mention


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, source="test", title="", text=text, origin="test")


def mentions(a: Article, *names: tuple[str, EntityKind]) -> list[Mention]:
    """Mentions of ``names`` in ``a.text``, each occurrence in turn, in text order."""
    found: list[Mention] = []
    position: dict[str, int] = {}
    for surface, kind in names:
        start = a.text.index(surface, position.get(surface, 0))
        position[surface] = start + len(surface)
        found.append(Mention(a.id, start, start + len(surface), surface, kind))
    return sorted(found, key=lambda m: (m.start, m.end))


def ids(linked: tuple[Mention, ...]) -> dict[str, set[str]]:
    by_surface: dict[str, set[str]] = {}
    for m in linked:
        assert m.entity_id is not None
        by_surface.setdefault(m.surface, set()).add(m.entity_id)
    return by_surface


def test_ids_are_deterministic_and_pinned() -> None:
    assert entity_id("PERS", ("جو", "بايدن")) == "nf16ea1d22854a4c2"
    assert entity_id("NAME", ("عراق",)) == "n278768646e5e1928"
    assert name_key("الكاظمى", "PERS").key == name_key("الكاظمي", "PERS").key == ("كاظمي",)
    assert name_key("الرئيس دونالد ترامب", "PERS").key == ("دونالد", "ترمب")
    assert name_key("عبد الله الثاني", "PERS").key == name_key("عبدالله الثاني", "PERS").key
    assert name_key("الخارجية الأمريكية", "ORG").key == name_key("الخارجية الأميركية", "ORG").key


def test_partial_names_join_the_full_name_used_earlier_in_the_story_with_roles() -> None:
    a = article(
        "a1",
        "بحث رئيس الوزراء العراقي مصطفى الكاظمي مع الرئيس الأميركي جو بايدن العلاقات. وقال الكاظمى إن بايدن أكد دعمه.",
    )
    found = mentions(a, ("مصطفى الكاظمي", "PERS"), ("جو بايدن", "PERS"), ("الكاظمى", "PERS"), ("بايدن", "PERS"))
    linker = EntityLinker()
    linked, entities = linker.link("s1", a, found)
    by = ids(linked)
    assert by["مصطفى الكاظمي"] == by["الكاظمى"] and by["جو بايدن"] == by["بايدن"]
    assert by["مصطفى الكاظمي"] != by["جو بايدن"]
    named = {e.name: e for e in entities}
    assert set(named) == {"مصطفى الكاظمي", "جو بايدن"}
    assert named["مصطفى الكاظمي"].roles == ("رئيس الوزراء العراقي",)
    assert named["جو بايدن"].roles == ("الرئيس الأميركي",)
    assert named["مصطفى الكاظمي"].variants == ("مصطفى الكاظمي", "الكاظمى")
    # offsets and surfaces are untouched: only the entity id is added
    assert [replace(m, entity_id=None) for m in linked] == found
    assert all(a.text[m.start : m.end] == m.surface for m in linked)


def test_a_surname_in_the_headline_joins_a_full_name_further_down() -> None:
    a = article("a1", "بايدن يتصل بالكاظمي\nأكد الرئيس الأميركي جو بايدن دعمه.")
    linked, _ = EntityLinker().link("s1", a, mentions(a, ("بايدن", "PERS"), ("جو بايدن", "PERS")))
    assert linked[0].entity_id == linked[1].entity_id


def test_a_shared_first_name_does_not_join_two_people() -> None:
    a = article("a1", "التقى محمد علي مع محمد حسن، ثم غادر محمد القاعة.")
    found = mentions(a, ("محمد علي", "PERS"), ("محمد حسن", "PERS"), ("محمد", "PERS"))
    linked, entities = EntityLinker().link("s1", a, found)
    assert len({m.entity_id for m in linked}) == 3
    assert len(entities) == 3


def test_distinct_things_stay_distinct() -> None:
    a = article("a1", "قالت واشنطن إن الولايات المتحدة لن ترد، بينما شاهد دنزل واشنطن الفيلم.")
    found = mentions(a, ("واشنطن", "LOC"), ("الولايات المتحدة", "LOC"), ("دنزل واشنطن", "PERS"))
    linked, entities = EntityLinker().link("s1", a, found)
    assert len({m.entity_id for m in linked}) == 3
    assert {e.kind for e in entities} == {"LOC", "PERS"}


def test_an_organisation_is_one_entity_with_and_without_international_but_a_two_word_name_keeps_it() -> None:
    a = article("a1", "دعا مجلس الأمن الدولي إلى التهدئة، وقال مجلس الأمن إن البنك الدولي والبنك لن يتدخلا.")
    found = mentions(a, ("مجلس الأمن الدولي", "ORG"), ("مجلس الأمن", "ORG"), ("البنك الدولي", "ORG"), ("البنك", "ORG"))
    linked, entities = EntityLinker().link("s1", a, found)
    by_surface = ids(linked)
    assert by_surface["مجلس الأمن الدولي"] == by_surface["مجلس الأمن"]
    assert by_surface["البنك الدولي"] != by_surface["البنك"]
    assert len(entities) == 3
    council = next(e for e in entities if "مجلس الأمن" in e.variants)
    assert "مجلس الأمن الدولي" in council.variants
    assert set(lookup_keys("مجلس الأمن الدولية", "ORG")) == set(lookup_keys("مجلس الأمن", "ORG"))


def test_the_tagger_kind_does_not_split_an_organisation_and_the_majority_names_its_kind() -> None:
    a = article("a1", "هاجم تنظيم داعش القرية، وتبنى داعش الهجوم، وقال داعش إنه مسؤول.")
    found = mentions(a, ("داعش", "LOC"), ("داعش", "ORG"), ("داعش", "ORG"))
    linked, entities = EntityLinker().link("s1", a, found)
    assert len({m.entity_id for m in linked}) == 1
    assert entities[0].kind == "ORG"


def test_run_together_names_and_honorifics() -> None:
    a = article(
        "a1",
        "بحث وزير الخارجية الأميركي أنتوني بلينكن مع الكاظمي. وأعرب بلينكن للكاظمي عن استيائه. "
        "وقال الشيخ قيس الخزعلي إن قيس الخزعلي يملك معلومات.",
    )
    found = mentions(
        a,
        ("أنتوني بلينكن", "PERS"),
        ("الكاظمي", "PERS"),
        ("بلينكن للكاظمي", "PERS"),
        ("الشيخ قيس الخزعلي", "PERS"),
        ("قيس الخزعلي", "PERS"),
    )
    linked, entities = EntityLinker().link("s1", a, found)
    by = ids(linked)
    assert by["بلينكن للكاظمي"] == by["أنتوني بلينكن"]
    assert by["الشيخ قيس الخزعلي"] == by["قيس الخزعلي"]
    named = {e.id: e for e in entities}
    blinken = named[next(iter(by["أنتوني بلينكن"]))]
    assert blinken.name == "أنتوني بلينكن" and blinken.roles == ("وزير الخارجية الأميركي",)
    khazali = named[next(iter(by["قيس الخزعلي"]))]
    assert khazali.name == "قيس الخزعلي" and khazali.roles == ()  # الشيخ is an honorific, not a role


def test_a_surname_resolved_in_one_story_is_that_person_in_the_next_unless_ambiguous() -> None:
    linker = EntityLinker()
    first = article("a1", "قال الرئيس جو بايدن إن بايدن سيزور المنطقة.")
    linked, _ = linker.link("s1", first, mentions(first, ("جو بايدن", "PERS"), ("بايدن", "PERS")))
    biden = linked[0].entity_id
    second = article("a2", "انتقد بايدن القرار.")
    assert linker.link("s2", second, mentions(second, ("بايدن", "PERS")))[0][0].entity_id == biden
    # another Biden resolved somewhere else makes the bare surname ambiguous: its own entity
    third = article("a3", "وصل هانتر بايدن إلى المحكمة، وقال بايدن إنه بريء.")
    linked, _ = linker.link("s3", third, mentions(third, ("هانتر بايدن", "PERS"), ("بايدن", "PERS")))
    assert linked[0].entity_id == linked[1].entity_id != biden  # inside its story: the nearest full name
    fourth = article("a4", "علق بايدن على الأمر.")
    alone = linker.link("s4", fourth, mentions(fourth, ("بايدن", "PERS")))[0][0].entity_id
    assert alone not in (biden, linked[0].entity_id)


def test_a_linker_rebuilt_from_its_entities_continues_like_the_original() -> None:
    one = article("a1", "أكد رئيس الوزراء العراقي مصطفى الكاظمي أن العراق مستقر. وقال الكاظمي إن بغداد آمنة.")
    two = article("a2", "التقى الكاظمي في بغداد وزير الخارجية. وأشاد الكاظمي بالعراق.")
    found_one = mentions(one, ("مصطفى الكاظمي", "PERS"), ("العراق", "LOC"), ("الكاظمي", "PERS"), ("بغداد", "LOC"))
    found_two = mentions(two, ("الكاظمي", "PERS"), ("بغداد", "LOC"), ("الكاظمي", "PERS"))
    original = EntityLinker()
    linked_one, entities_one = original.link("s1", one, found_one)
    expected = original.link("s1", two, found_two)
    usages = [
        Usage(m.entity_id or "", m.surface, m.kind, sum(1 for n in linked_one if n == m))
        for m in dict.fromkeys(linked_one)
    ]
    rebuilt = EntityLinker(entities_one, usages)
    rebuilt.remember("s1", linked_one)
    assert rebuilt.link("s1", two, found_two) == expected
    # a fresh story: the surname alone still finds the one person it was resolved to
    three = article("a3", "غادر الكاظمي.")
    assert rebuilt.link("s9", three, mentions(three, ("الكاظمي", "PERS")))[0][0].entity_id == expected[0][0].entity_id


def test_roles_stop_at_punctuation_prepositions_and_other_people() -> None:
    text = "من جهته، بحث وزير الخارجية الأميركي أنتوني بلينكن مع الكاظمي هاتفيا."
    assert role_before(text, text.index("أنتوني")) == "وزير الخارجية الأميركي"
    assert role_before(text, text.index("الكاظمي")) is None  # مع
    text = "وكانت صحيفة نيويورك تايمز قالت، الأحد الماضي، إن جو بايدن يسعى"
    assert role_before(text, text.index("جو بايدن")) is None
    text = "أعلن زعيم حركة «عصائب أهل الحق» العراقية قيس الخزعلي"
    assert role_before(text, text.index("قيس")) == "زعيم حركة «عصائب أهل الحق» العراقية"
    text = "قال الرئيس جو بايدن وهادي العامري"
    assert role_before(text, text.index("هادي"), [(text.index("جو"), text.index("جو") + 8)]) is None
    text = "وقال لرئيس الوزراء حيدر العبادي"
    assert role_before(text, text.index("حيدر")) == "رئيس الوزراء"  # the proclitic ل is not part of it


def test_lookup_keys_find_spelling_variants_and_names_without_honorifics() -> None:
    assert lookup_keys("الكاظمى", "PERS") == lookup_keys("الكاظمي", "PERS") == ("كاظمي",)
    assert "جو بايدن" in lookup_keys("الرئيس جو بايدن", "PERS")
