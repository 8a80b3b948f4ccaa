"""The Arabic NER model: a linear-chain CRF (CRFsuite) over hand-made token features.

One file, ``ner-ar.zip``, holds everything the tagger needs:

- ``crf.bin``: the CRFsuite model (feature strings and their weights);
- ``clusters.tsv``: normalized word → cluster ids at several granularities (from unlabelled news);
- ``gazetteer.tsv``: 64-bit hashes of normalized gazetteer entries → entity types (hashes, not
  names: the lists themselves are not redistributed);
- ``meta.json``: feature version, training data, scores.

Training and tagging share :class:`Features`, so a feature can never differ between the two.
Tokens are whitespace/punctuation tokens as in ANERcorp: clitics stay attached (ببغداد is one
token, tagged B-LOC); :mod:`akhbar.stages.entities` cuts the clitics off the mention's span.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from akhbar.eval.ner import chunks
from akhbar.lang.ar import normalize, split_clitics, stopwords
from akhbar.lang.ar.lexicon import word_counts

__all__ = [
    "FEATURE_VERSION",
    "Features",
    "Lexicon",
    "NerModel",
    "default_model_path",
    "document_names",
    "gazetteer_hash",
    "name_patterns",
    "propagate_names",
    "read_model_archive",
    "write_model_archive",
]

FEATURE_VERSION = 2
MODEL_FILE = "ner-ar.zip"
#: Neighbour positions whose words describe the current token.
WINDOW = (-2, -1, 1, 2)
_CACHE_LIMIT = 1 << 17
#: Cluster columns (see ``akhbar.train.clusters``) that also describe neighbours / the stem.
_NEAR_COMMON_CLUSTERS = frozenset({"c256", "b256"})
_NEAR_CLOSE_CLUSTERS = frozenset({"c1024"})
_STEM_CLUSTERS = frozenset({"c256", "c1024", "b1024"})


def _normalized_set(words: str) -> frozenset[str]:
    return frozenset(normalize(word) for word in words.split())


#: Trigger words (normalized, article stripped): hand-written, no corpus derived.
TRIGGERS: Mapping[str, frozenset[str]] = {
    # titles and roles that precede a person's name
    "title": _normalized_set(
        "رئيس رئيسة وزير وزيرة ملك ملكة أمير أميرة شيخ سيد سيدة دكتور د متحدث ناطق نائب سفير مستشار "
        "جنرال لواء عقيد عميد فريق قائد زعيم أمين مبعوث مندوب كاتب شاعر لاعب مدرب فنان فنانة ممثل "
        "مطرب بابا إمام سمو جلالة فخامة معالي سماحة الرئيس الوزير الملك الأمير الشيخ السيد الدكتور "
        "المتحدث الناطق النائب السفير المستشار الجنرال اللواء العقيد العميد القائد الزعيم الأمين المبعوث "
        "الكاتب الشاعر اللاعب المدرب الفنان الممثل المطرب البابا الإمام المرشح مرشح الحاكم حاكم محافظ المحافظ"
    ),
    # verbs of saying: a person (or organisation) follows
    "say": _normalized_set(
        "قال قالت يقول تقول أعلن أعلنت أكد أكدت أوضح أوضحت أضاف أضافت صرح صرحت أشار أشارت ذكر ذكرت "
        "اعتبر اعتبرت دعا دعت طالب طالبت كشف كشفت نقل بحث التقى استقبل زار لسان حسب وفق"
    ),
    # heads of organisation names
    "org": _normalized_set(
        "شركة جامعة وزارة هيئة منظمة حزب حركة جمعية مجلس اتحاد نادي بنك مصرف وكالة صحيفة جريدة مؤسسة "
        "لجنة جبهة كتائب قوات جيش مركز معهد محكمة برلمان تنظيم مجموعة فيلق جماعة ميليشيا قناة تلفزيون "
        "إذاعة مكتب صندوق منتدى رابطة نقابة أكاديمية كلية مستشفى ائتلاف تحالف سلطة الشركة الجامعة "
        "الوزارة الهيئة المنظمة الحزب الحركة الجمعية المجلس الاتحاد النادي البنك الوكالة الصحيفة"
    ),
    # organisations news writes as one word: acronyms, short names, agencies, companies
    "orgname": _normalized_set(
        "داعش حماس الناتو ناتو النيتو أوبك اوبك طالبان اليونسكو يونسكو اليونيسف يونيسف الفيفا فيفا اليويفا "
        "الأونروا أونروا الأونكتاد الفاو الإنتربول إنتربول اليوروبول الموساد الشاباك البنتاغون البنتاجون "
        "الكونغرس الكونجرس الكنيست الكرملين الإليزيه الآسيان آسيان الإيسيسكو الألكسو الإسكوا إيكواس الإيكواس "
        "أرامكو سابك أدنوك غوغل جوجل مايكروسوفت فيسبوك أمازون سامسونغ سامسونج تويوتا هواوي إنتل "
        "رويترز واس قنا بترا سانا وام كونا إرنا سبوتنيك الحوثيون"
    ),
    # given names of foreign people as Arabic news transliterates them: the word after is a surname
    "given": _normalized_set(
        "جورج جون جو جوزيف دونالد ريتشارد مايكل مايك ديفيد بيتر بول جيمس روبرت توني أنتوني أنطوني نيد هيلاري "
        "باراك كوندوليزا كولن ديك نانسي جيفري ستيفن ستيف مارك كريستوفر فرانسوا نيكولا إيمانويل أنجيلا "
        "فلاديمير سيرغي بوريس تيريزا وليام ويليام هنري تشارلز إدوارد توماس جاك جان بيير ميشال ميشيل كارلوس "
        "خوسيه خافيير لويس ماريو ماريا آنا أندرو أندريه ألكسندر دميتري ليونيد كيم شينزو جاستن سكوت ماثيو "
        "كيفن برايان ريك أنطونيو فرانك هانز ولفغانغ غيرهارد هيلموت جيرار لوران فيليب رونالد بيل جيمي ليندون "
        "دوايت هاري فرانكلين كامالا ليندسي ميت بيرني إليزابيث هيلين جوليا سارة ماري لويد ويندي إريك أليكس "
        "أليكسي رجب أوليفر بنيامين إيهود أرييل شيمون إسحق"
    ),
    # heads of place names
    "loc": _normalized_set(
        "مدينة محافظة منطقة ولاية دولة عاصمة بلدة قرية جزيرة جزر نهر بحر جبل إقليم مقاطعة حي شارع ميناء "
        "مطار بلاد مملكة جمهورية إمارة صحراء خليج ساحل ضفة قطاع حدود ضواحي شمال جنوب شرق غرب وسط "
        "المدينة المحافظة المنطقة الولاية الدولة العاصمة البلدة القرية"
    ),
}


#: Name patterns the CRF misses, applied to its tags (:func:`name_patterns`); hand-written.
#: Heads after which a name in quotation marks is an organisation: حركة «عصائب أهل الحق».
_QUOTED_NAME_HEADS = _normalized_set(
    "صحيفة جريدة مجلة موقع قناة وكالة حركة حزب تنظيم جماعة منظمة جمعية شركة فصيل ميليشيا مليشيا ائتلاف "
    "تحالف تيار جبهة كتلة مؤسسة هيئة نادي فريق منتدى مركز"
)
_OPEN_QUOTES = frozenset({'"', "«", "“"})
_CLOSE_QUOTES = frozenset({'"', "»", "”"})
#: A ministry named by its portfolio and a nationality: الخارجية الأميركية (not after وزير: a role).
_MINISTRIES = _normalized_set("الخارجية الداخلية الدفاع الخزانة العدل")
_MINISTER = _normalized_set("وزير وزيرة وزيرا لوزير ووزير بوزير ووزيرة لوزيرة وكيل مساعد نائب")
_MINISTRY = _normalized_set("وزارة لوزارة بوزارة ووزارة")
#: Well-known multi-word names of current news that ANERcorp (2006 news) rarely or never tags.
_KNOWN_NAMES: Mapping[tuple[str, ...], str] = {
    tuple(normalize(name).split()): kind
    for kind, names in (
        (
            "LOC",
            "المنطقة الخضراء|الضفة الغربية|قطاع غزة|الشرق الأوسط|البحر المتوسط|البحر الأحمر|الخليج العربي|"
            "القرن الأفريقي|شبه الجزيرة العربية|آسيا الوسطى|أمريكا اللاتينية|أميركا اللاتينية",
        ),
        (
            "ORG",
            "مجلس الأمن الدولي|مجلس الأمن|الأمم المتحدة|الاتحاد الأوروبي|الاتحاد الأفريقي|جامعة الدول العربية|"
            "حلف شمال الأطلسي|الحشد الشعبي|البنك الدولي|صندوق النقد الدولي|منظمة الصحة العالمية|"
            "الوكالة الدولية للطاقة الذرية|محكمة العدل الدولية|المحكمة الجنائية الدولية|الصليب الأحمر|"
            "الهلال الأحمر|منظمة التحرير الفلسطينية|السلطة الفلسطينية|مجلس التعاون الخليجي|"
            "منظمة التعاون الإسلامي|الكونغرس الأميركي|وزارة الخارجية الأميركية",
        ),
        ("MISC", "البيت الأبيض"),  # as ANERcorp tags it
    )
    for name in names.split("|")
}
_KNOWN_LONGEST = max(map(len, _KNOWN_NAMES))


_TRIGGER_WORDS = frozenset().union(*TRIGGERS.values())


def gazetteer_hash(key: str) -> int:
    """Stable 64-bit hash of a gazetteer key (space-joined normalized words)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word tables the features read: clusters and hashed gazetteer entries.

    ``gazetteer`` maps the hash of an entry (its words normalized, the first clitic-stripped,
    space-joined) to its types (``"LOC"`` or ``"LOC|PERS"``); ``gazetteer_firsts`` maps the hash
    of a first word to the most words an entry starting with it has.
    """

    cluster_names: tuple[str, ...] = ()
    clusters: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    gazetteer: Mapping[int, str] = field(default_factory=dict)
    gazetteer_firsts: Mapping[int, int] = field(default_factory=dict)
    use_clusters: bool = True
    use_gazetteer: bool = True


@dataclass(frozen=True, slots=True)
class _Word:
    norm: str
    stem: str
    own: tuple[str, ...]
    near: tuple[tuple[str, ...], ...]  # one tuple per WINDOW position
    first_span: int  # longest gazetteer entry starting with this word (0: none)


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if any("\u0600" <= char <= "\u06ff" for char in word):
        return "ar" if word.isalpha() else "ar-mix"
    if word.isalpha():
        return "lat-cap" if word[0].isupper() else "lat"
    if word.isalnum():
        return "alnum"
    return "punct"


def _frequency(count: int) -> int:
    """Log-scale bucket of a corpus count: 0 for unseen, then one per factor of 4."""
    return 0 if count <= 0 else 1 + int(math.log(count, 4))


def _length(word: str) -> str:
    size = len(word)
    return str(size) if size < 4 else ("4-5" if size < 6 else "6+")


class Features:
    """Token features for CRF training and tagging; caches per-word work (bounded, per instance)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._stopwords = stopwords()
        self._counts = word_counts()
        self._cache: dict[str, _Word] = {}

    def _word(self, surface: str) -> _Word:
        cached = self._cache.get(surface)
        if cached is not None:
            return cached
        lexicon = self.lexicon
        norm = normalize(surface) or surface
        prefix, stem = split_clitics(norm) if len(norm) >= 3 and norm.isalpha() else ("", norm)
        shape = _shape(norm)
        own = ["bias", f"w={norm}", f"sh={shape}", f"len={_length(stem)}"]
        near_common: list[str] = [f"w={norm}", f"sh={shape}"]
        near_close: list[str] = []
        if stem != norm:
            own += [f"s={stem}", f"pre={prefix}"]
            near_close += [f"s={stem}", f"pre={prefix}"]
        if norm.startswith("ال"):
            own.append("al")
        if shape == "ar":
            for size in (1, 2, 3):
                if len(stem) > size:
                    own.append(f"x{size}={stem[-size:]}")
            for size in (2, 3):
                if len(stem) > size:
                    own.append(f"p{size}={stem[:size]}")
            if len(stem) >= 4:
                # letter pairs: transliterated foreign names have pairs native words rarely have
                bounded = f"<{stem}>"
                own += [f"b={bounded[index : index + 2]}" for index in range(len(bounded) - 1)]
        if norm in self._stopwords or stem in self._stopwords:
            own.append("stop")
        if shape == "ar":
            # how common the word is in news: names are rarer than the words around them
            frequency = f"f={_frequency(self._counts.get(norm, 0))}"
            own.append(frequency)
            near_close.append(frequency)
            if stem != norm:
                own.append(f"sf={_frequency(self._counts.get(stem, 0))}")
        for kind, words in TRIGGERS.items():
            if norm in words or stem in words:
                own.append(f"t={kind}")
                near_common.append(f"t={kind}")
        if lexicon.use_clusters and lexicon.clusters:
            ids = lexicon.clusters.get(norm)
            if ids is not None:
                for name, cluster in zip(lexicon.cluster_names, ids, strict=True):
                    if cluster >= 0:
                        own.append(f"{name}={cluster}")
                        if name in _NEAR_COMMON_CLUSTERS:
                            near_common.append(f"{name}={cluster}")
                        elif name in _NEAR_CLOSE_CLUSTERS:
                            near_close.append(f"{name}={cluster}")
            else:
                own.append("c=none")
            stem_ids = lexicon.clusters.get(stem) if stem != norm else None
            if stem_ids is not None:
                for name, cluster in zip(lexicon.cluster_names, stem_ids, strict=True):
                    if cluster >= 0 and name in _STEM_CLUSTERS:
                        own.append(f"s{name}={cluster}")
        first_span = 0
        if lexicon.use_gazetteer and lexicon.gazetteer:
            types: set[str] = set()
            for key in {norm, stem}:
                found = lexicon.gazetteer.get(gazetteer_hash(key))
                if found:
                    types.update(found.split("|"))
            for kind in sorted(types):
                own.append(f"g={kind}")
                near_common.append(f"g={kind}")
            first_span = lexicon.gazetteer_firsts.get(gazetteer_hash(stem), 0)
        near = tuple(
            tuple(f"{offset}{feature}" for feature in (near_common + near_close if abs(offset) == 1 else near_common))
            for offset in WINDOW
        )
        word = _Word(norm, stem, tuple(own), near, first_span)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[surface] = word
        return word

    def _gazetteer_spans(self, words: Sequence[_Word]) -> list[list[str]]:
        """``G=B-LOC`` / ``G=I-LOC`` for tokens inside a multi-word gazetteer match (longest first)."""
        marks: list[list[str]] = [[] for _ in words]
        gazetteer = self.lexicon.gazetteer
        index = 0
        while index < len(words):
            longest = min(words[index].first_span, len(words) - index)
            matched = 0
            for size in range(longest, 1, -1):
                key = " ".join([words[index].stem, *(word.norm for word in words[index + 1 : index + size])])
                found = gazetteer.get(gazetteer_hash(key))
                if found:
                    for kind in found.split("|"):
                        marks[index].append(f"G=B-{kind}")
                        for inside in range(index + 1, index + size):
                            marks[inside].append(f"G=I-{kind}")
                    matched = size
                    break
            index += matched or 1
        return marks

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """One feature list per token of a sentence."""
        words = [self._word(token) for token in tokens]
        length = len(words)
        spans = (
            self._gazetteer_spans(words)
            if self.lexicon.use_gazetteer and any(word.first_span for word in words)
            else None
        )
        result: list[list[str]] = []
        for index, word in enumerate(words):
            features = list(word.own)
            for slot, offset in enumerate(WINDOW):
                other = index + offset
                if 0 <= other < length:
                    features.extend(words[other].near[slot])
                elif offset in (-1, 1):
                    features.append("BOS" if offset < 0 else "EOS")
            pairs = []
            if index > 0:
                pairs.append(f"w-1|w={words[index - 1].norm}|{word.norm}")
            if index + 1 < length:
                pairs.append(f"w|w+1={word.norm}|{words[index + 1].norm}")
            if spans is not None:
                marks = list(spans[index])
                marks += [f"-1{mark}" for mark in spans[index - 1]] if index > 0 else []
                marks += [f"1{mark}" for mark in spans[index + 1]] if index + 1 < length else []
                pairs += marks
            features.extend(pairs)
            result.append(features)
        return result


@lru_cache(maxsize=_CACHE_LIMIT)
def _analysis(token: str) -> tuple[str, str, str]:
    """(normalized word, proclitics, stem) of a token."""
    norm = normalize(token) or token
    if len(norm) >= 3 and norm.isalpha():
        prefix, stem = split_clitics(norm)
        return norm, prefix, stem
    return norm, "", norm


def _set_span(tags: list[str], start: int, end: int, kind: str) -> None:
    tags[start] = f"B-{kind}"
    for index in range(start + 1, end):
        tags[index] = f"I-{kind}"


def _whole(tags: Sequence[str], start: int, end: int) -> bool:
    """No entity of ``tags`` crosses the borders of [start, end)."""
    return not tags[start].startswith("I-") and not (end < len(tags) and tags[end].startswith("I-"))


def name_patterns(tokens: Sequence[str], tags: Sequence[str]) -> list[str]:
    """IOB2 ``tags`` with three hand-written patterns added where the CRF left words untagged:

    - a name in quotation marks after an organisation head: حركة «عصائب أهل الحق», صحيفة «ديفينس
      وان» (the quoted words become ORG, replacing any partial tags unless one is a person);
    - a ministry by portfolio and nationality, not after a minister's title: الخارجية الأميركية;
    - a well-known multi-word name (``_KNOWN_NAMES``), the first word's proclitics cut: لمجلس الأمن.

    Measured on cross-validation (see the model card): together +0.2 F1 points.
    """
    result = list(tags)
    length = len(tokens)
    words = [_analysis(token) for token in tokens]
    for index, (norm, prefix, stem) in enumerate(words):
        if (
            (stem in _QUOTED_NAME_HEADS or norm in _QUOTED_NAME_HEADS)
            and index + 2 < length
            and tokens[index + 1] in _OPEN_QUOTES
        ):
            end = -1
            for inside in range(index + 2, min(length, index + 8)):
                if tokens[inside] in _CLOSE_QUOTES:
                    end = inside
                    break
                if not words[inside][0].isalpha():
                    break
            start = index + 2
            if (
                end > start
                and not any(tag.endswith("PERS") for tag in result[start:end])
                and _whole(result, start, end)
            ):
                _set_span(result, start, end, "ORG")
        if index + 1 < length and result[index] == "O" and result[index + 1] == "O":
            portfolio = norm[len(prefix) - 2 :] if prefix.endswith("ال") else norm
            adjective = words[index + 1][0]
            if (
                portfolio in _MINISTRIES
                and adjective.startswith("ال")
                and len(adjective) >= 6
                and adjective.endswith(("يه", "ي"))
                and adjective not in _MINISTRIES
            ):
                before = words[index - 1][0] if index else ""
                if before not in _MINISTER:
                    start = index - 1 if before in _MINISTRY and result[index - 1] == "O" else index
                    _set_span(result, start, index + 2, "ORG")
    index = 0
    while index < length:
        matched = 0
        norm, prefix, stem = words[index]
        first = "ال" + stem if prefix.endswith(("ال", "لل")) else (stem if prefix else norm)
        for size in range(min(_KNOWN_LONGEST, length - index), 1, -1):
            kind = _KNOWN_NAMES.get((first, *(word[0] for word in words[index + 1 : index + size])))
            if kind:
                if all(tag == "O" for tag in result[index : index + size]) and _whole(result, index, index + size):
                    _set_span(result, index, index + size, kind)
                matched = size
                break
        index += matched or 1
    return result


def _name_key(token: str) -> str:
    """A token as a name: normalized, proclitics cut (the article kept: لل → ال)."""
    norm, prefix, stem = _analysis(token)
    if prefix.endswith(("ال", "لل")):
        return "ال" + stem
    return stem if prefix else norm


#: A word of a longer person name shorter than this is not remembered alone (بن, أبو, علي …).
_MIN_NAME_WORD = 4


def document_names(sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[tuple[str, ...], str]:
    """The names a document's tagged sentences (tokens, IOB2 tags) contain: the words of each
    mention (as :func:`_name_key`) → its kind, the most frequent one (a tie names nothing); each word
    of a several-word person name (of 4 letters or more, no stopword or trigger) counts alone too."""
    counts: dict[tuple[str, ...], Counter[str]] = {}
    for tokens, tags in sentences:
        keys = [_name_key(token) for token in tokens]
        for chunk in chunks(tags):
            words = tuple(keys[chunk.start : chunk.end])
            counts.setdefault(words, Counter())[chunk.kind] += 1
            if chunk.kind == "PERS" and len(words) > 1:
                for word in words:
                    if _nameable(word):
                        counts.setdefault((word,), Counter())[chunk.kind] += 1
    names: dict[tuple[str, ...], str] = {}
    for words, kinds in counts.items():
        ranked = kinds.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            names[words] = ranked[0][0]
    return names


def _nameable(word: str) -> bool:
    return len(word) >= _MIN_NAME_WORD and word not in stopwords() and word not in _TRIGGER_WORDS


def propagate_names(tokens: Sequence[str], tags: Sequence[str], names: Mapping[tuple[str, ...], str]) -> list[str]:
    """``tags`` with the document's ``names`` (:func:`document_names`) tagged where the sentence
    left them untagged, longest first: a name tagged once in an article is tagged everywhere in it
    (أينشتاين after ألبرت أينشتاين). A person's word right after a person joins that mention."""
    result = list(tags)
    if not names:
        return result
    keys = [_name_key(token) for token in tokens]
    longest = max(map(len, names))
    length = len(tokens)
    index = 0
    while index < length:
        matched = 0
        for size in range(min(longest, length - index), 0, -1):
            kind = names.get(tuple(keys[index : index + size]))
            if kind is None or (size == 1 and not _nameable(keys[index])):
                continue
            if all(tag == "O" for tag in result[index : index + size]) and _whole(result, index, index + size):
                if kind == "PERS" and index and result[index - 1].endswith("-PERS"):
                    result[index : index + size] = ["I-PERS"] * size
                else:
                    _set_span(result, index, index + size, kind)
                matched = size
                break
        index += matched or 1
    return result


def to_iobes(tags: Sequence[str]) -> list[str]:
    """IOB2 → IOBES (the model learns single-token and last-token entities apart)."""
    result = ["O"] * len(tags)
    for chunk in chunks(tags):
        if chunk.end - chunk.start == 1:
            result[chunk.start] = f"S-{chunk.kind}"
            continue
        result[chunk.start] = f"B-{chunk.kind}"
        for index in range(chunk.start + 1, chunk.end - 1):
            result[index] = f"I-{chunk.kind}"
        result[chunk.end - 1] = f"E-{chunk.kind}"
    return result


def to_iob2(tags: Sequence[str]) -> list[str]:
    """IOBES (or any scheme conlleval reads) → IOB2."""
    result = ["O"] * len(tags)
    for chunk in chunks(tags):
        result[chunk.start] = f"B-{chunk.kind}"
        for index in range(chunk.start + 1, chunk.end):
            result[index] = f"I-{chunk.kind}"
    return result


def default_model_path() -> Path:
    return Path(str(resources.files("akhbar.models").joinpath(MODEL_FILE)))


def write_model_archive(path: Path, crf_model: bytes, lexicon: Lexicon, meta: Mapping[str, Any]) -> None:
    """Write the one-file model (deterministic: fixed member order and timestamps)."""
    clusters = "".join(word + "\t" + "\t".join(map(str, ids)) + "\n" for word, ids in sorted(lexicon.clusters.items()))
    gazetteer = "".join(f"{key:016x}\t{kinds}\n" for key, kinds in sorted(lexicon.gazetteer.items()))
    firsts = "".join(f"{key:016x}\t{size}\n" for key, size in sorted(lexicon.gazetteer_firsts.items()))
    header = {**meta, "feature_version": FEATURE_VERSION, "cluster_names": list(lexicon.cluster_names)}
    members = [
        ("meta.json", json.dumps(header, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")),
        ("crf.bin", crf_model),
        ("clusters.tsv", clusters.encode("utf-8")),
        ("gazetteer.tsv", gazetteer.encode("ascii")),
        ("gazetteer_firsts.tsv", firsts.encode("ascii")),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    path.write_bytes(buffer.getvalue())


def read_model_archive(data: bytes) -> tuple[bytes, Lexicon, dict[str, Any]]:
    """(CRFsuite model bytes, lexicon, meta) of a model archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        meta = json.loads(archive.read("meta.json"))
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"NER model has feature version {meta.get('feature_version')}, this akhbar needs {FEATURE_VERSION}"
                " (retrain with `akhbar train ner`)"
            )
        crf = archive.read("crf.bin")
        size = len(meta["cluster_names"])
        clusters: dict[str, tuple[int, ...]] = {}
        for line in archive.read("clusters.tsv").decode("utf-8").splitlines():
            parts = line.split("\t")
            clusters[parts[0]] = tuple(map(int, parts[1 : size + 1]))
        gazetteer = {
            int(key, 16): kinds
            for key, kinds in (line.split("\t") for line in archive.read("gazetteer.tsv").decode("ascii").splitlines())
        }
        firsts = {
            int(key, 16): int(size_text)
            for key, size_text in (
                line.split("\t") for line in archive.read("gazetteer_firsts.tsv").decode("ascii").splitlines()
            )
        }
    lexicon = Lexicon(tuple(meta["cluster_names"]), clusters, gazetteer, firsts)
    return crf, lexicon, meta


class NerModel:
    """The shipped CRF tagger. ``__init__`` is cheap and picklable; ``setup()`` loads the model."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._tagger: Any = None
        self._model_bytes = b""
        self._features: Features | None = None
        self.meta: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def ready(self) -> bool:
        return self._tagger is not None

    def setup(self) -> None:
        """Load the model (once; later calls do nothing)."""
        if self._tagger is not None:
            return
        import pycrfsuite  # type: ignore[import-untyped]

        path = self.path or default_model_path()
        crf, lexicon, meta = read_model_archive(path.read_bytes())
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(crf)
        # CRFsuite reads the model from this buffer without copying it: keep it alive with the tagger
        self._model_bytes = crf
        self._features = Features(lexicon)
        self._tagger = tagger
        self.meta = meta

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """IOB2 tags for one sentence of tokens."""
        if not words:
            return []
        if self._tagger is None or self._features is None:
            self.setup()
        assert self._tagger is not None and self._features is not None
        return name_patterns(words, to_iob2(self._tagger.tag(self._features.sentence(words))))

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags for the sentences of one document: each sentence tagged alone, then the names
        found anywhere in the document tagged where a sentence missed them (:func:`propagate_names`)."""
        tagged = [self.tag_words(words) for words in sentences]
        names = document_names(zip(sentences, tagged, strict=True))
        return [propagate_names(words, tags, names) for words, tags in zip(sentences, tagged, strict=True)]
