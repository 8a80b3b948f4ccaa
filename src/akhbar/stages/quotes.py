"""Quotes and reported speech, with their speakers and channels.

``extract_quotes(article_id, text)`` finds, in the *original* text:

- **direct** quotes: content in quotation marks (« » “ ” " ″ „ ‘ ’, also across sentences and
  paragraphs) that a speech frame introduces ("وقال الوزير: «…»", "وأضاف أن «…»", "«…»، قال") or
  that follows a colon frame without marks ("وقال الوزير: …", to the end of the paragraph);
- **indirect** reported speech: the complement of a speech verb or noun in any of its forms (قال،
  أكدت، أكدوا، مشيراً إلى أن، أُعلن …) after أن / إن / بأن / إلى أن, the object of a call, warning or
  expression frame (دعا … إلى، طالب … بـ، حذر … من، أعرب … عن), and a clause attributed by a tail
  ("…، وفق بيان للبيت الأبيض", "وبحسب المصادر، فإن …").

Marks that no frame introduces (names, titles, scare quotes such as «داعش») are not quotes. A frame
whose complement is wholly one quotation is direct; a paraphrase with quoted pieces inside it (a
mixed quote) is one indirect quote spanning the whole complement.

The speaker is the noun phrase as written (a name, a role with a name, a role, an organisation), the
one before the verb ("صحيفة «ديفينس وان» ذكرت أن"), the previous speaker for a continuation
("وأضاف", "مشيراً إلى أن", "لكنه أشار"), ``None`` for a passive ("أُعلن أن", "قيل إن"). The channel
(تويتر، بيان، مؤتمر صحافي، صحيفة …) comes from "في تغريدة على تويتر", "في حسابه على «تويتر»",
"ونقلت الصحيفة عن …", "وفق بيان …" and their kin.

``group_quotes`` groups the same quote carried by several articles (exact or lightly reworded) by
overlap of normalized content terms, keeping each article's wording and flagging the differences.

Pure functions over strings; no module-global mutable state but caches of pure results
(compiled tables built once by ``functools.lru_cache``, and bounded memos of per-word results).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, compress, islice, pairwise
from typing import Any, Literal, NamedTuple

import numpy as np

from akhbar.lang.ar import match_terms, normalize, split_sentences
from akhbar.lang.ar.lexicon import country_names
from akhbar.lang.ar.memo import WordMemo
from akhbar.lang.ar.normalize import arabic_ratio
from akhbar.lang.ar.sentences import split_nbsp_breaks
from akhbar.models.quote_regions import default_scorer
from akhbar.pipeline import stage
from akhbar.stages.clean_data.places import PLACES
from akhbar.types import Article, Quote, QuoteKind, Rejection

__all__ = ["QuoteGroup", "QuoteVersion", "extract_quotes", "group_quotes", "quotes", "speakers_match"]

# --- lexicon --------------------------------------------------------------------------------------

FrameKind = Literal["say", "point", "call", "express", "warn", "report", "came"]

#: Speech verbs, by lemma: (frame kind, forms as written). Forms are normalized when compiled.
#: ``say``: complement after أن/إن, a colon or a quotation; ``point``: إلى أن; ``call``: إلى/بـ;
#: ``express``: عن; ``warn``: من; ``report``: نقل X عن Y قوله; ``came``: جاء في البيان أن.
SPEECH_VERBS: dict[str, tuple[FrameKind, str]] = {
    "قال": (
        "say",
        "قال قالت قالوا قالا قالتا يقول تقول يقولون يقولان قائلاً قائلةً قائلين قائلا قائلة قاله قالته قالها"
        # the writer's own words in a column or an interview: "فقلت له: …", "قلنا: …"
        " قلت قلنا أقول نقول",
    ),
    # "وعبر أحد الفائزين، بقوله «…»": the saying noun frames its quotation after any verb
    "بقوله": ("say", "بقوله بقولها بقولهم بقولهما"),
    "تحدث": ("say", "تحدث تحدثت تحدثوا يتحدث تتحدث متحدثاً متحدثا"),
    # "وغرد فلان «…»": a tweet (the channel is تويتر); the noun المغرد is no verb
    "غرد": ("say", "غرد غردت غردوا يغرد تغرد يغردون مغرداً مغردا مغردةً مغردة"),
    # وصف X بأنه …: reported only with its that-clause ("وصفه بالجاحد" names no statement)
    "وصف": ("say", "وصف وصفت وصفوا يصف تصف واصفاً واصفا واصفةً واصفة وصفته وصفتها"),
    "أكد": ("say", "أكد أكدت أكدوا أكدا يؤكد تؤكد يؤكدون مؤكداً مؤكدةً مؤكدين مؤكدا مؤكدة"),
    "أضاف": ("say", "أضاف أضافت أضافوا أضافا يضيف تضيف يضيفون مضيفاً مضيفةً مضيفين مضيفا مضيفة"),
    "أوضح": ("say", "أوضح أوضحت أوضحوا يوضح توضح يوضحون موضحاً موضحةً موضحين موضحا موضحة"),
    # "واستدرك بقوله: «…»": added with a reservation
    "استدرك": ("say", "استدرك استدركت استدركوا يستدرك تستدرك مستدركاً مستدركا مستدركةً مستدركة"),
    "أعلن": ("say", "أعلن أعلنت أعلنوا يعلن تعلن يعلنون معلناً معلنةً معلنا معلنة"),
    "ذكر": ("say", "ذكر ذكرت ذكروا تذكر ذاكراً ذاكرا"),
    "شدد": ("say", "شدد شددت شددوا يشدد تشدد مشدداً مشددةً مشددا مشددة"),
    "نفى": ("say", "نفى نفت نفوا ينفي تنفي نافياً نافيةً نافيا نافية"),
    "اعتبر": ("say", "اعتبر اعتبرت اعتبروا يعتبر تعتبر يعتبرون معتبراً معتبرةً معتبرا معتبرة"),
    "صرح": ("say", "صرح صرحت صرحوا يصرح مصرحاً مصرحا"),
    "أفاد": ("say", "أفاد أفادت أفادوا يفيد تفيد مفيداً مفيدا"),
    "بين": ("say", "بين بينت بينوا يبين مبيناً مبينةً مبينا مبينة"),
    "تابع": ("say", "تابع تابعت يتابع تتابع متابعاً متابعا"),
    "أردف": ("say", "أردف أردفت مردفاً مردفا"),
    "استطرد": ("say", "استطرد استطردت مستطرداً مستطردا مستطردة"),
    "كشف": ("say", "كشف كشفت كشفوا يكشف تكشف كاشفاً كاشفا"),
    "أقر": ("say", "أقر أقرت مقراً مقرا"),
    "اعترف": ("say", "اعترف اعترفت معترفاً معترفا"),
    "زعم": ("say", "زعم زعمت زعموا يزعم تزعم يزعمون زاعماً زاعما"),
    "ادعى": ("say", "ادعى ادعت"),
    "رأى": ("say", "رأى رأت رأوا يرى ترى يرون"),
    "جادل": ("say", "جادل جادلت جادلوا يجادل مجادلاً مجادلا"),
    # اتهم X بأن …: reported only with its that-clause ("اتهمه بالفساد" names no statement)
    "اتهم": ("say", "اتهم اتهمت اتهموا يتهم تتهم متهماً"),
    "توقع": ("say", "توقع توقعت توقعوا يتوقع تتوقع متوقعاً متوقعا"),
    "رجح": ("say", "رجح رجحت مرجحاً مرجحا"),
    "أبلغ": ("say", "أبلغ أبلغت أبلغوا"),
    "أكمل": ("say", "أكمل أكملت"),
    "تعهد": ("say", "تعهد تعهدت متعهداً متعهدا"),
    "استبعد": ("say", "استبعد استبعدت مستبعداً مستبعدا"),
    "علق": ("say", "علق علقت معلقاً معلقا"),
    "تساءل": ("say", "تساءل تساءلت يتساءل تتساءل متسائلاً متسائلا"),
    # سأل «…» / سأل: …: a question in the asker's words (read only before a colon or a quotation:
    # "سأل عن …" asks about a topic; "سائلاً الله أن" is a prayer, so no participle)
    "سأل": ("say", "سأل سألت سألوا يسأل تسأل يسألون"),
    "أجاب": ("say", "أجاب أجابت أجابوا يجيب تجيب مجيباً مجيبا أجبت أجبنا"),
    "كتب": ("say", "كتب كتبت"),
    # روى للصحافيين «…»; زاد: … (also "increased": read only before a colon or a quotation)
    "روى": ("say", "روى روت رووا يروي تروي"),
    "زاد": ("say", "زاد زادت"),
    # هتف / ردد «…»: chanted words (also "phoned", "repeated": read only before a colon or a quotation)
    "هتف": ("say", "هتف هتفت هتفوا يهتف تهتف يهتفون هاتفين هاتفون"),
    "ردد": ("say", "ردد رددت رددوا يردد تردد يرددون مرددين مرددون مردداً مرددا مرددةً مرددة"),
    "قيل": ("say", "قيل يقال"),
    "أشار": ("point", "أشار أشارت أشاروا يشير تشير يشيرون مشيراً مشيرةً مشيرين مشيرا مشيرة"),
    "لفت": ("point", "لفت لفتت لفتوا يلفت تلفت لافتاً لافتةً لافتا لافتة"),
    "نوه": ("point", "نوه نوهت منوهاً منوها"),
    "نبه": ("point", "نبه نبهت منبهاً منبها"),
    # أرجع ذلك إلى أن …: the cause the speaker gives
    "أرجع": ("point", "أرجع أرجعت أرجعوا يرجع مرجعاً مرجعا مرجعةً مرجعة"),
    "دعا": ("call", "دعا دعت دعوا يدعو تدعو داعياً داعيةً داعيا داعية"),
    "طالب": ("call", "طالب طالبت طالبوا يطالب تطالب مطالباً مطالبةً مطالبا مطالبة"),
    "ناشد": ("call", "ناشد ناشدت مناشداً مناشدا"),
    "أعرب": ("express", "أعرب أعربت أعربوا يعرب تعرب معرباً معربةً معربا معربة"),
    # "أبدى الأمين سعادته بصدور الترخيص": its object is the feeling itself (EMOTION_NOUNS), no عن
    "أبدى": ("express", "أبدى أبدت أبدوا يبدي تبدي يبدون مبدياً مبديا مبديةً مبدية"),
    # عبّر عن; its bare past (عبر) is also "via, across": read only when written with its shadda
    "عبّر": ("express", "عبرت عبروا يعبر تعبر يعبرون معبراً معبرةً معبرا معبرة"),
    "حذر": ("warn", "حذر حذرت حذروا يحذر تحذر محذراً محذرةً محذرا محذرة"),
    "نقل": ("report", "نقل نقلت نقلوا ينقل تنقل"),
    "نسب": ("report", "نسب نسبت نسبوا"),
    "أخبر": ("say", "أخبر أخبرت أخبروا"),
    "أورد": ("say", "أورد أوردت أوردوا يورد"),
    "أبان": ("say", "أبان أبانت"),
    "ألمح": ("say", "ألمح ألمحت ملمحاً ملمحا"),
    "جاء": ("came", "جاء"),
    # "وينص القرار على أن …": a decision's, law's or contract's terms (the bare past نص is "text")
    "نص": ("say", "ينص تنص نصت"),
    # nouns of speech with their speaker after them: "تصريح الحكومة بأنها …", "إعلان الوزارة أن …"
    "تصريح": ("say", "تصريح تصريحه تصريحها تصريحات تصريحاته تصريحاتها"),
    "إعلان": ("say", "إعلان إعلانه إعلانها"),
}
#: The nouns among them: they take no subject before them, and a verb's frame reads through them.
NOUN_LEMMAS = frozenset(["تصريح", "إعلان", "بقوله"])

#: The writer's own saying (a column retelling a conversation): no named speaker.
FIRST_PERSON_SAYING = frozenset(normalize(w) for w in ["قلت", "قلنا", "أقول", "نقول", "أجبت", "أجبنا"])
#: Words that make a quotation a proverb or a saying of nobody in particular.
PROVERB_WORDS = frozenset(normalize(w) for w in ["المثل", "الأمثال", "المقولة", "الحكمة", "المأثور"])


#: The one spoken to in a retold scene ("وأقول له: «…»"): the writer's own words then, not his opinion.
_TOLD_ONE = frozenset(normalize(w) for w in ["له", "لها", "لي", "لأبي", "لأمي"])


def _told_one(toks: Sequence[_Tok]) -> bool:
    return bool(toks) and toks[0].word and toks[0].norm in _TOLD_ONE


def _proverb(speaker: str | None, gap: Sequence[_Tok]) -> bool:
    """The speaker or the words between the verb and its content name a proverb."""
    if speaker and not _PROVERB_HINT.search(speaker) and not any(t.norm in _PROVERB_GAP for t in gap):
        return False  # (most speakers: one regular-expression search, no word split)
    words = [_norm(w) for w in (speaker or "").split()] + [t.norm for t in gap if t.word]
    if any(w.removeprefix("ف").removeprefix("و") in PROVERB_WORDS for w in words):
        return True
    # "قال أوائلنا في مثل بليغ «…»": مثل alone is mostly "like", but not before one of these
    return any(a in _A_PROVERB and b in _PROVERB_ADJECTIVES for a, b in pairwise(words))


_PROVERB_HINT = re.compile("مثل|مقول|حكم|مأثور|ماثور")
_A_PROVERB = frozenset(normalize(w) for w in ["مثل", "مثلا", "مثلاً", "بمثل"])
_PROVERB_ADJECTIVES = frozenset(
    normalize(w) for w in ["بليغ", "شعبي", "قديم", "عربي", "سائر", "مأثور", "معروف", "شائع", "دارج", "يقول"]
)
_PROVERB_GAP = frozenset(w for base in PROVERB_WORDS for w in (base, "و" + base, "ف" + base))


_IT_IS_SAID = normalize("يقال")
_GODS_WORD = re.compile(r"(?:قال|يقول)\s+(?:الله|تعالى|رسول|الرسول|النبي)(?![\w])")
_AS_WORDS = frozenset(["كما", "فكما", "وكما"])


#: Its present: the writer's opinion as he writes, never a quotation (the guidelines leave it unmarked).
WRITER_NOW_SAYING = frozenset(normalize(w) for w in ["أقول", "نقول"])

#: Verbs of stance (not speech) whose subject a later continuation ("مشيراً إلى أن") refers to.
STANCE_VERBS = "دان دانت ندد نددت استنكر استنكرت رحب رحبت أشاد أشادت انتقد انتقدت بحث بحثت"

#: Verbs that frame speech only before a colon or a quotation ("وزاد: …"; "زاد عدد …" is "increased").
COLON_ONLY_LEMMAS = frozenset(["زاد", "هتف", "ردد", "سأل"])
#: Verbs that are also common words (زاد "increased", روى "watered"; رؤية is not روى + ه): never
#: an attribution tail ("…، كما زادت الكمية", "حسب رؤية الهلال").
NO_TAIL_LEMMAS = frozenset(["زاد", "روى", "هتف", "ردد"])

#: Lemmas whose form is ambiguous with a common word: the complement must come within a few words.
SHORT_GAP_LEMMAS = {
    "عبّر": 8,
    "أبدى": 8,
    "بين": 6,
    "تابع": 4,
    "طالب": 8,
    "كتب": 8,
    "رأى": 6,
    "أكمل": 3,
    "جاء": 4,
    "علق": 6,
    "تصريح": 3,
    "إعلان": 3,
    "بقوله": 2,
    "تحدث": 5,
    "روى": 4,
    "زاد": 2,
    "هتف": 6,  # "هتفت مجموعة من مشجعي النادي «…»" (a colon or quotation must follow: _frames_colon)
    "ردد": 6,
    "وصف": 8,
    "نص": 6,
}
MAX_GAP = 22  # words between the verb and its complement
MAX_SPEAKER_WORDS = 16
GAP_WINDOW = 320  # characters after a verb searched for its complement (MAX_GAP words fit easily)
SHORT_WINDOW = 160  # characters tokenized first (most complements start within them)

#: Narrator formulas ("it is worth mentioning that"): never reported speech.
NARRATOR_FORMS = frozenset(normalize(w) for w in ["يذكر", "يشار", "تجدر", "يجدر", "يبدو"])

COMPLEMENTIZERS = frozenset(
    normalize(w)
    for w in [
        "أن",
        "أنه",
        "أنها",
        "أنهم",
        "أنهما",
        "أننا",
        "أنني",
        "أني",
        "أنك",
        "أنكم",
        "أنّ",
        "إن",
        "إنه",
        "إنها",
        "إنهم",
        "إنهما",
        "إننا",
        "إنني",
        "إني",
        "بأن",
        "بأنه",
        "بأنها",
        "بأنهم",
        "بأنهما",
        "بأننا",
        "فإن",
        "فإنه",
        "فإنها",
        "وأن",
    ]
)
#: Words that may stand between a verb and its complementizer ("أشار إلى أن", "أكد على أن").
COMPLEMENT_PREPOSITIONS = frozenset(normalize(w) for w in ["إلى", "على", "من", "عن", "في"])

#: Words that open a channel phrase (after the speaker) and the nouns that make it one.
CHANNEL_NOUNS = frozenset(
    normalize(w)
    for w in [
        "تغريدة",
        "تغريدات",
        "تدوينة",
        "منشور",
        "بيان",
        "بيانات",
        "مؤتمر",
        "تصريح",
        "تصريحات",
        "حديث",
        "مقابلة",
        "كلمة",
        "خطاب",
        "رسالة",
        "لقاء",
        "حوار",
        "برنامج",
        "تقرير",
        "مقال",
        "حساب",
        "حسابه",
        "حسابها",
        "صفحته",
        "صفحتها",
        "موقعه",
        "موقعها",
        "تويتر",
        "فيسبوك",
        "إنستغرام",
        "قناة",
        "صحيفة",
        "وكالة",
        "موقع",
        "تلفزيون",
        "إذاعة",
        "اتصال",
        "مداخلة",
        "ندوة",
        "جلسة",
        "محاضرة",
    ]
)
ADDRESSEE_CHANNELS = frozenset(
    normalize(w)
    for w in [
        "لصحيفة",
        "لوكالة",
        "لقناة",
        "لموقع",
        "لتلفزيون",
        "لإذاعة",
        "لشبكة",
        "لهيئة",
        "لراديو",
        "لمحطة",
        "لمجلة",
        "لبرنامج",
        "للصحفيين",
        "للصحافيين",
        "للصحافة",
        "للإعلاميين",
        "لوسائل",
    ]
)
#: Outlets often named with the preposition لـ alone ("وقال لرويترز"): the phrase is a channel.
OUTLETS = frozenset(
    normalize(w)
    for w in [
        "رويترز",
        "سبوتنيك",
        "الجزيرة",
        "العربية",
        "الحياة",
        "الوطن",
        "عكاظ",
        "الرياض",
        "الشرق",
        "الأوسط",
        "فرانس",
        "الأناضول",
        "بي",
        "سي",
        "إن",
    ]
)
TWEET_WORDS = frozenset(normalize(w) for w in ["تغريدة", "تغريدات", "تويتر", "تدوينة"])
SOCIAL = {normalize("فيسبوك"): "فيسبوك", normalize("فيس"): "فيسبوك", normalize("إنستغرام"): "إنستغرام"}

#: Weekdays, and time adverbs (with them) that a speaker phrase stops at and that may stand between a
#: verb and its subject ("وأوضح أمس الخميس المدير").
_WEEKDAYS = (
    "الأحد",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
)
_TIME_ADVERBS = (
    "اليوم",
    "أمس",
    "غدا",
    "غداً",
    "الليلة",
    "صباح",
    "مساء",
    *_WEEKDAYS,
    "الماضي",
    "الماضية",
)
#: Words that end a speaker noun phrase: circumstantial and temporal words.
STOP_WORDS = frozenset(
    normalize(w)
    for w in [
        "خلال",
        "أثناء",
        "عقب",
        "بعد",
        "قبل",
        "لدى",
        "أمام",
        "عند",
        "عبر",
        "إثر",
        "وسط",
        "ضمن",
        "يوم",
        "حيث",
        "وذلك",
        "الذي",
        "التي",
        "الذين",
        "لكن",
        "لكنه",
        "لكنها",
        "المقبل",
        "الجاري",
        *_TIME_ADVERBS,
    ]
)
#: Words skipped inside a speaker phrase ("وقال بدوره الوزير").
SOFT_WORDS = frozenset(
    normalize(w)
    for w in [
        "بدوره",
        "بدورها",
        "أيضا",
        "أيضاً",
        "كذلك",
        "فيها",
        "فيه",
        "منها",
        "منه",
        "خلالها",
        "خلاله",
        "له",
        "لها",
        "لهم",
        "لأحدهم",
        "بنفسه",
        "بنفسها",
    ]
)
#: Adverbs and particles dropped from the edges of a speaker phrase.
EDGE_WORDS = frozenset(
    normalize(w)
    for w in [
        "و",
        "وكان",
        "وكانت",
        "كان",
        "كانت",
        "كما",
        "ثم",
        "فيما",
        "بينما",
        "لكن",
        "ولكن",
        "قد",
        "وقد",
        "لقد",
        "هذا",
        "وهذا",
        "وقال",
        "من",
        "بدوره",
        "بدورها",
        "من",
        "جهته",
        "جهتها",
        "جانبه",
        "جانبها",
        "أيضا",
        "أيضاً",
        "كذلك",
        "اليوم",
        "أمس",
        "الماضي",
        "الماضية",
        "المقبل",
        "الجاري",
        *_WEEKDAYS,
    ]
)
#: Words before a verb that say it is not a sentence subject (relative, conjunction, pronoun-clitic).
NOT_SUBJECT = frozenset(
    normalize(w)
    for w in [
        # "…، لأنها تزعم أن …": a pronoun after a conjunction points back; it names nobody
        "لأنه",
        "لأنها",
        "لأنهم",
        "لكونه",
        "لكونها",
        "ما",
        "مما",
        "بما",
        "الذي",
        "التي",
        "الذين",
        "والذي",
        "والتي",
        "والذين",
        "كما",
        "حسبما",
        "وفق",
        "بحسب",
        "حسب",
        "لما",
        "عندما",
        "حين",
        "حينما",
        "بعدما",
        "كلما",
        "ولما",
        "وعندما",
        "وحين",
        "وحينما",
        "وبعدما",
        "وكلما",
        "حتى",
        "وهو",
        "وهي",
        "وهم",
        "أنه",
        "أنها",
        "لكنه",
        "لكنها",
        "ولكنه",
        "ولكنها",
        "وأنه",
        "وأنها",
        "فيما",
        "بينما",
        "حيث",
        "إذ",
        "إذا",
        "لو",
        "ثم",
        "لم",
        "لن",
        "قد",
        "وقد",
        "لقد",
        "كان",
        "كانت",
        "وكان",
        "وكانت",
        "أن",
        "إن",
        "ان",
    ]
)
#: Heads of a source phrase in an attribution tail that stand for a speaker or outlet.
SOURCE_HEADS = frozenset(
    normalize(w)
    for w in [
        "بيان",
        "البيان",
        "مصدر",
        "مصادر",
        "المصدر",
        "المصادر",
        "وكالة",
        "الوكالة",
        "صحيفة",
        "الصحيفة",
        "موقع",
        "قناة",
        "تلفزيون",
        "مسؤول",
        "مسؤولين",
        "مسؤولون",
        "المسؤول",
        "المسؤولين",
        "متحدث",
        "المتحدث",
        "الناطق",
        "ناطق",
        "وزارة",
        "الوزارة",
        "وزير",
        "الوزير",
        "رئيس",
        "مكتب",
        "المرصد",
        "شهود",
        "تقرير",
        "التقرير",
        "تقارير",
        "بيانات",
        "تصريحات",
        "تصريح",
        "وسائل",
        "الإعلام",
        "الشرطة",
        "الجيش",
        "الأمم",
        "المنظمة",
        "منظمة",
        "مصدرا",
        "مصادرا",
        "تعبيره",
        "تعبيرها",
        "قوله",
        "قولها",
        "قولهم",
        "تعبيرهم",
    ]
)
PRONOUN_SOURCES = frozenset(normalize(w) for w in ["تعبيره", "تعبيرها", "قوله", "قولها", "قولهم", "تعبيرهم"])
TAIL = re.compile(
    r"(?<![\w])(?:و?(?:وفق|وفقا|وفقاً|بحسب|حسب|طبقا|طبقاً|نقلا|نقلاً)(?:\s*(?:ل|لـ|عن|ما)\b\s*|\s+)"
    r"|حسبما\s+|على\s+حد\s+(?=تعبير|قول)|كما\s+(?=\w))"
)
QUOTE_WORDS = frozenset(normalize(w) for w in ["قوله", "قولها", "قولهم", "قولهما"])

_WORD_CHARS = r"\w\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
_LEXER = re.compile(f"([{_WORD_CHARS}]+)|([^\\s{_WORD_CHARS}])")
_MARKS_DOUBLE = '"“”„‟″＂'
_MARKS_SINGLE = "‘’‚‛"
_OPEN_GUILLEMET, _CLOSE_GUILLEMET = "«‹", "»›"
_ALL_MARKS = _MARKS_DOUBLE + _MARKS_SINGLE + _OPEN_GUILLEMET + _CLOSE_GUILLEMET
_MARK_RE = re.compile(f"[{re.escape(_ALL_MARKS)}]")
_STRIP_CONTENT = " \t\n\r.،,؛;:-–—"
_CLAUSE_STOPS = "،,.:؛"  # punctuation where a frame's subject or a tail's words end (_until_comma)


#: Lemmas whose feminine participle is mostly a noun: "متابعة" is "follow-up" (a byline's "سبق- متابعة:"),
#: "متحدثة" a spokeswoman ("رجّحت متحدثة باسم خدمة الإسعاف أن").
NOUN_LIKE_PARTICIPLES = frozenset(["تابع", "تحدث"])
#: Participles whose plural is a noun of its own: مغردين are "tweeters" ("من إعلاميين وكتاب ومغردين").
NOUN_LIKE_PLURALS = frozenset(["غرد"])


class _Lexicon(NamedTuple):
    forms: dict[str, tuple[str, FrameKind]]  # normalized form -> (lemma, frame)
    stance: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    forms: dict[str, tuple[str, FrameKind]] = {}
    for lemma, (frame, written) in SPEECH_VERBS.items():
        for form in written.split():
            norm = normalize(form)
            forms[norm] = (lemma, frame)
            if norm.startswith("م") and norm.endswith("ا") and len(norm) > 3:  # مشيرا → مشيره، مشيرين
                if lemma not in NOUN_LIKE_PARTICIPLES:
                    forms.setdefault(norm[:-1] + "ه", (lemma, frame))
                if lemma not in NOUN_LIKE_PLURALS:
                    forms.setdefault(norm[:-1] + "ين", (lemma, frame))
    stance = frozenset(normalize(w) for w in STANCE_VERBS.split())
    return _Lexicon(forms, stance)


_WORD_RE = re.compile(f"[{_WORD_CHARS}]+")
_SPLIT_RE = re.compile(f"([{_WORD_CHARS}]+)")


#: ``normalize`` of one word, memoized.
_norm: Callable[[str], str] = WordMemo(normalize).__getitem__


def _trigger_word(word: str) -> bool:
    """Whether a written word is a form of a speech or stance verb, with an optional و/ف."""
    norm = normalize(word)
    lexicon = _lexicon()
    if norm in lexicon.forms or norm in lexicon.stance or ("\u0651" in word and _ABBAR.fullmatch(word)):
        return True
    return norm[:1] in "وف" and (norm[1:] in lexicon.forms or norm[1:] in lexicon.stance)


_TRIGGER_WORDS = WordMemo(_trigger_word)
_is_trigger: Callable[[str], bool] = _TRIGGER_WORDS.__getitem__

_ABBAR = re.compile("[وف]?\u0639\u0628\u0651[\u064e]?\u0631[\u064e]?")  # عبّر with its shadda


class _Trigger(NamedTuple):
    begin: int
    finish: int
    written: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.written


def _triggers(text: str) -> list[_Trigger]:
    """Speech and stance verbs of ``text``, in order: one cached look-up per word, in C loops."""
    parts = _SPLIT_RE.split(text)
    words = parts[1::2]
    hits = list(compress(range(len(words)), map(_is_trigger, words)))
    if not hits and "وعبر" not in text:
        return []
    bounds = list(accumulate(map(len, parts)))  # bounds[2i] = start of word i, bounds[2i+1] = its end
    found = [_Trigger(bounds[2 * i], bounds[2 * i + 1], words[i]) for i in hits]
    if any(map(_colon_only, (t.written for t in found))):
        found = [t for t in found if not _colon_only(t.written) or _frames_colon(text, t)]
    if "لافت" in text:  # "وبدا لافتاً أن …": "notable", an adjective, not "pointing out"
        found = [t for t in found if not (t.written.startswith("لافت") and _notable(text, t.begin))]
    if "وعبر" in text:  # "وعبر الوالد عن بالغ شكره": the bare past with its عن (not "وعبر الإنترنت")
        found.extend(_Trigger(m.start(), m.start() + 4, "وعبر") for m in _BARE_ABBAR.finditer(text))
        found.sort(key=lambda t: t.begin)
    return found


#: A verb of being right before "لافتاً" makes it an adjective ("وبدا لافتاً أن").
_NOTABLE = re.compile(r"(?:بدا|يبدو|كان|أصبح|أضحى|بات)\s+$")


def _notable(text: str, position: int) -> bool:
    return _NOTABLE.search(text, max(0, position - 20), position) is not None


#: عبّر written without its shadda, opening a clause, with its عن a few words after it.
_BARE_ABBAR = re.compile(f"(?<![{_WORD_CHARS}])وعبر(?=(?:\\s+[{_WORD_CHARS}]+){{1,8}}?\\s+عن\\s(?!طريق))")


#: A colon or a quotation mark after at most two words: "وزاد: «…»", "وزاد المدرب «…»".
_COLON_AFTER = re.compile(f"(?:\\s+[{_WORD_CHARS}]+){{0,2}}\\s*[:{re.escape(_ALL_MARKS)}]")
#: Chanting verbs take a subject of several words before their marks ("هتفت مجموعة من مشجعي النادي «…»").
_CHANT_AFTER = re.compile(f"(?:\\s+[{_WORD_CHARS}]+){{0,6}}\\s*[:{re.escape(_ALL_MARKS)}]")
CHANT_LEMMAS = frozenset(["هتف", "ردد"])
#: Colon-only lemmas whose subject may run longer: chants, and a group's question ("يسأل أصحاب المراكز «…»").
LONG_SUBJECT_LEMMAS = CHANT_LEMMAS | {"سأل"}


def _frames_colon(text: str, trigger: _Trigger) -> bool:
    """A colon-only verb with its colon or quotation close after it (farther for a chant)."""
    if _COLON_AFTER.match(text, trigger.finish):
        return True
    entry = _speech_entry(trigger.written)
    return entry is not None and entry[0] in CHANT_LEMMAS and _CHANT_AFTER.match(text, trigger.finish) is not None


@lru_cache(maxsize=1 << 12)
def _colon_only(word: str) -> bool:
    """A form of a verb that frames speech only before a colon or a quotation (وزاد: …)."""
    entry = _speech_entry(word)
    return entry is not None and entry[0] in COLON_ONLY_LEMMAS


def _is_trigger_at(text: str, start: int, end: int) -> bool:
    return _is_trigger(text[start:end])


# --- tokens ---------------------------------------------------------------------------------------


class _Tok(NamedTuple):
    start: int
    end: int
    norm: str  # normalized word, or the punctuation character itself
    word: bool


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    # The hottest loop of the extractor (a quarter of its time): tuple.__new__ skips the named
    # tuple's Python-level constructor.
    out: list[_Tok] = []
    append = out.append
    make = tuple.__new__
    for match in _LEXER.finditer(text, start, end):
        begin, finish = match.span()
        word = match.group(1)
        if word is not None:
            append(make(_Tok, (begin, finish, _norm(word), True)))
        else:
            append(make(_Tok, (begin, finish, match.group(2), False)))
    return out


#: The lexer's tokens without their groups, for counting them.
_TOKEN_RE = re.compile(f"[{_WORD_CHARS}]+|[^\\s{_WORD_CHARS}]")


def _token_count(text: str, start: int, end: int) -> int:
    """``len(_tokens(text, start, end))`` without building the tokens."""
    return len(_TOKEN_RE.findall(text, start, end))


def _word_count(text: str, start: int, end: int) -> int:
    """How many word tokens ``_tokens(text, start, end)`` holds, without building them."""
    return len(_WORD_RE.findall(text, start, end))


def _at_least_tokens(text: str, start: int, end: int, count: int) -> bool:
    return len(list(islice(_TOKEN_RE.finditer(text, start, end), count))) >= count


def _words_until_stop(text: str, start: int, end: int, limit: int) -> int:
    """Words of ``_until_comma(_tokens(text, start, end))``, counted up to ``limit + 1``."""
    count = 0
    for match in _LEXER.finditer(text, start, end):
        if match.lastindex == 1:
            count += 1
            if count > limit:
                break
        elif match.group(2) in _CLAUSE_STOPS:
            break
    return count


# --- quotation marks ------------------------------------------------------------------------------


class _Region(NamedTuple):
    open: int  # index of the opening mark
    close: int  # index of the closing mark (len(text) when never closed)
    start: int  # content start (marks and whitespace excluded)
    end: int  # content end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return split_nbsp_breaks(text, spans) if "\xa0" in text else spans


def _quote_regions(text: str) -> list[_Region]:
    """Balanced quotations: «…» nest; the symmetric families pair within a paragraph.

    A symmetric mark glued to the word after it and spaced from the one before (`` "قسد``) opens a
    quotation, even inside another one; glued to the word before it and spaced from the next one
    (``قسد" ``) it closes the innermost open one; otherwise marks pair in order. A closing
    guillemet with nothing open waits for a second one (``»…»``, or ``»…«`` at the paragraph's end):
    some writers use them the other way round. A quotation left open at the end of a paragraph goes
    on into the next one when that paragraph opens with a mark (the convention for quotes of several
    paragraphs) or closes one it never opened.
    """
    paragraphs = _paragraphs(text)
    pairs: list[tuple[int, int]] = []
    guillemets: list[int] = []
    doubles: list[int] = []
    open_single = -1
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = [m.start() for m in _MARK_RE.finditer(text, p_start, p_end)]
        first_mark = marks[0] if marks else -1
        reopening = first_mark >= 0 and not text[p_start:first_mark].strip()
        stray = -1  # a closing guillemet with nothing open
        for position in marks:
            char = text[position]
            if char in _OPEN_GUILLEMET:
                if position == first_mark and reopening and guillemets:
                    continue  # «… / «… : the continuation mark of a multi-paragraph quote
                guillemets.append(position)
            elif char in _CLOSE_GUILLEMET:
                if guillemets:
                    pairs.append((guillemets.pop(), position))
                elif _glued_opener(text, position):
                    guillemets.append(position)
                elif stray >= 0:
                    pairs.append((stray, position))
                    stray = -1
                else:
                    stray = position
            elif char in _MARKS_DOUBLE:
                if position == first_mark and reopening and doubles and doubles[-1] < p_start:
                    continue
                side = _side(text, position)
                if not doubles and side < 0 and text[position + 1 : position + 2] in ("،", ",", ".", "؛"):
                    continue  # "…الزعفرانية"، واخرى …": a closing mark with nothing open, not an opener
                if side > 0 or not doubles:
                    doubles.append(position)
                else:
                    pairs.append((doubles.pop(), position))
            elif open_single < 0:
                if char in "‘‚‛":
                    open_single = position
            else:
                pairs.append((open_single, position))
                open_single = -1
        if stray >= 0 and len(guillemets) == 1 and stray < guillemets[0]:
            pairs.append((stray, guillemets.pop()))  # »…« : mirrored guillemets
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        carry = nxt is not None and _continues(text, nxt)
        if not carry:
            guillemets.clear()
            doubles.clear()
        open_single = -1
    regions = []
    for open_at, close_at in sorted(pairs):
        start, end = open_at + 1, close_at
        while start < end and text[start] in " \t\n\r":
            start += 1
        while end > start and text[end - 1] in " \t\n\r":
            end -= 1
        if end > start:
            regions.append(_Region(open_at, close_at, start, end))
    return regions


_OPEN_SIDE = " \t\n\r([{:،,؛;\u0640-–—"
_CLOSE_SIDE = " \t\n\r)]}.،,؛;:!?؟-–—"


def _side(text: str, position: int) -> int:
    """+1 when a symmetric mark looks like an opener (space before, word after: `` "قسد``), -1 when
    it looks like a closer (``قسد" ``), 0 when it cannot tell (``الليبي"المنتهية``)."""
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    open_before = before in _OPEN_SIDE or (before in "وبلفك" and (position < 2 or text[position - 2].isspace()))
    close_after = after in _CLOSE_SIDE or after in _ALL_MARKS
    if before == ":" and after not in _ALL_MARKS:
        return 1  # 'وأردف:" سيتم …': a mark glued to a colon opens, whatever follows it
    if open_before and not close_after:
        return 1
    if close_after and not open_before:
        return -1
    return 0


def _glued_opener(text: str, position: int) -> bool:
    """``بـ»إنهاء`` : a closing guillemet glued to a word on both sides, used as an opener."""
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return before == "\u0640" and after.isalpha()


def _continues(text: str, paragraph: tuple[int, int]) -> bool:
    stripped = text[paragraph[0] : paragraph[1]].lstrip()
    return bool(stripped) and stripped[0] in _ALL_MARKS


# --- frames ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None
    channel: str | None
    anchor: int  # where the frame is (for ordering and continuation)


@dataclass(slots=True)
class _Context:
    text: str
    regions: list[_Region]
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    last_speaker: str | None = None
    last_channel: str | None = None
    last_outlet: str | None = None  # the last named صحيفة/وكالة, for "الصحيفة"
    speakers: list[str] = field(default_factory=list)  # speakers named so far, in order
    released: set[int] = field(default_factory=set)  # frames cut out of an unclosed quotation
    unsaid: set[int] = field(default_factory=set)  # regions (by opening mark) that are nobody's words
    framed: set[int] = field(default_factory=set)  # regions a rule's own frame takes whole: the scorer keeps them
    _starts: list[int] | None = None
    _triggers: list[_Trigger] | None = None
    _trigger_starts: list[int] = field(default_factory=list)
    _region_scores: dict[int, float] = field(default_factory=dict)

    def region_score(self, region: _Region) -> float:
        """The learned scorer's probability that ``region`` is someone's words (computed once)."""
        score = self._region_scores.get(region.open)
        if score is None:
            score = default_scorer().probability(region_features(self.text, region, self.regions))
            self._region_scores[region.open] = score
        return score

    def triggers_in(self, start: int, end: int) -> list[_Trigger]:
        """The speech and stance verbs of ``text[start:end]`` (found once per article)."""
        if self._triggers is None:
            self._triggers = _triggers(self.text)
            self._trigger_starts = [t.begin for t in self._triggers]
        low = bisect_left(self._trigger_starts, start)
        high = bisect_left(self._trigger_starts, end)
        return self._triggers[low:high]

    def said(self, speaker: str | None) -> None:
        if speaker:
            self.last_speaker = speaker
            self.speakers.append(speaker)

    def antecedent(self, gender: str | None) -> str | None:
        """The speaker a pronoun subject refers to: the last one whose gender agrees with the verb."""
        if gender is None:
            return self.last_speaker
        for speaker in reversed(self.speakers[-4:]):
            if _speaker_gender(speaker) == gender:
                return speaker
        # none agrees: names say little of gender (لورا، بلقيس) and plurals may be broken (تجار)
        return self.last_speaker

    def sentence_at(self, position: int) -> tuple[int, int]:
        index = bisect_right(self.sentence_starts, position) - 1
        if index >= 0 and position < self.sentences[index][1]:
            return self.sentences[index]
        return position, position

    @property
    def sentence_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [start for start, _ in self.sentences]
        return self._starts

    def paragraph_at(self, position: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= position <= end:
                return start, end
        return position, position

    def region_opening_at(self, position: int) -> _Region | None:
        for region in self.regions:
            if region.open == position:
                return region
        return None

    def region_containing(self, position: int) -> _Region | None:
        for region in self.regions:
            if region.open < position < region.close:
                return region
        return None


_FEMININE_NAMES = frozenset(
    normalize(w) for w in ["واشنطن", "طهران", "موسكو", "بغداد", "دمشق", "أنقرة", "القاهرة", "الرياض"]
)


def _speaker_gender(speaker: str) -> str:
    first = normalize(speaker.split()[0])
    if first.endswith(("ه", "يا")) or first in _FEMININE_NAMES:
        return "f"
    if first.endswith(("ون", "ين")) and len(first) > 4:
        return "p"
    return "m"


def _verb_gender(bare: str, lemma: str) -> str | None:
    """Agreement of a verb form written without its subject: past -ت, -وا; present ت-, -ون; participle -ة, -ين."""
    if bare == normalize(lemma):
        return "m"
    if bare.endswith(("وا", "ون", "ين")):
        return "p"
    if bare.endswith("ت") or bare.startswith("ت") or (bare.startswith("م") and bare.endswith("ه")):
        return "f"
    if bare.endswith("ه") and bare[:1] in "قدنل":  # قائلة، داعية، نافية، لافتة
        return "f"
    return "m"


def _clean_phrase(text: str, start: int, end: int) -> str:
    phrase = text[start:end]
    phrase = _MARK_RE.sub("", phrase)
    phrase = re.sub(r"[()\[\]]", "", phrase)
    return " ".join(phrase.split()).strip(" ،,؛:.-")


def _trim_edges(words: list[_Tok]) -> list[_Tok]:
    while words and words[0].norm in EDGE_WORDS:
        words = words[1:]
    while words and words[-1].norm in EDGE_WORDS:
        words = words[:-1]
    return words


def _channel_label(ctx: _Context, words: list[_Tok]) -> str | None:
    norms = [w.norm for w in words]
    if any(n in TWEET_WORDS or n.removeprefix("و") in TWEET_WORDS for n in norms):
        return "تويتر"
    for n in norms:
        if n in SOCIAL:
            return SOCIAL[n]
    lead = {
        normalize(w)
        for w in ["في", "عبر", "على", "خلال", "من", "له", "لها", "ل", "لـ", "حسابه", "حسابها", "صفحته", "صفحتها"]
    }
    trimmed = list(words)
    while trimmed and (trimmed[0].norm in lead or trimmed[0].norm in ("ل", "لـ")):
        trimmed = trimmed[1:]
    outlet = next((i for i, w in enumerate(trimmed) if i and w.norm in ("ل", "لـ") and i + 1 < len(trimmed)), None)
    if outlet is not None and _is_channel_noun(trimmed[0].norm):
        trimmed = trimmed[outlet + 1 :]  # "في تصريح لـ«الوطن»": the outlet it was given to
    if not trimmed:
        return None
    cut = len(trimmed)
    for index, word in enumerate(trimmed):
        if word.norm in STOP_WORDS and index and not (word.norm == "ان" and _in_cnn(trimmed, index)):
            cut = index
            break
    trimmed = trimmed[: min(cut, 5)]
    label = _clean_phrase(ctx.text, trimmed[0].start, trimmed[-1].end)
    first = trimmed[0].norm
    if (
        first.startswith("لل")
        or (first.startswith("ل") and (first[1:] in ADDRESSEE_CHANNELS or first[1:] in OUTLETS))
        or first in ADDRESSEE_CHANNELS
    ):
        label = label[1:]
    return _resolve_outlet(ctx, label) or None


def _resolve_outlet(ctx: _Context, label: str) -> str:
    norm = normalize(label)
    if norm in ("الصحيفه", "الوكاله", "القناه", "الموقع") and ctx.last_outlet:
        return ctx.last_outlet
    if norm.startswith(("صحيفه ", "وكاله ", "قناه ", "موقع ")):
        ctx.last_outlet = label
    return label


def _is_channel_noun(norm: str) -> bool:
    """تغريدة، التغريدة، حواره، مقابلتها : a channel noun, with the article or a possessive."""
    for candidate in (norm, norm.removeprefix("ال"), norm.removesuffix("ها"), norm.removesuffix("ه")):
        if candidate in CHANNEL_NOUNS or (candidate.endswith("ت") and candidate[:-1] + "ه" in CHANNEL_NOUNS):
            return True
    return False


#: Those spoken to ("قال للصحفيين"): no channel (the annotators leave the channel empty there).
_ADDRESSEES = frozenset(normalize(w) for w in ["للصحفيين", "للصحافيين", "للإعلاميين", "للصحافة"])
#: "لهيئة" names a channel only as the BBC ("لهيئة الإذاعة البريطانية"); else it is the speaker's body
#: ("المتحدث الرسمي لهيئة الهلال الأحمر").
_LI_HAYAH, _BROADCAST = normalize("لهيئة"), normalize("الإذاعة")


_DASHES = "-–—"


def _spaced(text: str, position: int) -> bool:
    """A dash with a space on one side at least: punctuation, not the hyphen of "إيسوزي-نجونديت"."""
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return before.isspace() or after.isspace()


def _overseer(speaker: list[_Tok]) -> bool:
    """A role that على or عن completes: "المشرف على", "المسؤول عن", "المشرف العام على"."""
    if not speaker:
        return False
    last = speaker[-1].norm
    if len(speaker) > 1 and last in _ROLE_QUALIFIERS:
        last = speaker[-2].norm
    return last.startswith(("الم", "القائم"))


#: Words after a role noun that its على/عن still completes ("المشرف العام على", "المدير التنفيذي عن").
_ROLE_QUALIFIERS = frozenset(normalize(w) for w in ["العام", "العامة", "التنفيذي", "الأول", "الرئيسي", "المباشر"])


def _split_gap(ctx: _Context, gap: list[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """Split the words between a verb and its complement into (speaker words, channel words)."""
    speaker: list[_Tok] = []
    channel: list[_Tok] = []
    state = "speaker"
    quoted_close = -1  # the closing mark of an outlet named in marks after لـ ("قال لـ«الوطن» المدير")
    index = 0
    while index < len(gap):
        tok = gap[index]
        nxt = gap[index + 1].norm if index + 1 < len(gap) else ""
        if state == "channel" and 0 <= quoted_close < tok.start:
            # a subject of two words or more after the outlet (one word goes on naming it: «رويترز» هيلث)
            run = 0
            while index + run < len(gap) and gap[index + run].word:
                run += 1
            if run >= 2 or not tok.word:
                state = "speaker" if not speaker else "after"
            quoted_close = -1
        if not tok.word:
            if tok.norm in _DASHES and speaker and state == "speaker" and _spaced(ctx.text, tok.start):
                # "وقال فلان - حسب ما أوردته صحيفة … - «…»": a parenthetical opens (but a name after a
                # role, "الناطق باسم اللجنة- محمد عوض", is the speaker's too)
                speaker.extend(_apposition_name(ctx, gap, index + 1))
                state = "after"
            if tok.norm in "،," and ((speaker and state == "speaker") or state == "channel"):
                apposition = _apposition_name(ctx, gap, index + 1) if state == "speaker" else []
                if apposition:  # "المدير العام للمنظمة، روبرتو ازيفيدو، إن": the name after the role
                    speaker.extend(apposition)
                state = "after"
            index += 1
            continue
        norm = tok.norm
        if norm in _ADDRESSEES:  # "وقال للصحفيين": whom he spoke to, neither speaker nor channel
            if state == "speaker":
                state = "after"  # (what follows is what he said or when, not who)
            index += 1
            continue
        overseer = norm == "علي" and state == "speaker" and _overseer(speaker)
        opens_channel = (
            (norm in ("في", "عبر", "علي", "خلال") and _is_channel_noun(nxt) and not overseer)
            or (norm in ADDRESSEE_CHANNELS and not (norm == _LI_HAYAH and nxt != _BROADCAST))
            or (norm[:1] == "ل" and (norm[1:] in OUTLETS or "ا" + norm[1:] in OUTLETS))
            or (norm in ("ل", "لـ") and (nxt in CHANNEL_NOUNS or nxt in _ALL_MARKS))
            or norm in ("حسابه", "حسابها", "تغريده")
        )
        if opens_channel:
            state = "channel"
            channel.append(tok)
            if norm in ("ل", "لـ") and nxt and nxt in _ALL_MARKS:
                region = ctx.region_opening_at(gap[index + 1].start)
                quoted_close = region.close if region is not None else -1
        elif state == "channel":
            if norm in STOP_WORDS:
                state = "after"
            else:
                channel.append(tok)
        elif state == "speaker":
            if norm in SOFT_WORDS:
                pass
            elif "\u064b" in ctx.text[tok.start : tok.end]:
                # an adverbial accusative (سابقاً، مغرداً) ends the speaker phrase; one before it is
                # skipped ("كتب سابقاً"), unless a participle whose object follows ("مهاجماً هيئة …")
                if speaker or (norm[:1] == "م" and len(norm) > 4):
                    state = "after"
            elif _is_trigger(ctx.text[tok.start : tok.end]) and (speaker or _participle_form(norm)):
                state = "after"  # "وأضاف البيان … قائلا", "كما أضافت مستطردة": the next frame's verb
            elif norm in SAYING_NOUNS or (
                speaker
                and ctx.text[tok.start : tok.end] in ("على", "حول")
                and not _overseer(speaker)  # المشرف على، المسؤول عن، المشرف العام على
            ):
                state = "after"  # "… السيد مصطفى أحمد بقوله", "وعلّقت بلقيس على ألبومها"
            elif not speaker and norm in GAP_PREPOSITIONS:
                state = "after"  # "فقد قال في عدة مواضع «…»": no subject written after the verb
            elif not speaker and norm in _OBJECT_WORDS:
                pass  # "ورد عليه المدرب: «…»": the one answered, before the subject
            elif not speaker and (
                norm in TIME_WORDS or (norm == "الاول" and index and gap[index - 1].norm in TIME_WORDS)
            ):
                pass  # "وأوضح أمس الخميس مدير المكتب بأن": the time before the subject
            elif not speaker and norm.startswith("لل") and len(norm) > 4:
                state = "after"  # "وكان كارتر قال للملك في وقت سابق إن": the addressee, no subject after
            elif norm in STOP_WORDS or (norm == "في" and (nxt in STOP_WORDS or nxt in _CIRCUMSTANCES)):
                state = "after"
            elif len(speaker) == 1 and not speaker[0].norm.startswith("ال") and norm.startswith("لل"):
                state = "after"  # the addressee after a name: "وأعرب بلينكن للكاظمي عن …"
            else:
                speaker.append(tok)
        index += 1
    speaker = _trim_edges(speaker)[:MAX_SPEAKER_WORDS]
    return speaker, channel


APPOSITION_WORDS = 4


def _apposition_name(ctx: _Context, gap: list[_Tok], start: int) -> list[_Tok]:
    """The name set off by commas after a role ("…، روبرتو ازيفيدو، إن"): up to four plain words
    (no article, particle, preposition, time word or verb) closed by a comma or ending the gap."""
    words: list[_Tok] = []
    for tok in gap[start:]:
        if not tok.word:
            return words if (tok.norm in "،," or tok.norm in _DASHES) and words else []
        norm = tok.norm
        if not words and norm.removeprefix("ال") in _ROLE_NOUNS:
            return []  # "سعد العمري -مدير لجنة التنمية الأسرية-": a role, not a name
        if words and _names_outlet(norm):
            return words  # "…، مصطفى فارساكوغلو لوكالة الصحافة الفرنسية، إن": the channel follows
        if (
            len(words) == APPOSITION_WORDS
            or (norm.startswith("ال") and not words and norm not in NAME_TITLES)  # (a family name may: "صالح البيحاني")
            or norm in STOP_WORDS
            or norm in GAP_PREPOSITIONS
            or norm in TIME_WORDS
            or _is_trigger(ctx.text[tok.start : tok.end])
            or "\u064b" in ctx.text[tok.start : tok.end]
        ):
            return []
        words.append(tok)
    return words


#: Titles that open a name set off by commas ("…، الدكتور خالد العتيبي، إن").
NAME_TITLES = frozenset(
    normalize(w)
    for w in [
        "الدكتور",
        "الدكتورة",
        "المهندس",
        "المهندسة",
        "الشيخ",
        "الأستاذ",
        "الأستاذة",
        "اللواء",
        "العميد",
        "العقيد",
        "المقدم",
        "الرائد",
        "الأمير",
        "الفريق",
    ]
)


#: Nouns of office that open a role, never a name set off by commas or dashes.
_ROLE_NOUNS = frozenset(
    normalize(w)
    for w in [
        "رئيس",
        "رئيسة",
        "مدير",
        "مديرة",
        "وزير",
        "وزيرة",
        "نائب",
        "أمين",
        "عضو",
        "مسؤول",
        "متحدث",
        "ناطق",
        "مستشار",
        "أستاذ",
        "سفير",
        "قائد",
        "مدرب",
        "لاعب",
        "فنان",
        "محافظ",
        "مساعد",
        "وكيل",
    ]
)


def _names_outlet(norm: str) -> bool:
    """لوكالة، لصحيفة، لـ: a word that opens the channel after a speaker ("… لوكالة الأنباء")."""
    if norm in ("ل", "لـ"):
        return True
    rest = norm[1:]
    return norm[:1] == "ل" and (rest in CHANNEL_NOUNS or rest in OUTLETS or "ا" + rest in OUTLETS)


#: Time adverbs that may stand between a verb and its subject ("وأوضح أمس الخميس المدير").
TIME_WORDS = frozenset(normalize(w) for w in [*_TIME_ADVERBS, "ظهر"])
#: Nouns after في that start a circumstance, not part of a speaker ("كيري في حضور الوزير").
_CIRCUMSTANCES = frozenset(normalize(w) for w in ["وقت", "حضور", "ختام", "مستهل", "بداية", "نهاية", "أعقاب"])
#: A speaker phrase does not open with a preposition.
GAP_PREPOSITIONS = frozenset(normalize(w) for w in ["في", "على", "من", "عن", "إلى", "مع", "حول", "بين"])


#: Honorifics that stand for a person named before ("وقال سموه", "وأضاف معاليه").
HONORIFICS = frozenset(
    normalize(w) for w in ["سموه", "سموها", "معاليه", "معاليها", "سعادته", "سعادتها", "فضيلته", "دولته", "جلالته"]
)


#: Nouns of time that a time adverb follows ("قبل أن يعلن الشهر الماضي أنه"): no speaker.
TIME_NOUNS = frozenset(normalize(w) for w in ["الشهر", "الأسبوع", "العام", "السنة", "الأسابيع", "الأشهر", "الأيام"])
#: Verbs of going on ("ومضت تقول"): the subject is the last speaker's.
_GOING_ON = frozenset(normalize(w) for w in ["مضى", "مضت", "مضوا", "ومضى", "ومضت", "ومضوا"])


_HIGHNESS = frozenset(normalize(w) for w in ["سموه", "سموها"])
#: A prince or sheikh by name: "الأمير فيصل بن مشعل بن سعود", "الشيخ محمد بن زايد آل نهيان".
_HIGHNESS_NAME = re.compile(
    r"(?:الأمير|الامير|الأميرة|الاميرة|الشيخ|الشيخة)\s+[\u0621-\u064a]+"
    r"(?:\s+(?:بن|بنت)\s+[\u0621-\u064a]+)*(?:\s+آل\s+[\u0621-\u064a]+)?"
)
HIGHNESS_LOOKBACK = 1500  # characters searched back for the prince an honorific stands for


def _highness_before(text: str, position: int) -> str | None:
    """The last prince or sheikh named with his lineage (بن، بنت or آل) in the ``HIGHNESS_LOOKBACK``
    characters before ``position``, or None."""
    found = None
    for match in _HIGHNESS_NAME.finditer(text, max(0, position - HIGHNESS_LOOKBACK), position):
        if " بن " in match.group() or " بنت " in match.group() or " آل " in match.group():
            found = match.group()
    return found


def _speaker_string(ctx: _Context, words: list[_Tok]) -> str | None:
    if not words:
        return None
    first = words[0].norm.removeprefix("و")
    if first in TIME_WORDS or (first in TIME_NOUNS and len(words) == 1):
        return None  # "واليوم الأربعاء قال إنه", "قبل أن يعلن الشهر الماضي أنه": a time, not a speaker
    if words[0].norm in _HIGHNESS:
        # "وقال سموه إن …", "ونوه سموه بموافقة …": the prince or sheikh named last before it
        named = _highness_before(ctx.text, words[0].start)
        if named is not None:
            return named
    if len(words) == 1 and words[0].norm in HONORIFICS and ctx.last_speaker:
        return ctx.last_speaker
    while len(words) > 1 and words[0].norm in _BEFORE_SUBJECT:
        words = words[1:]  # "أوضح ذلك مدير الفعاليات", "وصرح به المتحدث …", "وأكد مجددا الوزير …"
    if words[0].norm in _NOT_SUBJECT_FIRST or words[0].norm in _BEFORE_SUBJECT:
        return ctx.last_speaker  # "وقال بهذا الخصوص"، "الذي طلب عدم ذكر اسمه": the speaker before
    withheld = next(
        (i for i in range(1, len(words) - 1) if words[i + 1].norm == _NOT_WORD and words[i].norm in _ASKING),
        None,
    )
    if withheld is not None:
        words = words[:withheld]  # "المسؤول طالبا عدم ذكر اسمه": the request is not his name
        while len(words) > 1 and words[-1].norm in _RELATIVES:
            words = words[:-1]  # "… الذي فضل عدم …"
    phrase = _clean_phrase(ctx.text, words[0].start, words[-1].end)
    if phrase and _BYLINE_TAIL.search(phrase):
        return None  # "عبدالله البرقاوي- سبق- الرياض: كشف …": the reporter's byline, not a speaker
    return phrase or None


#: Words before a speaker's phrase that are not part of it: what he said ("أوضح ذلك مدير …"), a pronoun
#: after بـ, an adverb ("وصرح به متحدث …", "وأكد مجددا الوزير …"): dropped when words follow them.
_BEFORE_SUBJECT = frozenset(
    normalize(w)
    for w in ["ذلك", "بذلك", "هذا", "بهذا", "به", "بها", "بهم", "بهما", "مجددا", "مجدداً", "أيضا", "أيضاً", "كذلك"]
)
#: Words a speaker's phrase never opens with: the speaker's own name asked to be withheld ("طلب عدم
#: ذكر اسمه"), "في هذا الصدد", "بهذا الخصوص", a possessive of what he holds ("وحسب ملاحظاته"): the
#: speaker before.
_NOT_SUBJECT_FIRST = frozenset(
    normalize(w) for w in ["اسمه", "اسمها", "اسمهم", "الصدد", "الخصوص", "الشأن", "ملاحظاته", "نظرهم", "نظره"]
)


#: A request that the speaker's name be withheld, after it ("طالبا عدم ذكر اسمه", "فضل عدم الكشف …").
_ASKING = frozenset(
    normalize(w)
    for w in ["طالبا", "طالباً", "طالبة", "مفضلا", "مفضلاً", "مفضلة", "فضل", "فضلت", "طلب", "طلبت", "رافضا", "رافضاً"]
)
_NOT_WORD = normalize("عدم")


#: The end of a byline ("فلان- سبق"): an outlet's name after a dash.
_BYLINE_TAIL = re.compile(r"[-–]\s*سبق$")


def _subject_before(ctx: _Context, verb_start: int, sentence_start: int) -> str | None:
    """The subject written before the verb: "صحيفة «ديفينس وان» الأميركية ذكرت"."""
    toks = _tokens(ctx.text, sentence_start, verb_start)
    clause: list[_Tok] = []
    for tok in reversed(toks):
        if not tok.word and tok.norm in "،,:؛;.":
            if any(t.word for t in clause) or tok.norm not in "،,":
                break
            continue  # "وكان رئيس المنظمة، علي زادة، قال": the apposition before the verb
        clause.insert(0, tok)
    words = [t for t in clause if t.word]
    if words and words[0].norm.removeprefix("و") in ("عن", "حول", "بشان", "عما"):
        return None  # "وعن الفوائض النفطية قال …": the topic, not the subject
    while words and words[-1].norm in ("قد", "لقد"):
        words = words[:-1]
    cut = max((i for i, w in enumerate(words) if w.norm in NOT_SUBJECT), default=-1)
    longest = 10
    if 0 <= cut < len(words) - 1 and words[cut].norm in ("ان", "انه", "بان"):
        words = words[cut + 1 :]  # "يشار إلى أن ترامب صرح"
        longest = MAX_SPEAKER_WORDS  # the clause after أن is the subject only
    elif cut == len(words) - 1 and cut >= 2 and words[cut].norm == "ان" and words[0].norm in ("سبق", "وسبق"):
        words = [*words[1:cut]]  # "وسبق لوسائل إعلام أن ذكرت": the one it befell
        if words and words[0].norm.startswith("ل") and not words[0].norm.startswith("ال"):
            return _speaker_string(ctx, words) and _drop_lam(_speaker_string(ctx, words) or "")
        return None
    if not words or len(words) > longest:
        return None
    first = words[0].norm.removeprefix("و")
    if first in GAP_PREPOSITIONS and first != "علي":  # (على is also the name علي)
        return None  # "وعن راموس قال": a topic, not a subject
    if words[-1].norm in NOT_SUBJECT or any(w.norm in NOT_SUBJECT for w in words[1:]):
        return None
    words = _trim_edges(words)
    if not words:
        return None
    if words[0].norm in NOT_SUBJECT or all(_is_trigger(ctx.text[w.start : w.end]) for w in words):
        return None  # "وأضاف يقول «…»": a verb of speech is no subject
    if len(words) == 1 and words[0].norm in _GOING_ON:
        return None  # "ومضت تقول إن": she went on saying
    return _speaker_string(ctx, words)


_RELATIVES = frozenset(normalize(w) for w in ["الذي", "التي", "والذي", "والتي", "الذين"])


#: Relative pronouns and the gender of the verb they are the subject of.
_RELATIVE_GENDER = {normalize(w): g for w, g in [("الذي", "m"), ("والذي", "m"), ("التي", "f"), ("والتي", "f")]}
#: A prepositional pronoun right after the verb points back to the relative's noun: that noun is
#: not the speaker ("تصريحاتها التي قالت من خلالها إنها …", "المقابلة التي قال فيها").
_RESUMPTIVE = re.compile(r"\s*(?:من\s+خلال|في|عن|ب|ل)(?:ها|ه|هم)(?!\w)")


_WORD_BEFORE = re.compile(f"([{_WORD_CHARS}]+)\\s*$")


def _word_before(text: str, position: int) -> str | None:
    """The word that ends right before ``position`` (spaces between allowed), or None."""
    match = _WORD_BEFORE.search(text, max(0, position - 40), position)
    return match.group(1) if match else None


def _after_relative(ctx: _Context, verb: _Trigger, gender: str | None) -> bool:
    """ "المتابع «فايز البلوي» الذي قال": a relative pronoun that agrees with the verb right before it."""
    word = _word_before(ctx.text, verb.begin)
    if word is None:
        return False
    relative = _RELATIVE_GENDER.get(_norm(word))
    return relative is not None and relative == gender and not _RESUMPTIVE.match(ctx.text, verb.finish)


def _relative_antecedent(ctx: _Context, verb_start: int, sentence_start: int) -> str | None:
    """ "قانون الكونغرس الذي ينص على أن", "المتابع «فايز البلوي» الذي قال": the noun (or the name in
    marks) the relative pronoun before the verb points back to."""
    toks = _tokens(ctx.text, sentence_start, verb_start)
    if not toks or not toks[-1].word or toks[-1].norm not in _RELATIVES:
        return None
    if len(toks) > 1 and not toks[-2].word and toks[-2].norm in _ALL_MARKS:
        region = next((r for r in ctx.regions if r.close == toks[-2].start), None)
        if region is not None and _word_count(ctx.text, region.start, region.end) <= 4:
            return _clean_phrase(ctx.text, region.start, region.end) or None
    words: list[_Tok] = []
    for tok in reversed(toks[:-1]):
        if not tok.word or tok.norm in STOP_WORDS or tok.norm in GAP_PREPOSITIONS or len(words) == 2:
            break
        words.insert(0, tok)
    return _speaker_string(ctx, words) if words else None


_AMMA = frozenset(normalize(w) for w in ["أما", "وأما"])


def _amma_subject(ctx: _Context, verb_start: int, sentence_start: int) -> str | None:
    """ "أما فلان فقال": the topic after أما is the subject of the verb that فـ opens."""
    toks = [t for t in _tokens(ctx.text, sentence_start, verb_start) if t.word]
    amma = max((i for i, t in enumerate(toks) if t.norm in _AMMA), default=-1)
    if amma < 0 or not 1 <= len(toks) - amma - 1 <= MAX_SPEAKER_WORDS // 2:
        return None
    return _subject_before(ctx, verb_start, toks[amma + 1].start)


#: "نقل عنه قوله": the one reported from is the previous speaker.
REPORT_PRONOUNS = frozenset(normalize(w) for w in ["عنه", "عنها", "عنهم", "عنهما"])


def _frame_speaker_split_report(ctx: _Context, gap: list[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """نقلت الصحيفة عن مسؤولين … قولهم، نسبت الوكالة إلى القائد قوله : (speaker words after عن or
    إلى, channel words before it)."""
    for index, tok in enumerate(gap):
        if tok.word and tok.norm in REPORT_PRONOUNS:  # "ونقلت الصحيفة عنه قوله": the antecedent
            return [], [t for t in gap[:index] if t.word]
        if tok.word and tok.norm in ("عن", "الي"):
            channel = [t for t in gap[:index] if t.word]
            rest = []
            for t in gap[index + 1 :]:
                if t.word and t.norm in QUOTE_WORDS:
                    break
                if not t.word and t.norm in "(":
                    break
                rest.append(t)
            speaker_words = _trim_edges([t for t in rest if t.word or t.norm in _ALL_MARKS])
            speaker_words = [t for t in speaker_words if t.word]
            return speaker_words[:MAX_SPEAKER_WORDS], channel
    return [], []


#: Words that make أن a conjunction of time ("بعد أن علمت", "قبل أن يغادر"), not a complementizer.
TIME_CONJUNCTIONS = frozenset(normalize(w) for w in ["بعد", "قبل", "منذ", "حتى", "لحين", "ريثما", "دون", "بدون"])


class _Complement(NamedTuple):
    position: int  # index in the token list of the first content token
    kind: Literal["that", "colon", "mark", "prep"]


#: Feelings one expresses, the object of أبدى (with its possessive: سعادته، أمنيتها، عدم رضاهم).
EMOTION_NOUNS = frozenset(
    normalize(w)
    for w in [
        "سعادة",
        "ارتياح",
        "استياء",
        "أسف",
        "أمل",
        "أمنية",
        "إعجاب",
        "رغبة",
        "استعداد",
        "رضا",
        "تفاؤل",
        "قلق",
        "تخوف",
        "مخاوف",
        "دهشة",
        "استغراب",
        "حزن",
        "فخر",
        "اعتزاز",
        "شكر",
        "تقدير",
        "امتنان",
        "ترحيب",
        "تأييد",
        "رفض",
        "اعتراض",
        "تحفظ",
        "تطلع",
        "حرص",
        "ثقة",
        "أسى",
        "غضب",
        "انزعاج",
        "موافقة",
        "تمنيات",
        "سرور",
        "أمنيات",
        "تعاطف",
        "تضامن",
        "استنكار",
        "إشادة",
        "دعم",
    ]
)
_POSSESSIVES = ("هما", "هم", "ها", "ه", "نا")


def _feeling(norm: str, following: str) -> bool:
    """A feeling with its owner's possessive ("سعادته", "امنيتها"), or "عدم" before one ("عدم رضاه")."""
    if norm == "عدم":
        return _feeling(following, "")
    for suffix in _POSSESSIVES:
        if norm.endswith(suffix) and len(norm) > len(suffix) + 2:
            stem = norm[: -len(suffix)]
            if stem in EMOTION_NOUNS or (stem.endswith("ت") and stem[:-1] + "ه" in EMOTION_NOUNS):
                return True
    return False


def _clock_colon(text: str, position: int) -> bool:
    """The colon of a time of day ("في تمام الساعة 3:34") or of a web address ("http://…"), not a frame's."""
    if text.startswith("//", position + 1):
        return True
    return 0 < position < len(text) - 1 and text[position - 1].isdigit() and text[position + 1].isdigit()


def _find_complement(
    toks: list[_Tok], frame: FrameKind, limit: int, ctx: _Context, bi: bool = True, participle: bool = False
) -> _Complement | None:
    """The start of the reported content after a verb, scanning at most ``limit`` words (up to
    ``MAX_GAP`` for a quotation after a comma: "ويتابع المصدر، المقرب من السلطات …، «…»") of the
    verb's sentence (a full stop inside it is an abbreviation: "بي.بي.سي", "لورا إيه. كولانجيلو").
    ``bi``: a call frame's complement may open with بـ (طالب بـ، ناشد بـ; not دعا: "يدعو لفرض … بسبب").
    ``participle``: the verb is a participle ("مشيراً إلى فلان «…»": the one pointed at, then the words)."""
    words_seen = 0
    index = 0
    over = False  # past ``limit``: only a quotation after a comma may still be the complement
    noun_object = False  # "أشار إلى بقاء …": a quotation after it is no complement (a later أن may be)
    while index < len(toks):
        tok = toks[index]
        if tok.word:
            norm = tok.norm
            if norm in SAYING_NOUNS:
                limit, over = max(limit, words_seen + 3), False  # "علّق … السيد مصطفى أحمد بقوله «…»"
            if over:
                if norm in COMPLEMENTIZERS and index and toks[index - 1].norm in "،,":
                    return _Complement(index + 1, "that")  # "وكتب الفريق في دورية … هذا الشهر، إن …"
                if _blocks(ctx, tok):
                    return None
                words_seen += 1
                if words_seen > MAX_GAP:
                    return None
                index += 1
                continue
            if (
                norm == "ان"
                and index
                and toks[index - 1].norm in TIME_CONJUNCTIONS
                and not (index > 1 and toks[index - 2].norm == "من")  # "اعتبر من قبل أن": earlier
            ):
                pass  # "وقالت بعد أن علمت بوفاتها «…»": a clause of time, not the complement
            elif norm == "ان" and _in_cnn(toks, index):
                words_seen += 1  # "لمحطة سي إن إن «…»": the channel's name, not the complement
            elif norm in COMPLEMENTIZERS and not _name_not_that(ctx, toks, index):
                # أشار needs إلى before its أن ("أشار إلى أن"); نوه بأن، لفت أنه are fine too
                after_preposition = index > 0 and toks[index - 1].norm in ("الي", "ب")
                quoted = index + 1 < len(toks) and toks[index + 1].norm in _ALL_MARKS
                if (
                    frame == "point"
                    and not after_preposition
                    and not norm.startswith(("ب", "انه", "انها"))
                    and not (quoted and index and toks[index - 1].norm in "،,")
                    and not (participle and index == 0)  # "مشيراً أن الخطة …": the participle's own أن
                ):
                    return None  # (but "وأشار المسؤول …، أن «…»": his words, after a pause)
                if (
                    index + 1 < len(toks)
                    and toks[index + 1].norm == ":"
                    and _first_person(ctx.text, toks[index + 1].end, toks[-1].end)
                ):
                    return _Complement(index + 2, "colon")  # "وأضاف أن: هدفنا …" : his own words
                if index + 2 < len(toks) and toks[index + 1].norm == ":" and toks[index + 2].norm in _ALL_MARKS:
                    return _Complement(index + 2, "that")  # "وأضاف البيان أن :”…”": the colon is a pause
                return _Complement(index + 1, "that")
            if (
                frame == "call"
                and (
                    norm == "الي"
                    or (bi and norm.startswith("ب") and len(norm) > 3 and words_seen and tok.norm[:3] != "بسب")
                    # "دعا الخبراء لإنشاء صندوق …": لـ with a verbal noun (not للـ, an article: "خبراء للصحة")
                    or (
                        not bi
                        and words_seen >= 2
                        and norm[:1] == "ل"
                        and norm[:2] != "لل"
                        and len(norm) >= 5
                        and norm[1:2] in _VERBAL_NOUN_OPENINGS
                        and not any(t.norm == "الي" for t in toks[index + 1 :])  # (its إلى comes later: a genitive)
                        and not any(t.norm in _GOD for t in toks[:index])  # "داعيا الله لهم بالتوفيق": a prayer
                    )
                )
                and norm not in _NOT_PURPOSE
            ):
                return _Complement(index + 1 if norm == "الي" else index, "prep")
            if (
                frame == "point"
                and not participle
                and norm == "الي"
                and index + 1 < len(toks)
                and toks[index + 1].word
                and toks[index + 1].norm not in COMPLEMENTIZERS
            ):
                noun_object = True  # "ولفت إلى إصلاح المحطات في مناطق «…»": a quotation in it is a name
            if frame == "express" and norm == "عن":
                return _Complement(index + 1, "prep")
            if frame == "express" and _feeling(norm, toks[index + 1].norm if index + 1 < len(toks) else ""):
                return _Complement(index, "prep")  # "أبدى الأمين سعادته بـ …", "أبدى عدم رضاه عن …"
            if frame == "warn" and norm == "من":
                if index + 1 < len(toks) and toks[index + 1].norm in COMPLEMENTIZERS:
                    return _Complement(index + 2, "that")
                return _Complement(index + 1, "prep")
            if _blocks(ctx, tok):
                return None  # another speech verb: this one has no complement of its own
            words_seen += 1
            if words_seen > limit:
                over = True
        else:
            if tok.norm == ":" and not over and not _clock_colon(ctx.text, tok.start):
                if index >= 2 and toks[index - 2].norm == "كل" and toks[index - 1].norm == "من":
                    return None  # "بتحقيق كل من: فلان، وفلان": a list of names, not a statement
                return _Complement(index + 1, "colon")
            if tok.norm in _ALL_MARKS and ctx.region_opening_at(tok.start) is not None:
                region = ctx.region_opening_at(tok.start)
                assert region is not None
                inner_words = _token_count(ctx.text, region.start, region.end)
                prev = toks[index - 1] if index else None
                after_break = prev is None or (not prev.word and prev.norm in "،,") or words_seen == 0
                after_saying = prev is not None and (
                    prev.norm in SAYING_NOUNS or (words_seen == 1 and prev.norm in _ADDRESSEE_PRONOUNS)
                )  # "قالها لي «…»": only the one spoken to stands between the verb and its words
                titled = prev is not None and (
                    prev.norm.removeprefix("ال") in TITLE_NOUNS
                    or prev.norm.removesuffix("ه").removesuffix("ها") in TITLE_NOUNS  # عنوانه، كتابها
                    or (prev.norm in GAP_PREPOSITIONS and not _name_ali(ctx, toks, index - 1))
                    # "تحدث عن … في «كيفية دمج …»": a quoted phrase (but "وقال عثمان علي “…”": a name)
                    or _names_follow(prev.norm)  # "لقائه بفضائية «…»", "تفاصيل مشروع «…»"
                )
                opens = (
                    after_break
                    or after_saying
                    or inner_words >= LONG_QUOTATION_WORDS
                    or _ends_sentence(ctx, region)
                    or _narrator_after(ctx, region)  # "وقال فلان “نحن الذين نفذنا الهجوم” مضيفاً أن …"
                    or _that_clause_quoted(ctx, region)  # 'وقال الوزير "انها منطقة شهدت سوابق" من قبل'
                )
                if (
                    inner_words >= 3
                    and (frame in ("say", "point", "report", "came") or (frame == "call" and _calls(ctx, region)))
                    and not _names_frame(ctx, region)
                    and not _names_subject(ctx, region)
                    and not titled
                    and not noun_object
                    and opens
                    and (after_break or not over or inner_words >= LONG_QUOTATION_WORDS)
                    and not _scored_name(ctx, region)
                ):
                    return _Complement(index, "mark")
                # a quoted name inside the speaker or channel phrase: skip over it
                while index + 1 < len(toks) and toks[index + 1].start < region.close:
                    index += 1
                words_seen += 1
            elif (
                tok.norm in _MARKS_DOUBLE + _OPEN_GUILLEMET
                and (words_seen == 0 or (words_seen <= UNCLOSED_SUBJECT_WORDS and not over and frame == "say"))
                and _never_closed(ctx, tok.start)
                and (
                    words_seen == 0
                    or (
                        index + 1 < len(toks)
                        and (
                            toks[index + 1].norm in COMPLEMENTIZERS
                            # 'وقال الأصبحي "الميليشيات مارست …' : a statement of its own, never closed
                            or _unclosed_statement(toks, index)
                        )
                        and not any(r.close == tok.start for r in ctx.regions)  # not a name's closing mark
                    )
                )
            ):
                # 'فقال "حاولنا …' with the closing mark forgotten; 'وقال الباحثون "إن المخطوطة …'
                return _Complement(index, "mark")
        index += 1
    return None


def _name_ali(ctx: _Context, toks: list[_Tok], index: int) -> bool:
    """The word at ``index`` is the name علي written with its ي after another word ("عثمان علي"), not
    the preposition على (which normalizes the same)."""
    tok = toks[index]
    return ctx.text[tok.start : tok.end] == "علي" and index > 0 and toks[index - 1].word


#: words after بان that end a name read as "بأن" before its colon ("قال بان اليوم في نيويورك: «…»")
BAN_COLON_WORDS = 6


def _name_not_that(ctx: _Context, toks: list[_Tok], index: int) -> bool:
    """The word at ``index``, spelt as a complementizer without its hamza, is a name: فان right after
    the verb ("وقال فان غال"; "قال فإن" is no Arabic), and بان before كي ("بان كي مون") or before the
    colon of its own statement ("وأضاف بان :«…»")."""
    tok = toks[index]
    raw = ctx.text[tok.start : tok.end]
    if raw == "فان":
        if index == 0:
            return True
        after = toks[index + 1] if index + 1 < len(toks) else None
        return (  # "وقال لويس فان جال المدير الفني …": the particle of a Dutch name after its given name
            toks[index - 1].word
            and after is not None
            and after.word
            and not after.norm.startswith("ال")
            and after.norm not in STOP_WORDS
            and after.norm not in NOT_SUBJECT
        )
    if raw != "بان":
        return False
    for later in toks[index + 1 : index + 2 + BAN_COLON_WORDS]:
        if later.word:
            if later.norm == "كي" and later is toks[index + 1]:
                return True
            if later.norm in COMPLEMENTIZERS or _blocks(ctx, later):
                return False
        elif later.norm == ":":
            return True
        elif later.norm in _CLAUSE_STOPS or later.norm in _ALL_MARKS:
            return False
    return False


#: Words of a subject between a verb and a quotation mark that is never closed ('وقال الباحثون "إن …').
UNCLOSED_SUBJECT_WORDS = 6
#: Words, up to the sentence's end, of a statement opened by a mark never closed after its speaker
#: and no complementizer ('وقال الأصبحي "الميليشيات الانقلابية مارست …').
UNCLOSED_STATEMENT_WORDS = 6


def _in_cnn(toks: list[_Tok], index: int) -> bool:
    """The إن at ``index`` is a letter of "سي إن إن" (CNN)."""
    before = [t.norm if t.word else "" for t in toks[max(0, index - 2) : index]]
    return before[-1:] == ["سي"] or before[-2:] == ["سي", "ان"]


#: وصف with no object pronoun: one word after it is its object, and the subject is the last speaker.
_DESCRIBE_BARE = frozenset(normalize(w) for w in ["وصف", "وصفت", "يصف", "تصف", "وصفوا", "يصفون"])


#: Documents whose content "جاء في" introduces ("وجاء في البيان أن", "جاء في بيان للجنة «…»").
DOCUMENT_NOUNS = frozenset(
    normalize(w) for w in ["بيان", "تقرير", "رسالة", "وثيقة", "نص", "مذكرة", "خطاب", "مقال", "مقالة", "دعوى"]
)
CAME_DOCUMENT_GAP = 10


_ISSUED = frozenset(normalize(w) for w in ["صادر", "صادرا", "صادراً", "الصادر", "صادرة", "الصادرة"])


def _document_before(ctx: _Context, verb_start: int) -> str | None:
    """ "بياناً صادراً عن الفرقة 30 جاء فيه: «…»": the document just before "جاء فيه", or the one
    it was issued by."""
    s_start, _ = ctx.sentence_at(verb_start)
    toks = [t for t in _tokens(ctx.text, max(s_start, verb_start - 120), verb_start) if t.word][-8:]
    for index, tok in enumerate(toks):
        bare = tok.norm.removeprefix("و").removeprefix("ال")
        if bare.rstrip("اه") not in DOCUMENT_NOUNS and bare not in DOCUMENT_NOUNS:
            continue
        rest = toks[index + 1 :]
        if len(rest) > 2 and rest[0].norm in _ISSUED and rest[1].norm == "عن":
            owner = []
            for later in rest[2:]:
                if later.norm in STOP_WORDS or later.norm in TIME_WORDS or later.norm in GAP_PREPOSITIONS:
                    break
                owner.append(later)
            if owner:
                return _speaker_string(ctx, owner)
        written = ctx.text[tok.start : tok.end]
        stem = written.removesuffix("\u064b").removesuffix("ا").removesuffix("\u064b")  # بياناً، بيانًا، تقريرا
        return stem if _norm(stem).removeprefix("و").removeprefix("ال") in DOCUMENT_NOUNS else written
    return None


def _document_speaker(ctx: _Context, words: list[_Tok], verb_start: int | None = None) -> str | None:
    """Who speaks in "جاء في …": the document's owner ("في بيان للجنة المنظمة" -> اللجنة المنظمة), the
    document named with its owner ("في بيان الوزارة"), or the document itself ("في البيان")."""
    words = [t for t in words if t.word]
    if words and words[0].norm in ("فيه", "فيها") and verb_start is not None:
        return _document_before(ctx, verb_start)
    if len(words) < 2 or words[0].norm != "في":
        return None
    doc = words[1]
    if doc.norm.removeprefix("ال") not in DOCUMENT_NOUNS:
        return None  # "وجاء في كلمته", "جاء في المرتبة": no document, or its owner named before
    owner = []
    for tok in words[2:6]:
        if tok.norm in STOP_WORDS or tok.norm in TIME_WORDS or tok.norm in GAP_PREPOSITIONS:
            break
        owner.append(tok)
    if owner and owner[0].norm.startswith("ل") and not owner[0].norm.startswith("ال"):
        phrase = _speaker_string(ctx, owner)
        if phrase:
            first, *rest = phrase.split()
            # للجنة is ل + اللجنة when the article writes اللجنة (للبيت is ل + البيت)
            attested = first.startswith("لل") and ("ال" + first[1:]) in ctx.text
            return " ".join(["ال" + first[1:] if attested else _drop_lam(first), *rest])
    if owner and owner[0].norm.startswith("ال") and not doc.norm.startswith("ال"):
        return _speaker_string(ctx, [doc, *owner])  # "في بيان الوزارة"
    return _speaker_string(ctx, [doc])


def _noun_complement(toks: list[_Tok], comp: _Complement) -> bool:
    """A noun of speech takes a that-clause right after its speaker: "تصريح الحكومة بأنها",
    "إعلان شركة شيفرون أنها" (not "تصريحه بحمد الله وشكره أن", nor a quoted title after إعلان)."""
    if comp.kind != "that":
        return False
    gap = [t for t in toks[: comp.position - 1] if t.word]
    return toks[comp.position - 1].norm.startswith("ب") or len(gap) <= 2


#: Titles of men: after a feminine verb they are its object, not its subject.
MASCULINE_TITLES = frozenset(
    normalize(w)
    for w in [
        "الفنان",
        "الرئيس",
        "الوزير",
        "المدير",
        "الشيخ",
        "الأمير",
        "الملك",
        "النائب",
        "السفير",
        "المتحدث",
        "الأمين",
        "اللاعب",
        "المدرب",
        "النقيب",
        "المستشار",
        "القائد",
        "الدكتور",
        "المهندس",
        "السيد",
        "الرجل",
    ]
)
#: Call verbs whose object opens with بـ ("طالب بتفعيل"); دعا takes إلى.
BI_LEMMAS = frozenset(["طالب", "ناشد"])
#: Nouns of works that name the title in marks after them: "أقر المجلس إعادة نشر كتاب «…»" (not
#: events or places, which a speaker phrase may end with: "وقال مسؤولون في المهرجان «…»").
TITLE_NOUNS = frozenset(
    normalize(w)
    for w in [
        "كتاب",
        "كتابه",
        "كتابها",
        "رواية",
        "روايته",
        "فيلم",
        "برنامج",
        "مسلسل",
        "مسرحية",
        "قصيدة",
        "أغنية",
        "ديوان",
        "مقال",
        "مقالة",
        "بعنوان",
        "عنوان",
        "شعار",
    ]
)
#: Nouns that a name in marks follows, indefinite ("بفضائية «أون تايم سبورتس»", "مشروع «…»", "حملة «…»"):
#: the marks hold a name. Definite, some end a speaker phrase ("وقال مسؤولون في المهرجان «…»").
NAMED_NOUNS = frozenset(
    normalize(w)
    for w in [
        "قناة",
        "فضائية",
        "إذاعة",
        "صحيفة",
        "مجلة",
        "موقع",
        "وكالة",
        "برنامج",
        "مشروع",
        "حملة",
        "مبادرة",
        "معرض",
        "مهرجان",
        "مسابقة",
        "جائزة",
        "تطبيق",
        "هاشتاق",
        "هاشتاج",
        "وسم",
        "عملية",
        "مناورات",
        "تمرين",
        "شعار",
        "فيلم",
        "مسلسل",
        "كتاب",
        "رواية",
        "أغنية",
        "قصيدة",
        "ديوان",
        "مسرحية",
    ]
)


def _names_follow(norm: str) -> bool:
    """An indefinite naming noun, with or without a leading و / ب / ل / ف ("بفضائية", "ومشروع")."""
    return norm in NAMED_NOUNS or (norm[:1] in "وبلف" and norm[1:] in NAMED_NOUNS)


#: Pronouns of the one spoken to, right after the verb ("قال لي", "قالها لنا").
_ADDRESSEE_PRONOUNS = frozenset(normalize(w) for w in ["لي", "لنا", "لك", "لكم", "له", "لها", "لهم"])
#: Words of a quotation that a frame introduces even with no pause before it (a title rarely runs so long).
LONG_QUOTATION_WORDS = 6
#: "بقوله «…»", "نسبت الوكالة إلى الوزير قوله «…»": the words right after these are the quotation.
SAYING_NOUNS = frozenset(
    normalize(w) for w in ["بقوله", "بقولها", "بقولهم", "بقولهما", "قوله", "قولها", "قولهم", "قولهما", "بالقول"]
)


def _about_quotation(ctx: _Context, toks: list[_Tok]) -> bool:
    """ "متحدثا عن «تفاصيل يتم البحث فيها …»": a long quotation right after عن that ends the sentence."""
    if len(toks) < 2 or toks[0].norm != "عن":
        return False
    region = ctx.region_opening_at(toks[1].start)
    return (
        region is not None
        and _token_count(ctx.text, region.start, region.end) >= LONG_QUOTATION_WORDS
        and _ends_sentence(ctx, region)
    )


#: "أعلنت الوزارة، اليوم، عن «قيام قوات …»", "كشف الجبلاوي عن «خلافات كبيرة …»": what is announced
#: or revealed, wholly in marks and ending the sentence, is the speaker's words.
ANNOUNCE_LEMMAS = frozenset(["أعلن", "كشف"])


def _announced_quotation(ctx: _Context, toks: list[_Tok]) -> _Complement | None:
    """The complement "عن «…»" after the frame's subject (no mark or verb before it), when the
    quotation is long and ends the sentence (``_about_quotation``); else None."""
    words = 0
    for index, tok in enumerate(toks):
        if not tok.word:
            if ctx.region_opening_at(tok.start) is not None:
                return None  # a quotation before عن: a name in the subject ("أعلنت «أرامكو» عن …")
            continue
        if tok.norm == "عن":
            return _Complement(index + 1, "mark") if _about_quotation(ctx, toks[index:]) else None
        words += 1
        if words > 8 or _is_trigger(ctx.text[tok.start : tok.end]):
            return None
    return None


def _calls(ctx: _Context, region: _Region) -> bool:
    """ "طالب الوزير الهيئة «للاجتماع فوراً …»", "دعا «إلى …»": the call's own preposition opens the
    quotation, which is then the whole complement."""
    word = _WORD_RE.search(ctx.text, region.start, region.end)
    norm = _norm(word.group()) if word is not None else ""
    return norm == "الي" or (norm[:1] == "ل" and norm[:2] != "ال" and len(norm) > 3)


def _names_frame(ctx: _Context, region: _Region) -> bool:
    """ "لدى «جيه إف ستريت فود»: «…»" : a quoted name that the frame's colon follows is not the quote."""
    position = region.close + 1
    while position < len(ctx.text) and ctx.text[position] in " \t":
        position += 1
    return position < len(ctx.text) and ctx.text[position] == ":"


def _names_subject(ctx: _Context, region: _Region) -> bool:
    """ "قالت «الشركة العربية للاستثمار» إن …": a quoted name that a complementizer follows is the
    subject of the frame, not its quotation."""
    word = _WORD_RE.match(ctx.text, _skip_space(ctx.text, region.close + 1))
    return word is not None and _norm(word.group()) in COMPLEMENTIZERS


def _blocks(ctx: _Context, tok: _Tok) -> bool:
    """Whether a word inside a frame's gap is itself a speech verb (not an ambiguous form such as بين)."""
    if tok.norm in QUOTE_WORDS or tok.norm in SAYING_NOUNS or not _is_trigger_at(ctx.text, tok.start, tok.end):
        return False
    entry = _lexicon().forms.get(tok.norm)
    return entry is None or entry[0] not in SHORT_GAP_LEMMAS


def _ends_sentence(ctx: _Context, region: _Region) -> bool:
    """Whether at most one word follows the quotation before its sentence (or clause) ends."""
    _, s_end = ctx.sentence_at(region.open)
    if region.close >= s_end:
        return True
    return _words_until_stop(ctx.text, region.close + 1, s_end, 1) <= 1


_CLAUSE_PARTICLES = frozenset(
    normalize(w)
    for w in ["و", "ف", "لكن", "لكنه", "لكنها", "ولكنه", "ولكنها", "ولكن", "كما", "ثم", "فيما", "بينما", "حيث"]
)


_EXCEPT = normalize("إلا")
_BUT_HE = frozenset(normalize(w) for w in ["أنه", "أنها", "أنهم", "أنهما"])


def _content_end(ctx: _Context, start: int, limit: int, at_colon: bool = False) -> int:
    """End of an indirect complement: the sentence end, or a new frame or tail inside the sentence
    ("…، وأضاف", "…، لكنه أشار إلى أن", "…، مشيراً إلى", "…، وفق بيان"); with ``at_colon`` (the object of
    a call or an expression, which names no one) also a colon before a quotation of several words."""
    text = ctx.text
    end = limit
    for match in ctx.triggers_in(start, limit):
        if ctx.region_containing(match.start()) is not None:
            continue
        bare = normalize(match.group())
        comma = max(text.rfind("،", start, match.start()), text.rfind(",", start, match.start()))
        if (
            _participle_form(bare)
            and bare in _lexicon().forms
            and match.start() > start
            and _participle_frames(ctx, match)
        ):
            end = match.start()
            if comma >= 0 and _word_count(ctx.text, comma + 1, end) <= 4:
                end = comma  # "…، ليرد عليه المالكي قائلاً": the clause of the participle goes too
            break
        if match.start() > start and _opens_quotation(ctx, match):
            end = _drop_when(ctx, start, match.start())  # "…، حينما قال: «…»", "… وقال «…»": a new quotation
            break
        if match.start() > start and text[match.start()] == "و" and _that_right_after(ctx, match):
            end = match.start()  # "… عامل مساعد للنجاح وشدد على أن يتصف …": a new frame, with no comma before it
            break
        if comma < 0:
            continue
        between = _tokens(ctx.text, comma + 1, match.start())
        if len(between) <= 2 and all(t.word and t.norm in _CLAUSE_PARTICLES for t in between):
            end = comma
            break
        if len(between) == 2 and between[0].norm == _EXCEPT and between[1].norm in _BUT_HE:
            end = comma  # "…، إلا أنه أكد أن «…»": the same speaker's next statement
            break
        if (
            between
            and between[0].norm in _CONTRAST_PARTICLES
            and len(between) <= 8
            and all(t.word for t in between)
            and _frames_that(ctx, match)
        ):
            end = comma  # "…، بينما رواية أخرى تشير إلى أن": a new source's statement
            break
    for tail in TAIL.finditer(text, start, end):
        before = text[max(start, tail.start() - 3) : tail.start()]
        if ("،" in before or "," in before) and ctx.region_containing(tail.start()) is None:
            if text[tail.start() : tail.start() + 3] == "كما" and not _says(text, tail.end()):
                continue  # "…، كما تضم القرية …": كما goes on with the same speaker
            if tail.group().rstrip().endswith("ما") and not _reports(text, tail.end()):
                continue  # "…، وفق ما أدخلته من رغبات": what was done, not who said it ("وفق ما ذكرت")
            end = tail.start()
            break
    for stop in _CONTENT_STOP.finditer(text, start, end):
        if ctx.region_containing(stop.start()) is None:
            return stop.start()
    colon = text.find(":", start, end) if at_colon else -1
    while colon >= 0:  # "عبّر عن حزنه لرحيله: «…»": the quotation after the colon is the words themselves
        region = ctx.region_opening_at(_skip_space(text, colon + 1))
        if (
            region is not None
            and ctx.region_containing(colon) is None
            and _token_count(text, region.start, region.end) >= LONG_QUOTATION_WORDS
        ):
            return colon
        colon = text.find(":", colon + 1, end)
    return end


#: Particles that open a contrasting clause with a subject of its own before its verb.
_CONTRAST_PARTICLES = frozenset(normalize(w) for w in ["بينما", "فيما", "وبينما", "وفيما", "لكن", "ولكن"])


def _that_right_after(ctx: _Context, match: _Trigger) -> bool:
    """A verb followed at once by its that-clause ("وشدد على أن", "وأكد أن", "وأشار إلى أن")."""
    toks = _tokens(ctx.text, match.end(), min(len(ctx.text), match.end() + 20))[:2]
    if toks and toks[0].norm in COMPLEMENT_LEADS:
        toks = toks[1:]
    return bool(toks) and toks[0].norm in COMPLEMENTIZERS


def _frames_that(ctx: _Context, match: _Trigger, leads: bool = False) -> bool:
    """Whether a speech verb has a that-clause, a colon or a quotation within three words after it
    (with ``leads``, also a preposition that leads to one: إلى، على …)."""
    for tok in _tokens(ctx.text, match.end(), min(len(ctx.text), match.end() + 40))[:4]:
        norm = tok.norm
        if norm in COMPLEMENTIZERS or norm == ":" or norm in _ALL_MARKS or (leads and norm in COMPLEMENT_LEADS):
            return True
    return False


def _participle_frames(ctx: _Context, match: _Trigger) -> bool:
    """Whether a participle inside a complement opens a frame of its own ("…، مشيراً إلى أن") rather
    than qualifying a noun ("حالات إصابة مؤكدة بالفيروس"): after a comma, in the accusative
    (مشيراً، مؤكدا), or with a complement within three words."""
    text = ctx.text
    if _norm(match.group()) in _NOUN_ACCUSATIVES:
        return _frames_that(ctx, match, leads=True)  # "أن هناك مقرا للشركة": a headquarters, not admitting
    before = text[max(0, match.start() - 8) : match.start()].rstrip()
    if before.endswith(("،", ",", "؛")) or "\u064b" in match.group() or _norm(match.group()).endswith("ا"):
        return True
    return _frames_that(ctx, match, leads=True)


#: Accusative participles that are also common nouns (مقرّاً "admitting", مقرّاً "a headquarters").
_NOUN_ACCUSATIVES = frozenset(normalize(w) for w in ["مقرا", "مقراً"])


#: Conjunctions of time that belong with the verb after them ("…، حينما قال: …").
_WHEN_WORDS = frozenset(normalize(w) for w in ["حينما", "عندما", "حين", "لما", "و", "ثم", "إذ"])


def _opens_quotation(ctx: _Context, match: _Trigger) -> bool:
    """A verb of saying (not a participle) right before a colon or a quotation: "قال: …", "وقال «…»"."""
    norm = _norm(match.group())
    entry = _lexicon().forms.get(norm.lstrip("وف")) or _lexicon().forms.get(norm)
    if entry is None or entry[1] != "say" or entry[0] in NOUN_LEMMAS:
        return False
    position = _skip_space(ctx.text, match.end())
    if position >= len(ctx.text):
        return False
    char = ctx.text[position]
    if norm[:1] in "وف" and (word := _WORD_RE.match(ctx.text, position)) is not None:
        return _norm(word.group()) in COMPLEMENTIZERS  # "… وقال إن …": a statement of its own
    return char == ":" or (char in _ALL_MARKS and ctx.region_opening_at(position) is not None)


def _drop_when(ctx: _Context, start: int, end: int) -> int:
    words = _tokens(ctx.text, start, end)
    if words and words[-1].word and words[-1].norm in _WHEN_WORDS:
        return words[-1].start
    return end


#: Verbs of publishing after "وفق ما / بحسب ما / حسبما" that make the phrase an attribution.
_PUBLISHED = tuple(
    normalize(w)
    for w in ["أورد", "نشر", "نقل", "بث", "جاء", "ورد", "أفيد", "أظهر", "تداول", "يتداول", "لاحظ", "رصد", "علم"]
)  # (and what was observed or learned: "بحسب ما لاحظ مراسلو فرانس برس"، "حسبما علمت الصحيفة")


def _reports(text: str, position: int) -> bool:
    """The word at ``position`` (after "وفق ما") reports something said or published."""
    word = _WORD_RE.match(text, position)
    if word is None:
        return False
    written = word.group()
    forms = [written, *(written[: -len(suffix)] for suffix in _OBJECT_SUFFIXES if written.endswith(suffix))]
    return any(
        _is_trigger(form) or _norm(form).removeprefix("ت").startswith(_PUBLISHED) or _norm(form).startswith(_PUBLISHED)
        for form in forms
    )  # (with its object: "بحسب ما ذكرته الصحيفة"، "وحسب ما أفادنا المدير")


_OBJECT_SUFFIXES = ("ه", "ها", "هم", "نا")


def _says(text: str, position: int) -> bool:
    """Whether the word at ``position`` is a speech verb of the say kind (صرح، قال، أفاد …)."""
    word = _WORD_RE.match(text, position)
    entry = _lexicon().forms.get(_norm(word.group())) if word else None
    return entry is not None and entry[1] == "say" and entry[0] not in NO_TAIL_LEMMAS


#: Where reported content ends inside a sentence: the narrator's "…، مع العلم أن", a participle
#: clause of wishes and thanks ("…، سائلاً الله أن"), and a full stop glued to the next word
#: ("…المسرات .ونوه"), which the sentence splitter does not see.
_CONTENT_STOP = re.compile(
    r"[،,]\s*(?:مع\s+العلم|علما|علماً|يذكر|ويذكر|يشار|ويشار"
    r"|(?:سائل|متمني|مثمن|مشيد|مقدم|موجه|مرحب|مهنئ|راجي|آمل|مبدي|مختتم)(?:اً|ا|ةً|ة|ين|ان))(?!\w)"
    r"|(?<=[\u0621-\u064a]{3})\s?\.(?=[\u0621-\u064a])"
)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP_CONTENT:
        start += 1
    while end > start and text[end - 1] in _STRIP_CONTENT:
        end -= 1
    return start, end


def _content(
    ctx: _Context, toks: list[_Tok], comp: _Complement, sentence_end: int, verb_start: int, document: bool = False
) -> tuple[int, int, QuoteKind] | None:
    text = ctx.text
    if comp.position >= len(toks):
        # the frame ends the paragraph: "وقال الوزير:" and the quote is the next paragraph
        if comp.kind != "colon":
            return None
        _, p_end = ctx.paragraph_at(verb_start)
        nxt = next(((s, e) for s, e in ctx.paragraphs if s > p_end and text[s:e].strip()), None)
        if nxt is None:
            return None
        region = _region_at_start(ctx, nxt[0])
        if region is not None:
            return region.start, region.end, "direct"
        start, end = _strip_span(text, *nxt)
        return (start, end, "direct") if end > start else None
    first = toks[comp.position]
    if comp.kind == "colon" and first.word and first.norm in COMPLEMENTIZERS:
        # "وقال الوزير: إن …": the colon introduces reported content
        if comp.position + 1 >= len(toks):
            return None
        return _content(ctx, toks, _Complement(comp.position + 1, "that"), sentence_end, verb_start, document)
    if not first.word and first.norm in _ALL_MARKS:
        region = ctx.region_opening_at(first.start) if comp.kind in ("mark", "colon") else None
        if (
            region is not None
            and comp.kind == "colon"
            and _token_count(ctx.text, region.start, region.end) >= 2
            and (
                _NEW_CLAUSE.match(text, region.close + 1) is not None  # 'جاء في لسان العرب: "…" ويفهم'
                or (
                    _token_count(ctx.text, region.start, region.end) >= 3
                    and _tail_words(ctx, region.close + 1, max(sentence_end, region.close + 1)) <= COLON_TAIL_WORDS
                )
            )
        ):  # "وهتف المتظاهرون: «…» أمام مقر الحكومة": the narrator's circumstance after the words
            if _token_count(ctx.text, region.start, region.end) < 3:
                ctx.framed.add(region.open)  # 'رسالة تقول: "العشاء جاهز" فلم تفهم': short, but framed
            return region.start, region.end, "direct"
        if (
            region is not None
            and comp.kind == "mark"
            and (
                _token_count(ctx.text, region.start, region.end) >= LONG_QUOTATION_WORDS
                or _NEW_CLAUSE.match(text, region.close + 1)
            )
        ):  # "قال في عدة مواضع «…» علينا …", "قالها لي «…» وراقب …": the whole complement
            return region.start, region.end, "direct"
        marked = _marked_content(ctx, first, sentence_end)
        if marked is not None:
            return marked
    if comp.kind in ("that", "colon") and first.norm == "(":  # "أن (…)", "حيث يقول: (…)"
        bracketed = _bracketed(ctx, first.start, sentence_end)
        if bracketed is not None:
            return bracketed
    if first.word and first.norm in COMPLEMENTIZERS and comp.kind != "that":
        return None
    if comp.kind == "colon":
        return _colon_content(ctx, first.start, sentence_end, document)
    end = _content_end(ctx, first.start, sentence_end)
    start, end = _strip_span(text, first.start, end)
    if end - start < 8 or not _at_least_tokens(ctx.text, start, end, 2):
        return None
    return start, end, "indirect"


BRACKETED_QUOTATION_WORDS = 4
#: Words after a quotation opened right after a colon that are the narrator's ("قال: «…» أمام الحكومة").
COLON_TAIL_WORDS = 4


#: Words after a quotation that opens with its own complementizer, still the narrator's ("من قبل").
QUOTED_THAT_TAIL_WORDS = 3


def _that_clause_quoted(ctx: _Context, region: _Region) -> bool:
    """The quotation opens with its complementizer ('وقال الوزير "انها منطقة شهدت سوابق" من قبل'):
    the speaker's whole clause is in the marks; a few words after them are the narrator's."""
    first = _WORD_RE.search(ctx.text, region.start, region.end)
    if first is None or first.start() != region.start or _norm(first.group()) not in COMPLEMENTIZERS:
        return False
    _, s_end = ctx.sentence_at(region.open)
    return _words_until_stop(ctx.text, region.close + 1, s_end, QUOTED_THAT_TAIL_WORDS) <= QUOTED_THAT_TAIL_WORDS


def _unclosed_statement(toks: list[_Tok], index: int) -> bool:
    """The mark at ``index``, never closed, opens a statement of its own right after the speaker
    ('وقال الأصبحي "الميليشيات الانقلابية مارست …'): enough words follow it in the sentence; the words
    before it are a plain subject (no mark, comma or stop word, as in 'شدد فلان،على ضرورة الفصل بين "…'
    or a name in broken marks, 'لبرنامج «مساء «dmc'); no mark follows soon ('أعلنت «سابك « عن')."""
    before = toks[:index]
    return (
        sum(t.word for t in toks[index + 1 :]) >= UNCLOSED_STATEMENT_WORDS
        and bool(before)
        and all(t.word for t in before)
        and before[-1].norm not in STOP_WORDS
        and not any(t.norm in _ALL_MARKS for t in toks[index + 1 : index + 4])
    )


def _never_closed(ctx: _Context, position: int) -> bool:
    """No quotation holds the mark at ``position``, and every quotation mark after it in its
    paragraph belongs to a quotation opened after it ('وقالت «… أخوات يدرسن «انتظام» بالجامعة …'):
    nothing closes it."""
    _, p_end = ctx.paragraph_at(position)
    if ctx.region_containing(position) is not None:
        return False
    later = [found.start() for found in _MARK_RE.finditer(ctx.text, position + 1, p_end)]
    if not later:
        return True
    if ctx.text[position] not in _PAIRED_OPENERS:
        return False  # (straight marks pair ambiguously: a later one may close this one)
    paired = {mark for region in ctx.regions if region.open > position for mark in (region.open, region.close)}
    return all(mark in paired and ctx.text[mark] in _PAIRED_MARKS for mark in later)


#: marks whose opening and closing shapes differ, so that a nested pair cannot close an outer one
_PAIRED_OPENERS = "«"
_PAIRED_MARKS = "«»"


def _bracketed(ctx: _Context, opening: int, sentence_end: int) -> tuple[int, int, QuoteKind] | None:
    """ "أكدت الرئاسة بالقول أن (…)": a complement wholly in brackets, a sentence of its own inside
    them, is the speaker's words (brackets used as quotation marks)."""
    text = ctx.text
    _, p_end = ctx.paragraph_at(opening)
    closing = text.find(")", opening + 1, p_end)
    if closing < 0 or "(" in text[opening + 1 : closing]:
        return None
    start, end = _strip_span(text, opening + 1, closing)
    if _word_count(text, start, end) < BRACKETED_QUOTATION_WORDS:
        return None  # "أن (واس)", "إن (أ ف ب)": a source, not words
    if _tail_words(ctx, closing + 1, max(sentence_end, closing + 1)) > 2 and not (
        _word_count(text, start, end) >= LONG_QUOTATION_WORDS and _NEW_CLAUSE.match(text, closing + 1)
    ):
        return None  # "أن (نظام حصن …) والمعمول به …": the brackets hold a name in a longer complement
    return start, end, "direct"


#: A clause of its own after a quotation: "«…» وراقب فواتيرك", "«…» فقال".
_NEW_CLAUSE = re.compile("\\s*[وف](?:[\u0621-\u064a]{3,}|ل[من]\\s)")  # (and "فلم تفهم", "ولن …")


def _tail_words(ctx: _Context, start: int, end: int) -> int:
    """Words after a quotation, up to a comma: what the complement holds besides the quotation."""
    count = 0
    for tok in _tokens(ctx.text, start, max(start, end)):
        if not tok.word and tok.norm in "،,":
            break
        count += tok.word
    return count


#: What the narrator adds after a quotation: "إنه «…» في إشارة إلى …", "أنه «…» دون أن يذكر …".
_NARRATOR_TAIL = re.compile(
    r"\s*[،,]?\s*(?:في\s+إشارة|في\s+اشارة|دون\s+أن|دون\s+ان|بدون\s+أن|وذلك\s|على\s+حد\s+تعبير|حسب\s+تعبير)"
)


#: When the words were said, after a complement wholly in marks ("إنه «…» بعد جولة على مخيم").
_TIME_TAIL = re.compile(r"\s*[،,]?\s*(?:بعد|عقب|إثر|اثر|خلال|أثناء|اثناء|لدى|عند)\s+(?!أن\b|ان\b)[\u0621-\u064a]")


def _narrator_after(ctx: _Context, region: _Region) -> bool:
    """What follows the closing mark is the narrator's, not more of the speaker's clause: a gloss
    ("في إشارة إلى …"), or a speech verb that opens the next frame ("«…» وأضاف الوزير: «…»")."""
    text = ctx.text
    if _NARRATOR_TAIL.match(text, region.close + 1):
        return True
    word = _WORD_RE.search(text, region.close + 1, region.close + 30)
    if word is None or text[region.close + 1 : word.start()].strip(" ،,"):
        return False
    return word.group()[:1] in "وفم" and _is_trigger(word.group())  # (م: "«…» مضيفاً أن …")


def _next_quotation(ctx: _Context, region: _Region) -> bool:
    """Another quotation opens right after this one's closing mark and a full stop or comma with no
    space ("«…».«…»", "”…”.“…”"), which the sentence splitter does not cut: two quotations."""
    text = ctx.text
    gap = text[region.close + 1 : region.close + 4]
    stripped = gap.lstrip(".،, ")
    return len(stripped) < len(gap) and ctx.region_opening_at(region.close + 1 + len(gap) - len(stripped)) is not None


def _marked_content(ctx: _Context, mark: _Tok, sentence_end: int) -> tuple[int, int, QuoteKind] | None:
    """A complement that opens with a quotation mark: direct when the quotation is the whole complement."""
    text = ctx.text
    region = ctx.region_opening_at(mark.start)
    if region is not None:
        tail_words = _tail_words(ctx, region.close + 1, sentence_end)
        if tail_words > 2:  # "إن «…» مشيراً إلى": where the complement ends (a new frame) ends the tail
            tail_words = _tail_words(ctx, region.close + 1, _content_end(ctx, region.close + 1, sentence_end))
        # a few words after it may be a channel ("«…» في بيان"); more make a mixed quote
        if tail_words <= 2 or region.close >= sentence_end or _next_quotation(ctx, region):
            return region.start, region.end, "direct"
        if _narrator_after(ctx, region):
            return region.start, region.end, "direct"  # "إنه «…» في إشارة إلى …", "«…» فرد وائل: «…»"
        if _TIME_TAIL.match(text, region.close + 1) and _word_count(text, region.start, region.end) >= 4:
            return region.start, region.end, "direct"  # "وقال إنه «…» بعد جولة على مخيم": when he said it
    if region is None and text[mark.start] in _PAIRED_OPENERS and _never_closed(ctx, mark.start):
        # 'وقالت «… يدرسن «انتظام» بالجامعة …' : only quotations nested in it close after it
        start, end = _strip_span(text, mark.end, _content_end(ctx, mark.end, sentence_end))
        if text[end - 1 : end] in _CLOSE_GUILLEMET:  # '… فضلا عن أن «أحدًا لا يخيفنا»': the nested one ends it
            start, end = _strip_span(text, start, end - 1)
        return (start, end, "direct") if end - start > 15 else None
    # nested or unbalanced marks: the last mark of the sentence closes the quotation
    _, p_end = ctx.paragraph_at(mark.start)
    limit = max(sentence_end, min(p_end, sentence_end + 1))
    marks = [m.start() for m in _MARK_RE.finditer(text, mark.end, limit)]
    if marks:
        last = marks[-1]
        tail = [t for t in _tokens(ctx.text, last + 1, limit) if t.word]
        symmetric = text[mark.start] in _MARKS_DOUBLE  # "…" pairs are ambiguous when nested
        nested = region is None or (symmetric and last != region.close)
        if len(tail) <= 3 and last - mark.end > 15 and nested:
            start, end = _strip_span(text, mark.end, last)
            return (start, end, "direct") if end > start else None
        return None
    if not _MARK_RE.search(text, mark.end, p_end) or (region is None and not marks):
        # opened and never closed, or not closed in its sentence ('وكشف مصدر أن "قياديا … قيادية، وأكد')
        start, end = _strip_span(text, mark.end, _content_end(ctx, mark.end, sentence_end))
        return (start, end, "direct") if end - start > 15 else None
    return None


_NARRATOR_OPENERS = frozenset(
    normalize(w) for w in ["يذكر", "يشار", "وكان", "وكانت", "وقد", "كما", "يذكر", "ويذكر", "ويشار"]
)


def _colon_content(
    ctx: _Context, start: int, sentence_end: int, document: bool = False
) -> tuple[int, int, QuoteKind] | None:
    """ "وقال الوزير: …" without marks: to the end of the sentence, and on through the following
    sentences of the paragraph until one opens like narration (a speech verb, يذكر، وكان …) or, but
    for a ``document`` ("وجاء في المقال: …", which speaks in no person), leaves the first person."""
    text = ctx.text
    end = _content_end(ctx, start, sentence_end)
    _, p_end = ctx.paragraph_at(start)
    position = sentence_end
    while end == sentence_end and position < p_end:
        nxt = ctx.sentence_at(_skip_space(text, position))
        if nxt[1] <= position or nxt[0] >= p_end:
            break
        opening = [t for t in _tokens(ctx.text, nxt[0], min(nxt[1], nxt[0] + 40)) if t.word][:2]
        if not opening or opening[0].norm in _NARRATOR_OPENERS or TAIL.match(text, opening[0].start):
            break  # (and "وبحسب السفير فإن …": the narrator attributes again)
        if any(_is_trigger_at(text, t.start, t.end) for t in opening):
            break
        if opening[0].norm[:1] == "و" and opening[0].norm[1:2] in "يت" and opening[0].norm not in ("وتابع",):
            break  # ويمثل، وتعتبر : a third-person verb of the narrator
        asking = text[start:end].rstrip().endswith("؟") and text[nxt[0] : nxt[1]].rstrip().endswith("؟")
        # "أين …؟ فما يحدث يعتبر إهمالا …": after a question, a sentence opening with فـ answers it
        follows = (
            text[start:end].rstrip().endswith(("؟", "?", "!"))
            and opening[0].norm[:1] == "ف"
            and opening[0].norm not in _NOT_CONSEQUENCE
        )
        listed = _LIST_ITEM.match(text, nxt[0]) is not None  # "المخالفات التالية: 1- … 2- …": its points
        # "…: فالكاو يعرف أي مدرب يكون مورينيو. إنه مدرب يحظى …": an emphatic إنّ opens no narration
        emphatic = _EMPHATIC.match(text, opening[0].start) is not None
        if (
            not asking
            and not follows
            and not listed
            and not emphatic
            and not document
            and not _first_person(text, nxt[0], nxt[1])
        ):
            break  # the speaker's own voice goes on in the first person ("ونحن نسعى …"), or asking on
        end = _content_end(ctx, nxt[0], nxt[1])
        sentence_end = nxt[1]
        position = nxt[1]
    start, end = _strip_span(text, start, end)
    if start < end and text[start] in _ALL_MARKS and ctx.region_opening_at(start) is None:
        start, end = _strip_span(text, start + 1, end)  # 'وأردف:" سيتم …' : a mark never closed
    stray = _stray_closing(ctx, start, end)
    if stray is not None and _word_count(text, start, stray) >= WHOLLY_MARKED_WORDS:
        start, end = _strip_span(text, start, stray)  # 'قال: لقد جئت كوسيط للتوصل لحل وسط"، كانت كلمته …'
    return (start, end, "direct") if end > start else None


def _stray_closing(ctx: _Context, start: int, end: int) -> int | None:
    """A closing mark in ``text[start:end]`` that closes nothing (glued to the word before it, spaced
    or punctuated after it): where a quotation the writer never opened ends."""
    text = ctx.text
    for mark in _MARK_RE.finditer(text, start + 1, end):
        position = mark.start()
        if text[position] in _OPEN_GUILLEMET or text[position - 1].isspace():
            continue
        if position + 1 < len(text) and not (text[position + 1].isspace() or text[position + 1] in "،,.؛:"):
            continue
        if any(r.open == position or r.close == position for r in ctx.regions):
            continue
        return position
    return None


_EMPHATIC = re.compile("إن(?:ه|ها|هم|هما)?(?![\u0621-\u064a])")

#: A numbered point of a statement: "2- …", "3) …", "ثانياً: …".
_LIST_ITEM = re.compile(r"\s*(?:\d{1,2}\s*[-–.)]\s|(?:أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا)ً?\s*[:-])")


#: Words opening with ف that do not draw a consequence ("فيما": "while", the narrator's contrast).
_NOT_CONSEQUENCE = frozenset(normalize(w) for w in ["فيما", "في", "فيها", "فيه", "فقط", "فور", "فترة", "فريق"])


#: Our common verbs ("نريد إعادة نظر شاملة …"): a ن prefix alone is too often a stem's own letter.
_OUR_VERBS = (
    "نريد نسعى نعمل نحرص نتطلع نأمل نؤكد نقوم نعتقد نتمنى نرفض نطالب نرحب نحتاج نستطيع نتوقع نرى نعرف"
    " نشعر نفخر نعتز نشكر نثمن ندعو نواصل نتابع نبذل نسير نتعامل نحاول نخطط نستعد نتحدث نقول أريد أود"
)
FIRST_PERSON = frozenset(
    normalize(w)
    for w in [
        "أنا",
        "انا",
        "نحن",
        "إنني",
        "انني",
        "إننا",
        "اننا",
        "إني",
        "اني",
        "لدي",
        "لدينا",
        "علينا",
        "عندنا",
        "عندي",
        "لنا",
        "بنا",
        "منا",
        "لي",
        "معنا",
        "فينا",
        *_OUR_VERBS.split(),
    ]
)


def _first_person(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` speaks in the first person: a pronoun (نحن، إننا، لدينا) or a word
    with the suffix نا (صفوفنا، نعمل … لنا، بلادنا; not the accusative ـانا / ـونا: أحيانا، كورونا)."""
    for match in _WORD_RE.finditer(text, start, end):
        norm = _norm(match.group())
        if norm in FIRST_PERSON or norm.removeprefix("و") in FIRST_PERSON:
            return True
        if len(norm) >= 4 and norm.endswith("نا") and not norm.endswith(("انا", "ونا", "هنا")):
            return True
    return False


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _region_at_start(ctx: _Context, position: int) -> _Region | None:
    for region in ctx.regions:
        if region.open >= position and not ctx.text[position : region.open].strip():
            return region
        if region.open > position:
            break
    return None


def _is_passive(written: str) -> bool:
    """أُعلن / ذُكر : a damma on the first letter of the stem (but "مُؤكداً": the damma of an active
    participle's مـ)."""
    body = written.lstrip("وف")
    if not (len(body) > 1 and body[1] == "\u064f" and body[0] != "م"):
        return False
    if body[0] in "يتن":  # "ويُضيف", "يُشير": a form-IV verb's imperfect has that damma in the active
        entry = _lexicon().forms.get(_norm(body))
        return entry is None or not entry[0].startswith("أ")
    return True


#: Stance verbs whose object, wholly in marks, is the words condemned or criticised, quoted.
CONDEMN_FORMS = frozenset(normalize(w) for w in ["انتقد", "انتقدت", "ندد", "نددت", "استنكر", "استنكرت"])
CONDEMNED_WORDS = 3  # a shorter object in marks is a name or a scare quote
CONDEMN_SUBJECT_WORDS = 5


def _condemned_quotation(ctx: _Context, norm: str, toks: list[_Tok]) -> _Region | None:
    """ "وانتقد الأسد «التهرب من الخدمة العسكرية»", "وندد الكرملين بـ«محاولة أكيدة …»": the object
    of a stance verb wholly in marks, right after its subject, is the words it condemns (a direct
    quote of the subject's, as "أعرب عن «…»" is)."""
    if norm.removeprefix("و").removeprefix("ف") not in CONDEMN_FORMS:
        return None
    words = 0
    for index, tok in enumerate(toks):
        if tok.word:
            if tok.norm in COMPLEMENTIZERS or _is_trigger_at(ctx.text, tok.start, tok.end):
                return None
            words += 1
            if words > CONDEMN_SUBJECT_WORDS + 1:
                return None
            continue
        if tok.norm not in _ALL_MARKS:
            return None  # a comma or a full stop: the object is not in marks
        region = ctx.region_opening_at(tok.start)
        if region is None or region.close >= len(ctx.text) or not index:
            return None
        if _word_count(ctx.text, region.start, region.end) < CONDEMNED_WORDS:
            return None
        if _names_region(ctx.text, region, []) or any(_title_word(t.norm) for t in toks[:index] if t.word):
            return None  # "انتقد الوزير مشروع «…»": a title
        if toks[index - 1].norm in ("ل", "لـ"):
            return None  # "وانتقد تقرير لـ«هيومان رايتس ووتش» …": the subject's owner, a name
        return region
    return None


def _scan_frames(ctx: _Context) -> list[_Found]:
    text = ctx.text
    lexicon = _lexicon()
    found: list[_Found] = []
    sentence_speakers: dict[int, str] = {}  # sentence start -> the last speaker named in it
    for match in ctx.triggers_in(0, len(text)):
        if any(f.start <= match.start() < f.end for f in found):
            continue  # a frame inside reported content belongs to that content
        written = match.group()
        norm = normalize(written)
        entry = lexicon.forms.get(norm)
        bare = norm
        if entry is None and norm[:1] in "وف" and norm[1:] in lexicon.forms:
            entry = lexicon.forms[norm[1:]]
            bare = norm[1:]
        if entry is None and (_ABBAR.fullmatch(written) or written == "وعبر"):
            entry, bare = ("عبّر", "express"), norm.removeprefix("و").removeprefix("ف")
        s_start, s_end = ctx.sentence_at(match.start())
        if s_end <= match.start():
            continue
        inside = ctx.region_containing(match.start())
        if inside is not None and inside.end - inside.start > 40 and match.start() not in ctx.released:
            continue  # a verb inside someone's quotation is part of the quote
        window = min(s_end, match.end() + GAP_WINDOW)
        if inside is not None:
            window = min(window, inside.close)  # «قال الراوي»: a verb in a quoted title frames nothing outside
        short = min(window, match.end() + SHORT_WINDOW)  # enough for most frames: tokenized first
        toks = _tokens(ctx.text, match.end(), short)
        if entry is None:  # a stance verb: only its subject matters, for continuations
            speaker_words, _ = _split_gap(ctx, _until_comma(toks))
            named = None
            if _subject_like(speaker_words):
                named = _speaker_string(ctx, speaker_words)
                ctx.said(named)
                if named:
                    sentence_speakers[s_start] = named
            condemned = _condemned_quotation(ctx, norm, toks)
            before_marks = [t for t in toks if condemned and t.end <= condemned.open and t.word and t.norm != "ب"]
            if condemned is not None and (
                not before_marks
                or (_subject_like(before_marks) and not any(t.norm[:1] == "و" for t in before_marks[1:]))
            ):  # (not "انتقدت التحرش ونبذت «…»": a verb and its object)
                condemner = _speaker_string(ctx, before_marks) if before_marks else ctx.last_speaker
                found.append(_Found(condemned.start, condemned.end, "direct", condemner, None, match.start()))
                ctx.framed.add(condemned.open)
            continue
        lemma, frame = entry
        if lemma in NOUN_LEMMAS and any(f.anchor < match.start() < f.start for f in found):
            continue  # "وقال في تصريح لـ«عكاظ» إن": the verb's frame has it
        if bare in NARRATOR_FORMS or (lemma == "بين" and bare == norm and bare[:1] != "م"):
            continue  # narrator formulas; bare بين is "between"
        if frame == "came" and (not toks or toks[0].norm not in ("في", "فيه", "فيها")):
            continue  # (but "بيان … جاء فيه: «…»")
        bi = lemma in BI_LEMMAS
        limit = SHORT_GAP_LEMMAS.get(lemma, MAX_GAP)
        if frame == "came" and len(toks) > 1 and toks[1].norm.removeprefix("ال") in DOCUMENT_NOUNS:
            limit = CAME_DOCUMENT_GAP  # "وجاء في بيان تم نشره على الإنترنت مطلع الأسبوع أن …"
        participle = _participle_form(bare)
        comp = _find_complement(toks, frame, limit, ctx, bi, participle)
        ran_out = comp is None and sum(t.word for t in toks) <= MAX_GAP  # not stopped by the words limit
        if short < window and (ran_out or (comp is not None and comp.position >= len(toks))):
            toks = _tokens(ctx.text, match.end(), window)
            comp = _find_complement(toks, frame, limit, ctx, bi, participle)
        if comp is not None and lemma in ("تصريح", "إعلان") and not _noun_complement(toks, comp):
            comp = None
        if (
            comp is not None
            and lemma in COLON_ONLY_LEMMAS
            and (
                comp.kind not in ("colon", "mark")
                or sum(t.word for t in toks[: comp.position]) > (6 if lemma in LONG_SUBJECT_LEMMAS else 2)
            )
        ):
            comp = None  # "وزاد من حدة …": زاد frames only a colon or a quotation right after its subject
        if comp is not None and lemma == "تحدث" and comp.kind not in ("that", "colon"):
            comp = None  # "وتتحدث «إيه آر دي» و«صنداي تايمز» عن …": names, not a quotation
        if comp is None and lemma == "تحدث" and _about_quotation(ctx, toks):
            comp = _Complement(1, "mark")
        if comp is None and lemma in ANNOUNCE_LEMMAS and not participle:
            comp = _announced_quotation(ctx, toks)
        if (
            comp is not None
            and lemma in ("وصف", "اتهم")
            and not (comp.kind == "that" and toks[comp.position - 1].norm[:1] == "ب")
            and not (lemma == "وصف" and comp.kind == "mark" and comp.position and toks[comp.position - 1].norm == "ب")
        ):  # (وصف … بـ«…»: the words it was called, in marks, are a quotation)
            comp = None
        first_person = norm.lstrip("وف") in FIRST_PERSON_SAYING
        if first_person and comp is not None and comp.kind not in ("colon", "mark"):
            comp = None  # "إذا قلنا إنها …": the writer's own view; his retold dialogue ("فقلت: …") counts
        if first_person and norm.lstrip("وف") in WRITER_NOW_SAYING and not _told_one(toks):
            if comp is not None and comp.position < len(toks) and not toks[comp.position].word:
                ctx.unsaid.add(toks[comp.position].start)  # (nor may the region scorer give it a speaker)
            comp = None  # "في النهاية أقول: …", "وللمعارضين نقول: …": the writer's own opinion, now
        if (
            (comp is None or comp.position > 1)
            and lemma in UNMARKED_LEMMAS
            and not participle
            and not _is_passive(written)
            and not first_person
        ):
            statement = _clause_opener(toks, lemma) if _past_narration(norm, lemma) else None
            if statement is None and comp is None and lemma != "تساءل":
                statement = _unmarked_statement(ctx, toks, s_end, lemma)
            if statement is not None and (comp is None or statement.position < comp.position):
                comp = statement
        if comp is None:
            # a speech verb without complement still names a speaker for later continuations
            if participle or _is_passive(written):
                continue
            speaker_words, _ = _split_gap(ctx, _until_comma(toks))
            named = None
            if _subject_like(speaker_words[:8]):
                named = _speaker_string(ctx, _name_cap(speaker_words))
            elif not speaker_words and _after_relative(ctx, match, _verb_gender(bare, lemma)):
                named = _relative_antecedent(ctx, match.start(), s_start)  # "«فلان» الذي قال مؤكداً: …"
            if named is not None:
                ctx.said(named)
                if named:
                    sentence_speakers[s_start] = named
            continue
        gap = toks[: comp.position]
        while gap and not gap[-1].word and gap[-1].norm == ":":
            gap = gap[:-1]
        if gap and gap[-1].word and gap[-1].norm in COMPLEMENTIZERS:
            gap = gap[:-1]
        while (
            gap
            and gap[-1].word
            and (gap[-1].norm in COMPLEMENT_LEADS or gap[-1].norm == "ب")
            and not _name_ali(ctx, gap, len(gap) - 1)
        ):  # (but "الرئيس التنفيذي عادل علي أن": the name علي, not على)
            gap = gap[:-1]  # (and the بـ of "وصفته الدار بـ«…»")
        if frame == "report":
            speaker_words, channel_words = _frame_speaker_split_report(ctx, gap)
            if not speaker_words and not channel_words and not any(t.norm in REPORT_PRONOUNS for t in gap):
                continue
        elif frame == "came":
            speaker_words, channel_words = [], [t for t in gap if t.word]
        else:
            speaker_words, channel_words = _split_gap(ctx, gap)
            if all(t.norm in _ADDRESSEE_PRONOUNS for t in speaker_words):
                speaker_words = []  # "قالها لي «…»": the one spoken to; the speaker is before the verb
            if participle:
                speaker_words = []  # "داعيًا مبدعي المحافظة إلى": after a participle, the addressee
            if lemma == "وصف" and len(speaker_words) == 1 and bare in _DESCRIBE_BARE:
                speaker_words = []  # "ووصف الأمر بأنه «…»": the one word is what he described
            if (
                frame in ("call", "say")
                and speaker_words
                and speaker_words[0].norm in MASCULINE_TITLES
                and _verb_gender(bare, lemma) == "f"
            ):
                speaker_words = []  # "وطالبت الفنان فلاناً بـ": a man after a feminine verb is its object
            if frame == "call" and len(speaker_words) > 1:
                speaker_words = _known_prefix(ctx, speaker_words)
                last = speaker_words[-1].norm
                if len(speaker_words) > 1 and last.startswith("ال") and last.endswith(("ين", "ات", "ون")):
                    speaker_words = speaker_words[:-1]  # the addressees: "دعا الوزير المواطنين إلى"
        if speaker_words and all(w.norm in TIME_WORDS or w.norm in TIME_NOUNS for w in speaker_words):
            speaker_words = []  # "قبل أن يعلن الشهر الماضي أنه": a time after the verb, the subject unsaid
        speaker: str | None
        continuation = False
        if lemma == "قيل" or (_is_passive(written) and frame != "report") or first_person:
            speaker = None  # (but "ونُقل عن الوزير قوله": the one it was reported from); the writer himself
        elif speaker_words:
            speaker = _speaker_string(ctx, speaker_words)
            speaker = _resolve_outlet(ctx, speaker) if speaker else None
        elif frame == "came":
            speaker = _document_speaker(ctx, channel_words, match.start())
        else:
            if participle:
                subject = _clause_subject(ctx, match.start(), s_start)
            elif lemma == "بقوله":
                subject = _saying_subject(ctx, match.start(), s_start)
            elif norm[:1] == "ف" and lemma not in NOUN_LEMMAS:
                subject = _amma_subject(ctx, match.start(), s_start)  # "أما بندر الزهراني فقال …"
            elif lemma == "نص" or _after_relative(ctx, match, _verb_gender(bare, lemma)):
                subject = _relative_antecedent(ctx, match.start(), s_start) or _subject_before(
                    ctx, match.start(), s_start
                )
            else:
                subject = (
                    None if norm[:1] in "وف" or lemma in NOUN_LEMMAS else _subject_before(ctx, match.start(), s_start)
                )
            if subject is not None:
                speaker = _resolve_outlet(ctx, subject)
            elif bare in NARRATOR_PRESENT and not [t for t in gap if t.word]:
                continue
            elif participle and s_start in sentence_speakers:
                speaker = sentence_speakers[s_start]
                continuation = True
            else:
                # "وواصل نقيب الأطباء نصائحه، قائلاً «…»": the subject of the participle's own sentence
                speaker = _verbal_subject_before(ctx, match.start(), s_start, 1) if participle else None
                if speaker is None:
                    speaker = ctx.antecedent(_verb_gender(bare, lemma))
                if speaker is None:
                    speaker = _verbal_subject_before(ctx, match.start(), s_start)
                continuation = True
        channel = _channel_label(ctx, channel_words) if channel_words else None
        if frame == "came" and channel in ("فيه", "فيها"):
            channel = None  # "بيان … جاء فيه": the document, named before, is the speaker
        if speaker is not None and channel is None:
            channel = _channel_of_speaker(speaker)
        if channel is None and lemma == "غرد":
            channel = "تويتر"
        if channel is None and continuation and speaker == ctx.last_speaker:
            channel = ctx.last_channel
        if comp.position >= len(toks) and window < s_end:
            toks = _tokens(ctx.text, match.end(), s_end)
        if _proverb(speaker, gap) or (norm == _IT_IS_SAID and _word_before(ctx.text, match.start()) in _AS_WORDS):
            # ("فكما يقال: «خالف تعرف»": what is said, by nobody in particular)
            if comp.position < len(toks) and not toks[comp.position].word:
                ctx.unsaid.add(toks[comp.position].start)
            continue  # "فالمثل يقول «…»", "ويقول المثل الشعبي: «…»": a proverb, nobody's words
        content = _content(ctx, toks, comp, s_end, match.start(), frame == "came")
        if lemma in ("وصف", "اتهم") and comp.kind == "that" and (described := _described_as(ctx, toks, comp)):
            content = described.start, described.end, "direct"  # "ووصف الهجوم بأنه «جريمة …» وحذر …"
        if speaker is not None:
            ctx.said(speaker)
            sentence_speakers[s_start] = speaker
        if content is None:
            continue
        start, end, kind = content
        if kind == "direct" and (cut := _narrator_frame_inside(ctx, start, end)) < end:
            start, end = _strip_span(text, start, cut)
        elif match.start() in ctx.released:
            start, end = _strip_span(text, start, end - (text[end - 1] in _ALL_MARKS))  # "…، مشدداً على أن …»"
        if lemma == "كتب" and comp.kind == "colon" and _byline(ctx, start, end, match.start()):
            continue  # "كتب: فلان الفلاني", "كتبت-فلانة: ⏎ قال الوزير …": a byline
        modified = _marked_then_modifier(ctx, toks, comp) if frame in ("call", "express", "warn") else None
        if modified is not None and comp.kind == "prep":
            start, end, kind = modified.start, modified.end, "direct"  # "حذر من «…» في العاصمة"
            ctx.framed.add(modified.open)
        elif frame in ("call", "express", "warn") and comp.kind == "prep":
            if not _wholly_marked(ctx, toks, comp, kind):
                kind = "indirect"
                start, end = _strip_span(text, start, _content_end(ctx, start, s_end, at_colon=True))
            elif _word_count(text, start, end) >= MODIFIED_MARKED_WORDS:
                ctx.framed.add(toks[comp.position].start)  # "وحذر من «…»": the object wholly in marks
        nested = None
        if comp.kind == "that" and kind == "indirect" and ":" in text[start : min(end, start + 120)]:
            nested = _colon_speaker(ctx, _tokens(ctx.text, start, min(s_end, start + 160)))
        if nested is not None:
            # "وذكرت الوزارة في بيان إن اللواء شنڤريحة عند تنصيب راشدي: «…»": the named one's words;
            # "وأضافوا أن بيان الوزارة جاء في نصه: «…»": a statement of its own, with a quotation inside
            if nested[3]:
                found.append(_Found(start, end, kind, speaker, channel, match.start()))
            start, end, speaker, _ = nested
            kind = "direct"
            ctx.said(speaker)
        ctx.last_channel = channel
        found.append(_Found(start, end, kind, speaker, channel, match.start()))
    return found


def _narrator_frame_inside(ctx: _Context, start: int, end: int) -> int:
    """Where a direct quotation whose closing mark the writer left out ends: at the comma before a
    participle frame of the narrator's ("وأضاف: «إنني أدعو …، مشدداً على أن …»", "…، لافتا إلى أن
    «…»"), which then frames the rest itself; ``end`` when there is none."""
    text = ctx.text
    forms = _lexicon().forms
    for match in ctx.triggers_in(start + 1, end):
        bare = normalize(match.group())
        if not (_participle_form(bare) and bare in forms):
            continue
        comma = match.start() - 1
        while comma > start and text[comma].isspace():
            comma -= 1
        if comma <= start or text[comma] not in "،,":
            continue
        inner = ctx.region_containing(match.start())
        if inner is not None and inner.open >= start:
            continue  # a quotation nested inside this one
        following = _tokens(text, match.end(), min(end, match.end() + 30))[:3]
        if any(t.word and t.norm in COMPLEMENTIZERS for t in following):
            ctx.released.add(match.start())
            return comma
    return end


#: Words that make a heading line "كتب …:" a frame, not a byline ("كتب الوزير على تويتر:").
_BYLINE_NOT = frozenset(["في", "على", "عبر", "عن", "من", "له", "لها"])


#: Words a noun object wholly in marks needs to be read as the speaker's words ("«قرارات دولية رادعة»").
WHOLLY_MARKED_WORDS = 3


def _described_as(ctx: _Context, toks: list[_Tok], comp: _Complement) -> _Region | None:
    """ "وصف الهجوم بأنه «جريمة كراهية»", "فاتهمه بأنه «تابع لـ…»": what it was called, in marks
    right after بأنه, is the speaker's words (two words or more; whatever follows is the narrator's)."""
    if comp.position >= len(toks) or toks[comp.position].word:
        return None
    region = ctx.region_opening_at(toks[comp.position].start)
    if region is None or region.close >= len(ctx.text) or _word_count(ctx.text, region.start, region.end) < 2:
        return None
    after = ctx.text[region.close + 1 : region.close + 3].lstrip(" ")
    if after and after[0] not in ".،,؛!؟\n" and after[0] != "و":
        return None  # "بأن «مصلحتهما واحدة» في إضعاف …": the clause goes on, a mixed quote
    return region


#: A call's or warning's object in marks of at least this many words, then a modifier, is direct.
MODIFIED_MARKED_WORDS = 4


#: An active participle in the accusative, normalized (واعدة، مطالبا، مشيرين): a circumstantial clause.
_CIRCUMSTANTIAL = re.compile("^(?:م[\u0621-\u064a]{3,6}|[\u0621-\u064a]ا[\u0621-\u064a]{2})(?:ه|ا|ين)$")


def _marked_then_modifier(ctx: _Context, toks: list[_Tok], comp: _Complement) -> _Region | None:
    """ "وحذر رئيس البلدية من «المخاطر الملموسة لوقوع أعمال إرهابية» في العاصمة …": the object wholly
    in marks, then a prepositional modifier of the verb: the marked words are the speaker's, direct."""
    if comp.position + 1 >= len(toks) or toks[comp.position].word:
        return None
    region = ctx.region_opening_at(toks[comp.position].start)
    if region is None or _word_count(ctx.text, region.start, region.end) < WHOLLY_MARKED_WORDS:
        return None
    index, after = next(
        ((i, t) for i, t in enumerate(toks[comp.position + 1 :], comp.position + 1) if t.start > region.close),
        (0, None),
    )
    if after is None or not after.word:
        return None
    if _CIRCUMSTANTIAL.match(after.norm) and index + 1 < len(toks) and toks[index + 1].norm in COMPLEMENTIZERS:
        return region  # 'ودعت طهران إلى «اقتناص هذه الفرصة» واعدة بأن …': the speaker's next clause
    if _word_count(ctx.text, region.start, region.end) < MODIFIED_MARKED_WORDS:
        return None
    purpose = after.norm[:1] == "ل" and len(after.norm) >= 4 and after.norm not in _NOT_PURPOSE
    if after.norm not in (*GAP_PREPOSITIONS, "خلال") and not purpose:  # (purpose: "«…» لوقف تدهور البيئة")
        return None
    return region


#: God as the one called upon: a prayer, never reported speech.
_GOD = frozenset(normalize(w) for w in ["الله", "المولى", "الباري", "ربه", "ربها"])
#: The first letter of most verbal nouns of derived verbs (تقديم، إنشاء، استكمال، مواصلة).
_VERBAL_NOUN_OPENINGS = "تاإم"
#: Words opening with ل that are no preposition of purpose before a verbal noun.
_NOT_PURPOSE = frozenset(
    normalize(w) for w in ["لكنه", "لكنها", "لكنهم", "لذلك", "لهذا", "لقد", "لدى", "لدي", "لديه", "لديها", "للغاية"]
)


def _wholly_marked(ctx: _Context, toks: list[_Tok], comp: _Complement, kind: QuoteKind) -> bool:
    """A noun object wholly in marks, the whole complement ("وأعرب عن «استيائه من …»", "وحذر من «…»"):
    the speaker's own words, as a direct quote."""
    if kind != "direct" or comp.position >= len(toks) or toks[comp.position].word:
        return False
    region = ctx.region_opening_at(toks[comp.position].start)
    return region is not None and _word_count(ctx.text, region.start, region.end) >= WHOLLY_MARKED_WORDS


def _byline(ctx: _Context, start: int, end: int, verb_start: int) -> bool:
    """The colon content of كتب is a byline: a name of a few words, or the article itself, which
    opens with a frame of its own ("كتبت-فلانة: ⏎ قال الإعلامي …، إن …") or follows a line of its
    own that opens with the verb ("كتب - فلان الفلاني: ⏎ تلقى الوزير …")."""
    words = list(_WORD_RE.finditer(ctx.text, start, end))
    if len(words) < 4:
        return True
    quoted = ctx.region_containing(start) is not None  # "وكتبت فلانة: «تقول قائدات …»": her words
    if quoted:
        return False
    p_start, p_end = ctx.paragraph_at(verb_start)
    heads = not ctx.text[p_start:verb_start].strip() and ctx.text[verb_start] not in "وف"
    line = _WORD_RE.findall(ctx.text, p_start, p_end)
    if heads and start > p_end and len(line) <= 5 and _BYLINE_NOT.isdisjoint(line):
        return True  # the line "كتب - فلان:" heads the article (a "وكتب" line would be narration)
    return _is_trigger_at(ctx.text, words[0].start(), words[0].end())


#: Verbs after which a statement may follow with neither marks nor a colon ("وقالت في بيان إذا …").
UNMARKED_LEMMAS = frozenset(["قال", "أضاف", "تابع", "تساءل"])
#: Words that open such a statement: a condition, a first-person pronoun, a particle of the future.
STATEMENT_OPENERS = frozenset(
    normalize(w) for w in ["إذا", "اذا", "لو", "نحن", "أنا", "انا", "لقد", "لن", "لسنا", "لست"]
)


#: Words that open a clause and never stand in a speaker's phrase: right after the verb and its
#: subject they open the speaker's own words, in any person ("وقال المتحدث … الرائد فلان لقد حرص …",
#: "وقال لا يوجد أي …", "قال ليست هناك دولة …", "وقال يجب أن تتوفر …": the أن is inside his words).
#: The question words open one too, and alone do after تساءل ("وتساءل عدد من العابرين أين المولدات …").
QUESTION_OPENERS = frozenset(normalize(w) for w in ["هل", "أين", "ماذا", "كيف", "لماذا", "متى"])
CLAUSE_OPENERS_ANY = QUESTION_OPENERS | frozenset(
    normalize(w) for w in ["لقد", "لا", "لم", "ليس", "ليست", "يجب", "ينبغي", "تم"]
)


#: Words after the speaker that open a statement in any person ("هناك مواقف …", "بالنسبة لمن …").
PLAIN_OPENERS = frozenset(normalize(w) for w in ["بالنسبة", "علينا"])


#: A topic particle right after the verb opens the statement itself (a subject never starts so).
TOPIC_OPENERS = frozenset(normalize(w) for w in ["أما", "اما"])


#: Nouns that look like a future verb in the first person plural (سنة، سنوات، سنغافورة، سنتيمتر).
_NOT_FUTURE = ("سنه", "سنو", "سنغ", "سنت", "سنا", "سند", "سنب", "سنم", "سني")


def _future_we(norm: str) -> bool:
    """سنخاطب، سنعمل، سنواصل : the future of the first person plural (سـ + نـ + a stem of 3+ letters)."""
    return len(norm) >= 5 and norm.startswith("سن") and not norm.startswith(_NOT_FUTURE)


def _clause_opener(toks: list[_Tok], lemma: str) -> _Complement | None:
    """ "وقال لا يوجد …", "قال ليست هناك …", "وقال المتحدث … الرائد فلان لقد حرص …", "وتساءل عدد من
    العابرين أين …": the speaker's words opened, without marks or colon, by a word that starts a clause
    and never stands in a speaker's phrase; before any complementizer (a later أن is inside them)."""
    for index, tok in enumerate(toks[:9]):
        if not tok.word or tok.norm in COMPLEMENTIZERS or (index == 0 and tok.norm in COMPLEMENT_LEADS):
            return None  # "وقال إن لا …", "وتساءل عن …": the frame's own complement comes first
        if index + 1 >= len(toks) or not toks[index + 1].word or toks[index + 1].norm == _ILAH:
            return None  # (and "من قال لا إله إلا الله": the creed, named)
        if (tok.norm in QUESTION_OPENERS and lemma != "تابع") or (
            lemma != "تساءل" and (tok.norm == _LAQAD or (index == 0 and tok.norm in CLAUSE_OPENERS_ANY))
        ):
            return _Complement(index, "colon")  # (after a subject only these: "مسؤول لم يكشف اسمه" describes him)
    return None


_LAQAD = normalize("لقد")
_ILAH = normalize("إله")


def _past_narration(norm: str, lemma: str) -> bool:
    """ "قال"، "وأضافت"، "وتساءل": the narrator's past tense (not "تقول"، "يتساءل": a column's hypothetical
    voices, "كما تقول …"، "تجعلك تتساءل …"); تساءل only after و ("حتى تساءلت"، "لا أحد تساءل")."""
    bare = norm[1:] if norm[:1] in "وف" else norm
    if lemma == "تساءل" and norm[:1] != "و":
        return False
    return bare.startswith(normalize(lemma)[:2])


def _unmarked_statement(ctx: _Context, toks: list[_Tok], sentence_end: int, lemma: str) -> _Complement | None:
    """ "وقال مرزوق نحن نرحب …", "وقالت في بيان إذا لم تتحدث … فسوف نفقد …": a statement in the first
    person right after the speaker, written without marks or colon (a colon complement)."""
    for index, tok in enumerate(toks[:9]):
        if not tok.word:
            if index and tok.norm in _DASHES and lemma != "تابع":
                return _after_apposition(ctx, toks, index, sentence_end)
            return None
        if tok.norm in STATEMENT_OPENERS:
            return _Complement(index, "colon") if _first_person(ctx.text, tok.start, sentence_end) else None
        if lemma == "تابع":
            pass  # (تابع is also "followed": "يتابع أمر أبنائنا", "يتابع برنامجه هناك")
        elif (
            index
            and tok.norm in PLAIN_OPENERS
            and not (index + 1 < len(toks) and toks[index + 1].norm in COMPLEMENTIZERS)
        ):
            return _Complement(index, "colon")  # "وأضاف بالخير بالنسبة لمن …"
        elif (
            index <= 4
            and len(tok.norm) >= 4
            and tok.norm.endswith("نا")
            and tok.norm[:1] not in "بلكو"  # (not "بإيماننا", "لبلادنا": a preposition's object)
            and "\u064b" not in ctx.text[tok.start : tok.end]  # (not "مجاناً": an adverb)
            and not (index and toks[index - 1].norm in GAP_PREPOSITIONS)
            and not (index + 1 < len(toks) and toks[index + 1].norm in COMPLEMENTIZERS)
            and _first_person(ctx.text, tok.start, sentence_end)
        ):
            return _Complement(index, "colon")  # "وقال فهد المفرج حرصنا على …": a verb of ours
        if tok.norm in TOPIC_OPENERS and index == 0:
            return _Complement(index, "colon")  # "وأضاف أما ناديا الوحدة ونجران فتوجد …": no subject opens so
        if index and _future_we(tok.norm):
            return _Complement(index, "colon")  # "وقال الوزير سنخاطب الجهات …"
    return None


#: Words a statement written right after a speaker's apposition in dashes has at least.
APPOSITION_STATEMENT_WORDS = 6


def _after_apposition(ctx: _Context, toks: list[_Tok], index: int, sentence_end: int) -> _Complement | None:
    """ "وقال المسن فلان – زائر للمعرض من القريات – هناك مواقف …": the speaker, his apposition in
    dashes, then his statement without marks or colon."""
    closing = next((i for i in range(index + 2, min(len(toks), index + 10)) if toks[i].norm in _DASHES), None)
    if closing is None or closing + 1 >= len(toks) or not all(t.word for t in toks[index + 1 : closing]):
        return None
    first = toks[closing + 1]
    if (
        not first.word
        or first.norm in COMPLEMENTIZERS
        or first.norm in GAP_PREPOSITIONS
        or first.norm[:1] in "وف"  # "- وحذر …", "- وبرعاية …": the narrator goes on
        or first.norm == "كما"
        or _is_trigger(ctx.text[first.start : first.end])  # "- قائلاً: …": the frame goes on
        or any(t.norm in COMPLEMENTIZERS for t in toks[index + 1 : closing])  # "- منذ أن كانت … -"
    ):
        return None
    if sum(t.word for t in toks[closing + 1 :] if t.start < sentence_end) < APPOSITION_STATEMENT_WORDS:
        return None
    return _Complement(closing + 1, "colon")


#: Pronoun objects and adverbs between a verb and its subject ("ليرد عليه المالكي").
_OBJECT_WORDS = frozenset(
    normalize(w)
    for w in [
        "عليه",
        "عليها",
        "عليهم",
        "له",
        "لها",
        "لهم",
        "منه",
        "منها",
        "عنه",
        "عنها",
        "فيه",
        "فيها",
        "بدوره",
        "بدورها",
        "أيضا",
        "أيضاً",
    ]
)


def _clause_subject(ctx: _Context, participle_start: int, sentence_start: int) -> str | None:
    """The subject of the clause a participle ends: "…، ليرد عليه المالكي قائلاً" -> المالكي."""
    text = ctx.text
    comma = max(text.rfind("،", sentence_start, participle_start), text.rfind(",", sentence_start, participle_start))
    if comma < 0:
        return None
    words = list(_tokens(ctx.text, comma + 1, participle_start))
    if not 2 <= len(words) <= 5 or not all(t.word for t in words):
        return None
    verb = words[0].norm
    if not (verb[:2] in ("لي", "لت", "وي", "وت", "في", "فت") or _is_trigger(text[words[0].start : words[0].end])):
        return None
    rest = [t for t in words[1:] if t.norm not in _OBJECT_WORDS]
    if not 1 <= len(rest) <= 4 or any(t.norm in NOT_SUBJECT or t.norm in GAP_PREPOSITIONS for t in rest):
        return None
    return _speaker_string(ctx, rest)


#: Particles that may open a clause before its verb ("ثم ألقى …", "كما قدّم …").
_CLAUSE_OPENERS = frozenset(normalize(w) for w in ["و", "ثم", "كما", "فيما", "بينما", "ف", "وقد", "قد"])


LEADING_PHRASE_WORDS = 3  # "أمام ذلك،", "من جهته،", "في الأثناء،": a phrase before the sentence's verb
_NOT_VERBS = frozenset(normalize(w) for w in ["هكذا", "هذا", "هذه", "ذلك", "هناك", "هنا", "ليس", "لا", "لم", "لن"])


def _verbal_subject_before(ctx: _Context, position: int, sentence_start: int, sentences: int = 2) -> str | None:
    """The subject of the verb that opens this sentence (or the one before): "وهنّأ المدير الموظفين
    …، مشيراً إلى أن", "جدد الوزير موقف بلاده، مشيرا إلى أن" — for a frame with no subject of its
    own and no speaker named before it."""
    starts = [sentence_start]
    index = bisect_left(ctx.sentence_starts, sentence_start) - 1
    if index >= 0 and sentences > 1:
        starts.append(ctx.sentences[index][0])
    for start in starts:
        toks = _tokens(ctx.text, start, min(position, start + 200))
        clause = _until_comma(toks)
        words = [t for t in clause if t.word]
        if (
            0 < len(words) <= LEADING_PHRASE_WORDS
            and len(clause) < len(toks)
            and toks[len(clause)].norm in "،,"
            and (words[0].norm in STOP_WORDS or words[0].norm in GAP_PREPOSITIONS)
        ):  # "أمام ذلك، استغرب رئيس النادي …، مشيرا إلى": the verb's clause comes after the comma
            clause = _until_comma(toks[len(clause) + 1 :])
            words = [t for t in clause if t.word]
        while words and words[0].norm in _CLAUSE_OPENERS:
            words = words[1:]
        if len(words) < 2:
            continue
        verb = words[0].norm
        if verb[:1] in "وف" and len(verb) > 3:
            verb = verb[1:]  # (but وجه، وصل، وعد: a root و)
        if (
            len(verb) < 3
            or verb[:1] in "يتن"  # a present verb or a particle: not a past verb and its subject
            or verb.startswith("ال")
            or words[0].norm in NOT_SUBJECT
            or words[0].norm in _NOT_VERBS
            or verb in STOP_WORDS
        ):
            continue
        speaker_words, _ = _split_gap(ctx, clause[clause.index(words[0]) + 1 :])
        speaker_words = _name_cap(speaker_words)
        if _subject_like(speaker_words[:SUBJECT_WORDS]) and not speaker_words[0].norm.endswith("ه"):
            return _speaker_string(ctx, speaker_words)
    return None


#: Words a name goes on after: "بن فضل البار", "الدكتور عبدالله المعيقل".
_NAME_LINKS = frozenset(
    normalize(w)
    for w in ["بن", "بنت", "ابن", "آل", "أبو", "الدكتور", "المهندس", "اللواء", "الشيخ", "الأستاذ", "الأمير", "العميد"]
)
SUBJECT_WORDS = 8  # words of a subject phrase kept ...
SUBJECT_NAME_WORDS = 12  # ... or up to this many when they end inside a name
TITLED_NAME_WORDS = 16  # ... or a title and its name this far after a long role


def _possessed(norm: str) -> bool:
    """A noun with a possessive pronoun ("سعادته", "شكرهم"): an object, never part of a role."""
    return len(norm) >= 5 and norm.endswith(("ته", "تها", "هم", "ها")) and not norm.startswith("ال")


def _name_cap(words: list[_Tok]) -> list[_Tok]:
    """The first ``SUBJECT_WORDS`` words, and those after them while they finish a name the cut
    fell inside ("معالي أمين العاصمة المقدسة الدكتور أسامه بن فضل | البار")."""
    end = min(len(words), SUBJECT_WORDS)
    titled = next((i for i in range(end, min(len(words), TITLED_NAME_WORDS)) if words[i].norm in NAME_TITLES), None)
    if (
        titled is not None
        and not any(w.norm in NAME_TITLES for w in words[:end])  # (a name of its own already: no second one)
        and all(w.norm not in STOP_WORDS and not _possessed(w.norm) for w in words[:titled])
    ):  # (not "أبدى اللاعب … سعادته الكبيرة بأمر الأمير …": an object, then another man)
        # "رئيس حركة التغيير عضو الأمانة العامة لقوى 14 آذار | … الدكتور فلان": the name after a long role
        end = titled + 1
        while end < len(words) and words[end].norm in NAME_TITLES:
            end += 1  # "الشيخ الدكتور …"
        first_name = end
        while (
            end < len(words)
            and words[end].norm not in STOP_WORDS
            and (end < first_name + 2 or words[end - 1].norm in _NAME_LINKS)
        ):
            end += 1  # the given name and one more, and on through بن / آل
        return words[:end]
    while (
        end < min(len(words), SUBJECT_NAME_WORDS)
        and words[end].norm not in STOP_WORDS
        and (words[end - 1].norm in _NAME_LINKS or (end > 1 and words[end - 2].norm in _NAME_LINKS))
    ):
        end += 1
    return words[:end]


def _subject_like(words: Sequence[_Tok]) -> bool:
    """Whether the words after a verb that frames no statement may be its subject, remembered for
    later continuations: a short phrase that opens with no preposition and holds no complementizer
    or speech verb ("قائلا إن مقاتلي الجيش" is not)."""
    if not 0 < len(words) <= 8 or words[0].norm in GAP_PREPOSITIONS:
        return False
    return not any(w.norm in COMPLEMENTIZERS or _is_trigger(w.norm) for w in words)


def _saying_subject(ctx: _Context, position: int, sentence_start: int) -> str | None:
    """ "ويشرح المعارض عبد الرحمن الحاج الأمر بقوله": the words after the clause's verb."""
    text = ctx.text
    end = position
    while end > sentence_start and text[end - 1] in " ،,":
        end -= 1
    comma = max(text.rfind("،", sentence_start, end), text.rfind(",", sentence_start, end))
    words = [t for t in _tokens(text, max(comma + 1, sentence_start), end) if t.word][1:]
    words = _trim_edges(words)
    if not words or len(words) > 8 or any(t.norm in NOT_SUBJECT for t in words):
        return None
    return _speaker_string(ctx, words)


def _colon_speaker(ctx: _Context, toks: list[_Tok]) -> tuple[int, int, str, bool] | None:
    """A complement (``toks``) that names someone, then a colon and a quotation: (start, end,
    speaker, whether a verb of the named one's own frames the quotation)."""
    words = verb_words = 0
    verb = -1  # "أن بيان الوزارة جاء في نصه: «…»": the named one's own frame, a few words long
    for index in range(len(toks)):
        tok = toks[index]
        if tok.word:
            words += 1
            if words > 8 or (verb >= 0 and words > verb_words + 3):
                return None
            if _is_trigger_at(ctx.text, tok.start, tok.end):
                if verb >= 0 or words == 1:
                    return None
                verb, verb_words = index, words
            continue
        if tok.norm != ":":
            if tok.norm in "،,()":
                return None
            continue
        mark = next((t for t in toks[index + 1 : index + 2] if t.norm in _ALL_MARKS), None)
        region = ctx.region_opening_at(mark.start) if mark is not None else None
        if region is None or not words:
            return None
        speaker_words, _ = _split_gap(ctx, toks[: verb if verb >= 0 else index])
        speaker = _speaker_string(ctx, speaker_words)
        return (region.start, region.end, speaker, verb >= 0) if speaker else None
    return None


#: Participles that do not start with م (قائلاً، داعياً، نافياً، لافتاً، ذاكراً، زاعماً، كاشفاً).
_PARTICIPLES_OTHER = frozenset(
    normalize(w)
    for w in [
        "قائلاً",
        "قائلةً",
        "قائلين",
        "قائلا",
        "قائلة",
        "داعياً",
        "داعيةً",
        "داعيا",
        "داعية",
        "نافياً",
        "نافيةً",
        "نافيا",
        "نافية",
        "لافتاً",
        "لافتةً",
        "لافتا",
        "لافتة",
        "ذاكراً",
        "ذاكرا",
        "زاعماً",
        "زاعما",
        "كاشفاً",
        "كاشفا",
        "هاتفين",
        "هاتفون",
    ]
)


def _participle_form(bare: str) -> bool:
    """Whether a normalized form of a speech verb is its participle (مشيراً، مؤكدة، قائلاً)."""
    return bare[:1] == "م" or bare in _PARTICIPLES_OTHER


def _known_prefix(ctx: _Context, words: list[_Tok]) -> list[_Tok]:
    """ "ودعا العامري الأجهزة الأمنية إلى": the speaker is the part a previous speaker shares."""
    known = {normalize(w) for speaker in ctx.speakers for w in speaker.split()}
    cut = 0
    while cut < len(words) and words[cut].norm in known:
        cut += 1
    if all(w.norm in NAME_TITLES for w in words[:cut]):
        return words  # "كما دعا الدكتور مطلق شايع": a title alone is no one's name
    return words[:cut]


#: Words that may stand right before a complementizer (إلى أن، على أن) and are not the speaker.
COMPLEMENT_LEADS = frozenset(normalize(w) for w in ["إلى", "على", "من", "عن"])
NARRATOR_PRESENT = frozenset(normalize(w) for w in ["يذكر", "يشار", "يتوقع", "يعتبر", "يرى", "ترى", "يرون"])


def _until_comma(toks: list[_Tok]) -> list[_Tok]:
    out = []
    for tok in toks:
        if not tok.word and tok.norm in _CLAUSE_STOPS:
            break
        out.append(tok)
    return out


def _channel_of_speaker(speaker: str) -> str | None:
    """ "بيان البيت الأبيض" speaks through a statement; "صحيفة نيويورك تايمز" is itself an outlet."""
    first = normalize(speaker.split()[0]).removeprefix("ال")
    if first in ("بيان", "تغريده", "تقرير", "رساله"):
        return "تويتر" if first == "تغريده" else speaker.split()[0].removeprefix("ال")
    words = speaker.split()
    if first in ("صحيفه", "وكاله", "قناه", "موقع", "شبكه", "تلفزيون", "اذاعه", "فضائيه") and len(words) > 1:
        return speaker
    if first == "مراسل" and len(words) > 1:  # "مراسل «سبوتنيك» في الحسكة": the outlet he reports for
        return words[1].removeprefix("ل")
    return None


#: "«…» هذا ما قاله فلان", "هذا ماقاله": the quotation first, then what points back at it.
_THIS_IS_WHAT = re.compile(
    r"(?:و?(?:هذا|هكذا|ذلك)\s+ما\s*|و?ب(?:هذه|تلك)\s+(?:العبارات|العبارة|الكلمات|الكلمة)\s+)"
)  # "«…» هذا ما قاله", "«…» بهذه العبارات تحدث الأسد"


def _verb_after(after: str) -> tuple[re.Match[str] | None, str, bool]:
    """The speech verb that opens ``after`` (the text after a closing mark), as a match in
    ``after.lstrip(" ،,-–")``, the verb without the object pronoun of "هذا ما قاله", and whether
    "هذا ما" points back at the quotation."""
    rest = after.lstrip(" ،,-–")
    this_is = _THIS_IS_WHAT.match(rest)
    first_word = _WORD_RE.match(rest, this_is.end() if this_is is not None else 0)
    verb = first_word.group() if first_word is not None else ""
    if this_is is not None and verb.endswith("ه") and not _is_trigger(verb):
        verb = verb[:-1]  # "«…» هذا ما أعلنه بلاتر": the verb with its object pronoun
    match = first_word if first_word is not None and _is_trigger(verb) else None
    return match, verb, this_is is not None


def _quote_first(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """«…»، قال الوزير : a quotation that opens its sentence and the frame that follows it."""
    text = ctx.text
    lexicon = _lexicon()
    out = []
    taken = [(f.start, f.end) for f in found]
    for region in ctx.regions:
        if any(s < region.end and region.start < e for s, e in taken):
            continue
        s_start, _ = ctx.sentence_at(region.open)
        p_start, _ = ctx.paragraph_at(region.open)
        lead = text[min(s_start, region.open) : region.open].strip()
        if lead not in ("", "و") and text[p_start : region.open].strip():
            continue
        after = text[region.close + 1 : region.close + 40]
        match, verb, pointed = _verb_after(after)
        inner_words = _token_count(ctx.text, region.start, region.end)
        if match is not None and inner_words >= 3:
            offset = region.close + 1 + (len(after) - len(after.lstrip(" ،,-–")))
            entry = lexicon.forms.get(normalize(verb).lstrip("وف")) or lexicon.forms.get(normalize(verb))
            if entry is None or entry[1] not in ("say", "point"):
                continue
            _, s_end = ctx.sentence_at(offset)
            toks = _until_comma(_tokens(ctx.text, offset + match.end(), max(s_end, offset + match.end())))
            speaker_words, channel_words = _split_gap(ctx, toks)
            speaker = _speaker_string(ctx, speaker_words) or ctx.last_speaker
            channel = _channel_label(ctx, channel_words) if channel_words else None
            out.append(_Found(region.start, region.end, "direct", speaker, channel, region.open))
            if pointed:
                ctx.framed.add(region.open)  # (a short quotation first reads like a headline to the scorer)
            continue
        # a paragraph that is one quotation, right after a paragraph that ended with a direct quote
        paragraph = ctx.paragraph_at(region.open)
        whole = not text[paragraph[0] : region.open].strip() and not text[region.close + 1 : paragraph[1]].strip(" .،")
        previous = _previous_paragraph(ctx, paragraph[0])
        if whole and previous is not None and inner_words >= 4:
            prior = [f for f in (*found, *out) if previous[0] <= f.start < previous[1] and f.kind == "direct"]
            if prior and text[prior[-1].end : previous[1]].strip(" .،" + _ALL_MARKS) == "":
                out.append(
                    _Found(region.start, region.end, "direct", prior[-1].speaker, prior[-1].channel, region.open)
                )
    return out


#: Nouns before a colon that a list, a name or a written phrase follows ("ومن أشهر كتبه: «…»").
_NAMING_NOUNS = frozenset(normalize(w) for w in ["كتب", "مؤلفات", "أعمال", "عبارة", "وسم", "هاشتاق", "لافتة", "اسم"])


def _title_word(norm: str) -> bool:
    """كتاب، بعنوان، الشعار، عنوانه: a noun that a quoted name or title follows."""
    bare = norm.removeprefix("و").removeprefix("ب")
    return (
        norm in TITLE_NOUNS
        or bare.removeprefix("ال").removesuffix("ه") in _NAMING_NOUNS
        or bare.removeprefix("ال") in TITLE_NOUNS
        or bare.removesuffix("ه").removesuffix("ها") in TITLE_NOUNS
    )


def _colon_quotations(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "واختتم: «…»", "وأهداه التمثال: «…»": a quotation of several words after a colon that ends its
    sentence is someone's words even with no speech verb before it: the nearest speaker's. Not a
    title after its noun ("بعنوان: «…»", "شعار: «…»")."""
    text = ctx.text
    out = []
    for region in ctx.regions:
        before = region.open - 1
        while before >= 0 and text[before] in " \t\u0640":
            before -= 1
        if before < 0 or text[before] != ":":
            continue
        if any(f.start < region.close and region.open < f.end for f in found):
            continue
        if _token_count(text, region.start, region.end) < LONG_QUOTATION_WORDS or not _ends_sentence(ctx, region):
            continue
        s_start, _ = ctx.sentence_at(before)
        lead = _tokens(text, max(s_start, before - 80), before)
        comma = max((i for i, t in enumerate(lead) if not t.word and t.norm in "،,؛"), default=-1)
        clause = [t for t in lead[comma + 1 :] if t.word]
        if any(_title_word(t.norm) for t in clause[-3:]):
            continue
        speaker = None
        framed = [f for f in found if s_start <= f.anchor < before and f.speaker]
        if framed:
            speaker = framed[-1].speaker  # "وعبّر فلان عن حزنه لرحيله: «…»": a frame of its sentence
        elif not clause:
            pass  # "وعقب فلان، مقدم البرنامج، اليوم،: «…»": the frame is the whole sentence before
        elif len(clause) <= 4 and _verb_like(ctx, clause[0]):
            # "وتندر فلان الفلاني: «…»": the words after the verb name the speaker
            speaker_words, _ = _split_gap(ctx, clause[1:])
            cut = next((i for i, t in enumerate(speaker_words) if _not_name(t.norm)), len(speaker_words))
            speaker_words = speaker_words[:cut]  # "فأجاب فلان بطريقة عفوية", "لخّص حكاية صدورها"
            speaker = _speaker_string(ctx, speaker_words) if _subject_like(speaker_words) else None
        elif not (_verb_like(ctx, clause[-1]) or clause[-1].norm in SAYING_NOUNS or clause[-1].norm in _SAYING_LEADS):
            continue  # "ومن أشهر كتبه: «…»", "والثانية: «…»": no verb frames it
        speaker = speaker or ctx_speaker_before(found, region.open)
        if speaker is not None:
            out.append(_Found(region.start, region.end, "direct", speaker, None, region.open))
    return out


#: "وختم بالقول: «…»", "وخلص إلى القول: «…»"
_SAYING_LEADS = frozenset(normalize(w) for w in ["بالقول", "القول", "قائلا", "قائلاً"])
_NOT_VERB_WORDS = STOP_WORDS | NOT_SUBJECT | GAP_PREPOSITIONS | EDGE_WORDS | TIME_WORDS


def _not_name(norm: str) -> bool:
    """بسخرية، بطريقة، صدورها: an adverb with بـ or a noun with a pronoun, not part of a name."""
    return (norm[:1] == "ب" and len(norm) > 4) or norm.endswith(("ها", "هم"))


def _verb_like(ctx: _Context, tok: _Tok) -> bool:
    """Whether a word before a colon may be a verb ("وأجابت", "ويستطرد", "مستدركاً", "وتندر"): not a
    particle or a preposition, nor a noun by its form (the article ال, a final ة, a plural ات)."""
    norm = tok.norm
    bare = norm[1:] if norm[:1] in "وف" and len(norm) > 3 else norm
    written = ctx.text[tok.start : tok.end].rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    return (
        3 <= len(bare) <= 8
        and norm not in _NOT_VERB_WORDS
        and bare not in _NOT_VERB_WORDS
        and norm[1:] not in _NOT_VERB_WORDS  # ومن، وفي
        and not bare.startswith(("ال", "بال", "كال", "لل", "وال"))
        and not written.endswith(("ة", "ات"))
        and not bare.isdigit()
    )


#: The line that names a related story ("رابط الخبر بصحيفة الوئام: …", "اقرأ أيضا: …"): a headline.
_HEADLINE = re.compile(r"(?:رابط\s+الخبر[^:\n]{0,40}|اقرأ\s+أيض[اًا]+)\s*:")
HEADLINE_SPEAKER_WORDS = 6
#: A headline's or embedded tweet's words are a quote only when at least this share of its letters is Arabic.
MIN_ARABIC_SHARE = 0.5
#: The text of an embedded tweet, as a line: "… #وسم https://t.co/… — الحساب (@handle) March 25, 2020"
#: (group 1: where its hashtags, link and signature start).
_TWEET = re.compile(
    r"^[^\n—]+?(\s*(?:#\S+\s*)*(?:https?://\S+|pic\.twitter\.com/\S+)?\s*—[^\n—]*\(@\w+\)[^\n]*)$", re.M
)


def _headlines(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """A headline "المتحدث: …" (after "رابط الخبر …:" or "اقرأ أيضا:", or an embedded tweet's text):
    the speaker's words, direct, to the end of the line ("وزير الداخلية: الحكومة تعمل …", "الهيئة
    تعقب على «…»: …")."""
    text = ctx.text
    out = []
    lines = [(m.end(), ctx.paragraph_at(m.start())[1], m.start()) for m in _HEADLINE.finditer(text)]
    if "(@" in text and "\u2014" in text:  # what _TWEET needs, checked first: its lazy scan is slow
        lines += [(m.start(), m.start(1), m.start()) for m in _TWEET.finditer(text)]
    for lead_start, line_end, anchor in lines:
        colon = lead_start
        while True:
            colon = text.find(":", colon, line_end)
            if colon < 0 or ctx.region_containing(colon) is None:
                break
            colon += 1
        if colon < 0:
            continue
        lead = _tokens(text, lead_start, colon)
        words = [t for t in lead if t.word]
        start, end = _strip_span(text, colon + 1, line_end)
        if not 1 <= len(words) <= 10 or len(_WORD_RE.findall(text, start, end)) < 3:
            continue
        if arabic_ratio(text[start:end]) < MIN_ARABIC_SHARE:
            continue  # an English or Persian tweet embedded in the article is not reported Arabic speech
        if any(f.start < end and start < f.end for f in found):
            continue
        speaker_words = []
        for tok in lead:  # the name, up to a quotation or a preposition ("تعقب على فيديو «…»")
            if (not tok.word and tok.norm in _ALL_MARKS) or (tok.word and tok.norm in GAP_PREPOSITIONS):
                break
            if tok.word:
                speaker_words.append(tok)
            else:
                speaker_words = []  # "بالصور // عاصفة تضرب الأنبار .. داعش: …": after the topic
        speaker = _speaker_string(ctx, speaker_words[:HEADLINE_SPEAKER_WORDS])
        if speaker is not None and not _place(speaker):  # "ليبيا: …", "واشنطن: …" tag a place
            out.append(_Found(start, end, "direct", speaker, None, anchor))
    return out


SPEAKER_LINE_WORDS = 5
_LINE_LEAD = re.compile(f"[ \t]*((?:[{_WORD_CHARS}]+[ \t]+){{0,{SPEAKER_LINE_WORDS - 1}}}[{_WORD_CHARS}]+)[ \t]*:")


#: "… البيان التالي:": a statement follows (its issuer named before it: _ISSUING).
_STATEMENT_FOLLOWS = re.compile(r"(?:البيان|بيانا|بياناً)\s+(?:التالي|الآتي|الاتي)\s*:-?")
#: "صدر عن الديوان الملكي اليوم", "وكان الديوان قد أصدر أمس": the issuing, right before the statement.
_ISSUING = re.compile(r"(?:صدر|أصدر|اصدر)[^\n:]{0,60}$")
_ISSUER_SUBJECT = re.compile(r"([^\n:.]{2,50}?)\s+قد\s+(?:أصدر|اصدر)")
_ISSUER = re.compile(r"عن\s+(.{2,50}?)\s+(?:اليوم|أمس|امس|البيان|بيانا|بياناً)")
#: Paragraphs that still close such a statement ("حفظ الله سموه في سفره وإقامته").
_STATEMENT_CLOSINGS = ("حفظ", "والله", "إنا لله", "انا لله", "تغمد", "رحم")
_STATEMENT_HEADING = re.compile(r"[\s\"”“«»#]*بيان\s+من[^\n]{0,60}\n")


def _issued_statements(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "صدر عن الديوان الملكي اليوم البيان التالي: …": the statement that follows, with its closing
    prayer, is its issuer's words (a direct quote, channel بيان), though no verb of speech frames it."""
    text = ctx.text
    out: list[_Found] = []
    for match in _STATEMENT_FOLLOWS.finditer(text):
        lead_start = max(0, match.start() - 80)
        issuing = _ISSUING.search(text, lead_start, match.start())
        if issuing is None:
            continue
        start = _skip_space(text, match.end())
        heading = _STATEMENT_HEADING.match(text, start)
        if heading is not None:
            start = _skip_space(text, heading.end())
        first = next(((s, e) for s, e in ctx.paragraphs if s <= start < e or s >= start), None)
        if first is None:
            continue
        end = first[1]
        for p_start, p_end in ctx.paragraphs:
            if p_start > end and text[p_start:p_end].strip():
                if not text[p_start:p_end].strip().startswith(_STATEMENT_CLOSINGS):
                    break
                end = p_end
        start, end = _strip_span(text, start, end)
        if end - start < 20 or any(f.start < end and start < f.end for f in found):
            continue
        lead = text[lead_start : match.start()]
        issuer = _ISSUER.search(lead + match.group())
        subject = _ISSUER_SUBJECT.search(lead)
        speaker = issuer.group(1) if issuer else None
        if speaker is None and subject is not None:
            speaker = subject.group(1).split("\n")[-1].removeprefix("وكان").strip() or None
        out.append(_Found(start, end, "direct", speaker, "بيان", match.start()))
    return out


def _speaker_lines(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """A line of its own "أحمد موسى: الجيش المصري …" (a related headline) whose lead is someone the
    article quotes elsewhere: that speaker's words, direct, to the end of the line."""
    text = ctx.text
    speakers = {_speaker_key(f.speaker): f.speaker for f in found if f.speaker}
    speakers.pop("", None)
    out = []
    for p_start, p_end in ctx.paragraphs:
        lead = _LINE_LEAD.match(text, p_start, p_end)
        if lead is None:
            continue
        start, end = _strip_span(text, lead.end(), p_end)
        if len(_WORD_RE.findall(text, start, end)) < 3 or arabic_ratio(text[start:end]) < MIN_ARABIC_SHARE:
            continue
        if any(_is_trigger(word) for word in lead.group(1).split()) or _place(lead.group(1)):
            continue
        key = _speaker_key(lead.group(1))
        if len(key) < 3 or not any(key in other or other in key for other in speakers):
            continue
        if any(f.start < end and start < f.end for f in found):
            continue
        out.append(_Found(start, end, "direct", lead.group(1), None, lead.start(1)))
    return out


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    # (a dateline's "الأمم المتحدة - أ ف ب" is a place; a headline's "الأمم المتحدة: …" speaks)
    return frozenset(normalize(name) for name in PLACES if name != "الأمم المتحدة") | frozenset(country_names())


def _place(phrase: str) -> bool:
    """A country or a city that datelines name ("ليبيا", "واشنطن"): a headline's tag, not its speaker."""
    return normalize(phrase) in _place_names()


def _previous_paragraph(ctx: _Context, start: int) -> tuple[int, int] | None:
    previous = None
    for p_start, p_end in ctx.paragraphs:
        if p_start >= start:
            break
        if ctx.text[p_start:p_end].strip():
            previous = (p_start, p_end)
    return previous


#: Words of an outlet's name in marks after a tail ('حسب «رويترز»').
QUOTED_OUTLET_WORDS = 4


def _quoted_outlet(ctx: _Context, source_toks: list[_Tok]) -> str | None:
    """The source of a tail is a name in marks and nothing else ('لـ "رويترز"', '«رويترز»'): an outlet."""
    toks = source_toks[1:] if source_toks and source_toks[0].norm in ("ل", "لـ") else source_toks
    if len(toks) < 3 or toks[0].word or toks[-1].word:
        return None
    region = ctx.region_opening_at(toks[0].start)
    if region is None or region.close != toks[-1].start:
        return None
    words = [t for t in toks[1:-1] if t.word]
    if not 1 <= len(words) <= QUOTED_OUTLET_WORDS or len(words) != len(toks) - 2:
        return None
    return ctx.text[region.start : region.end]


def _tails(ctx: _Context, found: list[_Found]) -> list[_Found]:
    """ "…، وفق بيان للبيت الأبيض" and "وبحسب المصادر، فإن …": attribution of a whole clause."""
    text = ctx.text
    out = []
    for match in TAIL.finditer(text):
        if text[match.start() : match.start() + 3] == "كما" and (
            not _says(text, match.end())
            or text.startswith(("يقال", "قيل"), match.end())
            or _GODS_WORD.match(text, match.end()) is not None
        ):
            # كما without a speech verb after it (most of them), "كما يقال" (nobody's words) and
            # "كما قال الله تعالى: …" (a verse, which the guidelines leave unmarked): nothing to attribute
            continue
        s_start, s_end = ctx.sentence_at(match.start())
        if s_end <= match.start() or ctx.region_containing(match.start()) is not None:
            continue
        source_toks = _until_comma(_tokens(ctx.text, match.end(), s_end))
        dash = next((i for i, t in enumerate(source_toks) if not t.word and t.norm in _DASHES), None)
        if dash is not None:
            source_toks = source_toks[:dash]  # "- حسب ما أوردته صحيفة الصباح - «…»": the source ends there
        cut = next((i for i, t in enumerate(source_toks) if i and t.norm in ("فان", "ان", "بان")), None)
        if cut is not None:
            source_toks = source_toks[:cut]  # "ووفقا لبيان المركز فإن «…»": no comma before فإن
        words = [t for t in source_toks if t.word]
        if not words:
            continue
        lexicon = _lexicon()
        speaker: str | None
        channel: str | None = None
        head = words[0].norm
        verb = _is_trigger_at(text, words[0].start, words[0].end) or (head.endswith("ه") and head[:-1] in lexicon.forms)
        head_entry = lexicon.forms.get(head) or lexicon.forms.get(head[:-1]) or lexicon.forms.get(head[1:])
        if verb and head_entry is not None and head_entry[0] in NO_TAIL_LEMMAS:
            continue
        if text[match.start() : match.start() + 3] == "كما":
            # "…استراتيجية كما صرح بنفسه كيري": a speech verb after كما attributes the clause before
            # it (a كما that opens a statement of its own is a frame, found before)
            entry = lexicon.forms.get(head)
            lead = _WORD_RE.findall(text, s_start, match.start())
            if entry is None or entry[1] != "say" or len(lead) < 3 or lead[-1] in ("و", "ف"):
                continue
        if verb:  # حسبما ذكرت الوكالة
            speaker_words, channel_words = _split_gap(ctx, source_toks[1:])
            speaker = _speaker_string(ctx, speaker_words)
            channel = _channel_label(ctx, channel_words) if channel_words else None
        elif head in PRONOUN_SOURCES:
            speaker = ctx_speaker_before(found, match.start()) or ctx.last_speaker
        elif (
            head in SOURCE_HEADS
            or head.removeprefix("ل") in SOURCE_HEADS
            or head.removeprefix("لل") in {h.removeprefix("ال") for h in SOURCE_HEADS}
        ):
            speaker_words = words[:6]
            cut = next((i for i, w in enumerate(speaker_words) if w.norm in STOP_WORDS), len(speaker_words))
            speaker_words = speaker_words[:cut]
            phrase = _speaker_string(ctx, speaker_words) or ""
            first = normalize(phrase.split()[0]) if phrase else ""
            if first.removeprefix("ل") in ("بيان", "البيان"):
                channel = "بيان"
                owner = [w for w in phrase.split()[1:] if _norm(w) not in EDGE_WORDS]
                if owner:
                    owner[0] = _drop_lam(owner[0])
                speaker = " ".join(owner) or None
            else:
                words_out = phrase.split()
                words_out[0] = _drop_lam(words_out[0])
                speaker = " ".join(words_out)
                if first.startswith(("وكاله", "صحيفه", "قناه", "موقع", "لوكاله", "لصحيفه")):
                    channel = speaker
        elif (outlet := _quoted_outlet(ctx, source_toks)) is not None and not text[s_start : match.start()].strip(" و"):
            speaker = channel = outlet  # 'ووفقاً لـ "رويترز"، فإن …', 'وحسب «رويترز»، تشمل …' (opening the sentence)
        else:
            continue
        same_sentence = [f for f in found if s_start <= f.anchor < s_end]
        lead_text = text[s_start : match.start()]
        ended = _marked_before_tail(ctx, s_start, match.start())
        if ended is not None:
            holder = next((f for f in same_sentence if f.start <= ended[0] and ended[1] <= f.end), None)
            if head in PRONOUN_SOURCES or (
                holder is None
                and ("،" in text[ended[1] : match.start()] or "," in text[ended[1] : match.start()])
                and _word_count(text, s_start, ended[2]) <= TAIL_LEAD_WORDS
                and _word_count(text, ended[0], ended[1]) >= WHOLLY_MARKED_WORDS
            ):
                # '«لوحات الخزي هذه»، حسب تعبيره': the words in marks are the speaker's own (a frame
                # around them keeps its indirect quote); 'وشهدت حلب "اشتباكات عنيفة …"، بحسب المرصد':
                # a short lead of the writer's, then the source's words
                who = holder.speaker if holder is not None and holder.speaker else speaker
                out.append(_Found(ended[0], ended[1], "direct", who, channel, match.start()))
                ctx.framed.add(ended[2])
                continue
        if lead_text.rstrip().endswith(tuple(_DASHES)) and same_sentence:
            # "وقال فلان - حسب ما أوردته صحيفة … - «…»": a parenthetical inside the frame names its channel
            for f in same_sentence:
                if f.channel is None and channel is not None:
                    f.channel = channel
            continue
        if not lead_text.strip(" و،,") or (cut is not None and len(_WORD_RE.findall(lead_text)) <= 3):
            # "وبحسب المصادر، فإن …", "في المقابل ووفقا لبيان المركز فإن …"
            comma = source_toks[-1].end if source_toks else match.end()
            rest = _tokens(ctx.text, comma, s_end)
            index = 0
            while index < len(rest) and (not rest[index].word or rest[index].norm in ("فان", "ف", "ان")):
                index += 1
            if index >= len(rest):
                continue
            mark = rest[index - 1] if index and rest[index - 1].norm in _ALL_MARKS else None
            marked = _marked_content(ctx, mark, s_end) if mark is not None else None
            region = ctx.region_opening_at(mark.start) if mark is not None else None
            if marked is not None and marked[2] == "direct":
                start, end, kind = marked  # "ووفقا لبيان المركز فإن «…»": the source's own words
            elif (
                region is not None
                and not any(t.word for t in rest[:index])  # (not "فإن «…» في استئناف": one indirect quote)
                and _word_count(text, region.start, region.end) >= WHOLLY_MARKED_WORDS
            ):
                # "ولم يعرف، بحسب المرصد، «ما إذا كان …» الذين يقاتلون": the words in marks are the source's
                start, end, kind = region.start, region.end, "direct"
                ctx.framed.add(region.open)
            else:
                kind = "indirect"
                start, end = _strip_span(text, rest[index].start, _content_end(ctx, rest[index].start, s_end))
        else:
            kind = "indirect"
            start, end = _strip_span(text, s_start, match.start())
            first_word = _tokens(ctx.text, start, min(end, start + 20))
            if first_word and first_word[0].norm in ("و",):
                start = first_word[1].start if len(first_word) > 1 else start
        if any(f.start < end and start < f.end for f in same_sentence):
            # the clause is a frame's own content ("قال الوزير إن …، وفق بيان"): the tail names its channel
            for f in same_sentence:
                if f.channel is None and channel is not None:
                    f.channel = channel
            continue
        if kind == "indirect" and (end - start < 12 or (speaker is None and channel is None)):
            continue
        out.append(_Found(start, end, kind, speaker, channel, match.start()))
    return out


#: Words of the writer's own at most before a quotation that a tail attributes ("وشهدت حلب «…»، بحسب …").
TAIL_LEAD_WORDS = 6

_TAIL_GAP = " \t\u00a0،,-–—"


def _marked_before_tail(ctx: _Context, s_start: int, tail: int) -> tuple[int, int, int] | None:
    """The quotation that ends right before a tail (its content's start and end, and its opening
    mark): a closed one, or one opened in the sentence and never closed before the tail."""
    text = ctx.text
    position = tail
    while position > s_start and text[position - 1] in _TAIL_GAP:
        position -= 1
    if position <= s_start:
        return None
    if text[position - 1] in _ALL_MARKS:
        for region in ctx.regions:
            if region.close == position - 1 and region.open >= s_start:
                return (region.start, region.end, region.open) if region.end > region.start else None
        return None
    for mark in _MARK_RE.finditer(text, s_start, position):
        opening = mark.start()
        if any(r.open == opening or r.close == opening for r in ctx.regions):
            continue
        if opening + 1 < position and not text[opening + 1].isspace() and (opening == 0 or text[opening - 1].isspace()):
            start, end = _strip_span(text, opening + 1, position)
            if _MARK_RE.search(text, start, end) is None and end > start:
                return start, end, opening  # 'وشهدت … "اشتباكات … الفصائل، بحسب المرصد': never closed
        return None
    return None


def _drop_lam(word: str) -> str:
    """للبيت → البيت, لوزارة → وزارة (the preposition لـ glued to a source)."""
    if word.startswith("لل"):
        return "ال" + word[2:]
    if word.startswith("لـ"):
        return word[2:]
    if word.startswith("ل") and len(word) > 3 and not word.startswith("ال"):
        return word[1:]
    return word


def ctx_speaker_before(found: list[_Found], position: int) -> str | None:
    before = [f for f in found if f.anchor < position and f.speaker]
    return before[-1].speaker if before else None


#: A full stop right after a quotation mark, before whitespace: "…قانونية". وأضاف".
_MARK_STOP = re.compile(f"(?<=[{re.escape(_ALL_MARKS)}])[.!?؟]+(?=\\s)")


def _split_stray_marks(text: str, spans: list[tuple[int, int]], regions: Sequence[_Region]) -> list[tuple[int, int]]:
    """A full stop (or an ellipsis, "«…».. وأضاف") after a closing mark that no quotation (as paired
    here) holds ends the sentence: the splitter pairs ASCII marks in order, so a stray closing mark
    ("…قانونية". وأضاف البيان أنه "…") hides the full stop after it inside a "quotation" that runs
    to the next mark, and it never cuts at "..", which many writers put after a quotation."""
    out = spans
    for stop in _MARK_STOP.finditer(text):
        dot, cut = stop.start(), stop.end()
        if any(r.open < dot < r.close for r in regions):
            continue
        index = bisect_right([s for s, _ in out], dot) - 1
        if index < 0 or not out[index][0] < cut < out[index][1]:
            continue
        start, end = out[index]
        after = _skip_space(text, cut)
        out = [*out[:index], (start, cut), (after, end), *out[index + 1 :]]
    return out


def _sentences(text: str, regions: Sequence[_Region] = ()) -> list[tuple[int, int]]:
    """``split_sentences``, except that a "sentence" of a few words with a speech verb, ending in a
    short word and a full stop, runs on: "وقالت لورا إيه. كولانجيلو …" names someone by an initial;
    a full stop glued to the next word ends a sentence, and so does one after a stray closing mark."""
    spans = split_sentences(text)
    if "." in text and regions:
        spans = _split_stray_marks(text, spans, regions)
    out: list[tuple[int, int]] = []
    for span in spans:
        if out:
            start, end = out[-1]
            piece = text[start:end] if end - start < 60 and text[end - 1] == "." else ""
            words = _WORD_RE.findall(piece) if piece else []
            if (
                2 <= len(words) <= 4
                and len(words[-1]) <= 3
                and text[end : span[0]].strip() == ""
                and "\n" not in text[end : span[0]]
                and any(_is_trigger(word) for word in words[:2])
            ):
                out[-1] = (start, span[1])
                continue
        out.append(span)
    return out


#: "…، وأن «" inside an indirect complement: a coordinated complement that opens with a mark.
_COORDINATED_MARK = re.compile(r"(?:[،,]\s*و(?:أن|إن|ان)(?:ه|ها|هم)?|\s+بقول(?:ه|ها|هم|هما)\s*:?)\s*(?=[«“\"])")


def _coordinated_quotation(ctx: _Context, item: _Found) -> list[_Found]:
    """ "مشيرا إلى أن القيادة عليها اتخاذ إجراءات، وأن “المفاوضات لن تعيد الشهداء”": the second,
    coordinated complement wholly in marks to the end of the statement is the speaker's own words, a
    direct quote after the indirect one; so are the words in marks after بقوله that end it ("أشارت إلى
    أن محادثاتها شملت دور بلاده بقولها «…»")."""
    if item.kind != "indirect":
        return [item]
    text = ctx.text
    for match in _COORDINATED_MARK.finditer(text, item.start, item.end):
        region = ctx.region_opening_at(match.end())
        if region is None or region.close < item.end - 2 or text[region.close + 1 : item.end].strip(" .،,"):
            continue
        if _word_count(text, region.start, region.end) < WHOLLY_MARKED_WORDS:
            continue
        start, end = _strip_span(text, item.start, match.start())
        if end - start < 8:
            continue
        first = _Found(start, end, "indirect", item.speaker, item.channel, item.anchor)
        return [first, _Found(region.start, region.end, "direct", item.speaker, item.channel, item.anchor)]
    return [item]


def _by_paragraph(text: str, item: _Found) -> list[_Found]:
    """A direct quotation of several paragraphs (each reopened with a mark) is one quote a paragraph."""
    if item.kind != "direct" or text.find("\n", item.start, item.end) < 0:
        return [item]
    pieces = []
    position = item.start
    for line in text[item.start : item.end].split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        while start < end and (text[start].isspace() or text[start] in _ALL_MARKS):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _ALL_MARKS):
            end -= 1
        if end > start:
            pieces.append(_Found(start, end, "direct", item.speaker, item.channel, item.anchor))
    return pieces


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def extract_quotes(article_id: str, text: str, title: str | None = None) -> list[Quote]:
    """Direct and indirect quotes of ``text``, in order; ``text[q.start:q.end]`` is the content.
    ``title``, when given, only names an interview's interviewee that the text does not name."""
    if not text:
        return []
    regions = _quote_regions(text) if _MARK_RE.search(text) else []
    ctx = _Context(text, regions, _sentences(text, regions), _paragraphs(text))
    found = _scan_frames(ctx)
    found.extend(_quote_first(ctx, found))
    if ":" in text and regions:
        found.extend(_colon_quotations(ctx, found))
    if "رابط" in text or "اقرأ" in text or "(@" in text:
        found.extend(_headlines(ctx, found))
    if ":" in text and found:
        found.extend(_speaker_lines(ctx, found))
    found.extend(_tails(ctx, found))
    found = [piece for item in found for piece in _by_paragraph(text, item)]
    if "التالي" in text or "الآتي" in text:
        found.extend(_issued_statements(ctx, found))  # (one quote over its paragraphs, with its closing prayer)
    if regions:
        found = [piece for item in found for piece in _coordinated_quotation(ctx, item)]
    found.sort(key=lambda f: (f.start, f.end))
    quotes: list[Quote] = []
    for item in found:
        if any(q.kind == item.kind and item.start < q.end and q.start < item.end for q in quotes[-3:]):
            continue  # overlapping frames of one kind: keep the first
        if _WEB_ADDRESS.match(text, item.start, item.end):
            continue  # "على الرابط:http://…", "على الرابط : http://… , ولإرسال …": an address, nobody's words
        quotes.append(Quote(article_id, item.start, item.end, item.kind, item.speaker, None, item.channel))
    if regions:
        quotes = _rescore_regions(article_id, ctx, quotes)
    if ctx.unsaid:  # a proverb, the writer's own opinion: whichever rule took the quotation after it
        unsaid = [r for r in regions if r.open in ctx.unsaid]
        quotes = [q for q in quotes if not any(r.start <= q.start and q.end <= r.end for r in unsaid)]
    if "تعالى" in text or "الحديث" in text or "عليه" in text or "رسول" in text or "النبي" in text:
        quotes = [q for q in quotes if q.kind != "direct" or not _SCRIPTURE.search(text, max(0, q.start - 60), q.start)]
    if ":\n" in text or ": \n" in text:
        quotes = _verses(text, quotes)
    if text.count("؟") + text.count("?") >= INTERVIEW_MIN_ANSWERS and any(hint in text for hint in _INTERVIEW_HINTS):
        quotes = _interview(article_id, text, quotes, title)
    if regions and ("صف" in text or "عرف" in text):
        quotes = _descriptions(article_id, ctx, quotes)
    return quotes


#: A verb of describing or defining, then its object (and subject), then بأنه/بـ and the words it
#: was called, in marks: "واصفا ما حصل بأنه «جريمة حرب»", "ووصفت لاجارد الولايات المتحدة بـ«اللاعب
#: القوي»", "يعرفه إكمان بأنه «…»". Defining only with an object pronoun and a subject after it (not
#: "يعرف بـ«الشبيحة»": what something is known as).
_DESCRIBE_VERB = re.compile(
    "(?<![\u0621-\u064a\u0640])[وف]?(?:(?:وصف|وصفت|وصفوا|يصف|تصف|يصفون|نصف)(?:ه|ها|هم|هما)?"
    "|وصفته|وصفتها|وصفتهم|واصف[اًةين]{1,3}|(?:يعرف|تعرف|عرف|عرفت)(?:ه|ها))"
    "(?![\u0621-\u064a\u0640])"
)
_DESCRIBED_AS = re.compile(r"(?:^|\s)(?:ب[أا]ن(?:ه|ها|هم|هما)|بـ|ب)\s*$")
#: First words after وصف that make it no description: itself ("يصف نفسه بـ«…»": a name for itself) or
#: what the noun وصف is of ("ووصفه لما حدث بأنه …").
_DESCRIPTION_OF = frozenset(["نفسه", "نفسها", "نفسهم", "أنفسهم", "لما", "لهذا", "لذلك", "له", "لها", "لهم"])
_KNOWN_AS = frozenset(normalize(w) for w in ["يعرف", "يسمى", "المعروف", "المسمى", "تسمى", "يطلق", "تعرف"])
_NOUN_BEFORE = frozenset(normalize(w) for w in ["عن", "على", "من", "في", "إلى", "معرض", "بعد", "قبل", "خلال", "رفض"])
DESCRIBED_WORDS = 12  # words at most between the verb and its بأنه/بـ
DESCRIPTION_MAX_WORDS = 15  # a description is short; a longer quotation is the frames' business


def _descriptions(article_id: str, ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """What a speaker called something, in marks after "وصف … بأنه/بـ" and its participle
    (واصفاً، واصفين): a direct quote, even of one or two words, which the frames leave to the region
    scorer (a quotation there needs three words). The speaker: the subject after an object pronoun
    ("يصفه اليهود بأنه «…»"); else the words after a finite verb that a previous speaker shares
    ("ووصفت لاجارد الولايات المتحدة بـ«…»" after her own quotes); else a subject written before a
    verb with no و ("لكن نتنياهو وصف …"); else the speaker of the quote before it (a participle's
    subject: "واصفاً ما حصل بأنه «…»"); else nobody."""
    text = ctx.text
    added: list[Quote] = []
    for match in _DESCRIBE_VERB.finditer(text):
        word = match.group()
        if word[0] in "وف" and _DESCRIBE_VERB.fullmatch(word[1:]):
            word = word[1:]  # ووصف، فوصفه (not the و of وصف itself)
        region = None
        for candidate in ctx.regions:
            if candidate.open > match.end() and candidate.close < len(text):
                region = candidate
                break
        if region is None:
            continue
        between = text[match.end() : region.open]
        if any(c in between for c in ".؟!\n") or _word_count(text, match.end(), region.open) > DESCRIBED_WORDS:
            continue
        lead = _DESCRIBED_AS.search(between)
        if lead is None:
            continue  # "وصف الاتفاق «…»": no بأنه/بـ before the marks
        gap = between[: lead.start()]
        gap_words = _WORD_RE.findall(gap)
        if not gap_words:
            continue  # "وُصف بـ«المتخصص»": passive, or what it is known as
        if gap_words[0] in _DESCRIPTION_OF or gap_words[0].startswith("لل"):
            continue  # "التنظيم الذي يصف نفسه بـ«…»": its name for itself; "ووصفه لما حدث": a noun
        if any(_trigger_word(w) for w in gap_words) or ctx.region_containing(match.start()) is not None:
            continue
        if any(_norm(w) in _KNOWN_AS for w in gap_words) or _word_before(text, match.start()) in _NOUN_BEFORE:
            continue  # "… أو ما يعرف بـ«داعش»": a name; "عن وصف جثة الطفلة بـ«…»": وصف a noun
        words = _word_count(text, region.start, region.end)
        if not 1 <= words <= DESCRIPTION_MAX_WORDS:
            continue
        if any(_half_overlap(region.start, region.end, q.start, q.end) for q in quotes if q.kind == "direct"):
            continue
        pronoun = word.endswith(("ه", "ها", "هم", "هما")) and not word.startswith("واصف")
        if word.startswith(("يعرف", "تعرف", "عرف")) and not pronoun:
            continue
        speaker: str | None = None
        gap_toks = _tokens(text, match.end(), match.end() + lead.start())
        if pronoun:  # (the frames' own split: the subject, without "في …"، "أمس" or a channel)
            speaker = _speaker_string(ctx, _split_gap(ctx, gap_toks)[0])
        if speaker is None and not pronoun and not word.startswith("واصف"):
            toks = [t for t in gap_toks if t.word]
            known = _known_prefix(ctx, toks)
            if len(known) < len(toks):  # "ووصفت لاجارد الولايات المتحدة بـ«…»" after her own words
                speaker = _speaker_string(ctx, known)
        if speaker is None and word[0] not in "وف" and not word.startswith("واصف"):
            speaker = _subject_before(ctx, match.start(), ctx.sentence_at(match.start())[0])  # "لكن نتنياهو وصف"
        if speaker is None:
            before = [q for q in quotes if q.start < match.start() and q.speaker]
            speaker = before[-1].speaker if before else None
        added.append(Quote(article_id, region.start, region.end, "direct", speaker, None, None))
    return sorted([*quotes, *added], key=lambda q: (q.start, q.end)) if added else quotes


#: Words of a frame that introduces a song's or a poem's own lines ("وتقول كلمات الأغنية:").
_LYRICS_FRAME = re.compile("كلمات|أغنية|الأغنية|الاغنية|أبيات|ابيات|القصيدة|الأنشودة|الانشودة")
VERSE_LINE_WORDS = 10  # a line of verse is short
VERSE_LINES = 3  # lines of verse at least, for a block of them
_VERSE_SEPARATOR = re.compile(r"[\s.…*()\u00a0]*")
_NOT_VERSE = re.compile(r"\s*(?:[-–•*]|\d|\(\d)")  # a list's points, numbered paragraphs
_SITE_TAGS = re.compile(r"\s+سمات\s")  # a site's tag list glued to the last line ("… سمات اغنية …")


def _verse_block(text: str, start: int) -> int | None:
    """The end of the verse lines from ``start`` (a line's first character), or None when fewer
    than ``VERSE_LINES`` short lines follow one another there. A line that ends a sentence (".",
    "!", "؟") ends the block: prose, or the poem's last line."""
    position, end, lines = start, start, 0
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end]
        tags = _SITE_TAGS.search(line)
        kept = line[: tags.start()] if tags else line.rstrip()
        if _VERSE_SEPARATOR.fullmatch(line):
            position = line_end + 1
            continue
        if _NOT_VERSE.match(line) or len(_WORD_RE.findall(kept)) > VERSE_LINE_WORDS or kept.endswith(":"):
            break
        lines += 1
        end = position + len(kept)
        if tags or kept.endswith((".", "!", "؟", "?")):
            break
        position = line_end + 1
    return end if lines >= VERSE_LINES else None


def _verses(text: str, quotes: list[Quote]) -> list[Quote]:
    """A direct quote on the line after a colon that ends its line, opening several short lines: a
    song's lyrics ("وتقول كلمات الأغنية:", "التي تقول أبياتها:") are one quote over all its lines; a
    poet's verse ("قال بشار بن برد:") is not marked, as the guidelines have poems."""
    out: list[Quote] = []
    lyrics_end = -1  # the end of the last song extended over its lines: its lines quote nothing else
    for quote in quotes:
        if quote.kind == "direct" and quote.start < lyrics_end:
            continue
        colon = text.rfind(":", max(0, quote.start - 8), quote.start)
        if quote.kind != "direct" or colon < 0 or "\n" not in text[colon : quote.start]:
            out.append(quote)
            continue
        end = _verse_block(text, text.rfind("\n", colon, quote.start) + 1)
        if end is None or end < quote.end:
            out.append(quote)
            continue
        frame = text[max(0, text.rfind("\n", 0, colon) + 1, colon - 80) : colon]
        if _LYRICS_FRAME.search(frame):
            out.append(replace(quote, end=end))
            lyrics_end = end
    return out


#: A verse or a hadith ("قال تعالى: «…»", "جاء في الحديث: «…»", "فقال عليه الصلاة والسلام: …"): the
#: guidelines leave them unmarked, whoever quotes them.
_SCRIPTURE = re.compile(
    r"(?:تعالى|عز\s+وجل|سبحانه|الحديث|الشريف|صلى\s+الله\s+عليه\s+وسلم|عليه\s+الصلاة\s+والسلام|عليه\s+السلام"
    # (and the Prophet named without an honorific: "فقال رسول الله: «…»", "فقال له النبي: «…»")
    r"|رسول\s+الله|النبي|الرسول)"
    # (and where: "ويقول الله ــ سبحانه وتعالى ــ في سورة الأنعام «…»")
    r"(?:[\s\u0640]*(?:في\s+)?(?:سورة|آية|الآية)(?:\s+[\u0621-\u064a]+){1,2})?"
    # (and "حديث للرسول صلى الله عليه وسلم يقول فيه: «…»")
    r"(?:\s+(?:يقول|قال)(?:\s+فيه)?)?"
    r"[\s\u0640]*[:،,]?[\s\u0640]*[«\"“”(]?[\s]*$"
)


# --- interviews (question and answer) -------------------------------------------------------------

#: A cheap gate: an interview's intro names itself ("وكان هذا الحوار:"، "حاوره:"، "التقت «سبق» …"،
#: "في هذا اللقاء"، "ضيفنا هو …"); without one of these words no interview is looked for.
_INTERVIEW_HINTS = ("حوار", "حاور", "لقاء", "التق", "ضيف")
_INTERVIEW_MARKER = re.compile(r"حوار|حاور|لقاء|التقت|التقى|التقينا|ضيفنا|ضيفتنا|ضيف\s")
INTERVIEW_MIN_ANSWERS = 3  # question-and-answer pairs at least, of one style
INTERVIEW_QUESTION_WORDS = 70  # a question is at most this long
INTERVIEW_PERIOD_QUESTION_WORDS = 25  # a question that ends with a full stop ("- حدثنا عن …. جواب")

#: A question's bullet, by style: its first characters ("* سؤال؟ - جواب", "• سؤال؟ •• جواب",
#: "- سؤال؟ جواب", "س: سؤال؟ ج: جواب"); "line" is a question alone on its line, with no bullet.
_SPACE = "[ \t\u00a0\u200b\u200f\u200e]"
_QUESTION_STYLES: dict[str, str] = {
    "star": r"\*{1,3}",
    "dot": r"•",
    "circle": r"●",
    "sub": "\x1a",
    "dash": r"[-–—]",
    "sq": r"س" + _SPACE + r"*[:/]",
}
#: A question's bullet (the character before it, a space or the text's start, is checked apart: a
#: leading look-behind would cost the scan its fast skip to the bullet characters).
_QUESTION = re.compile(
    "|".join(f"(?P<{style}>(?:{bullet}){_SPACE}*(?=[^\\s*•●\x1a\\-–—]))" for style, bullet in _QUESTION_STYLES.items())
)
#: A question alone on its line, with no bullet.
_QUESTION_LINE = re.compile(r"\n" + _SPACE + r"*(?=[^\s*•●\x1a\-–—ـ=][^\n]{2,400}?[؟?]" + _SPACE + r"*\n)")


def _question_starts(text: str) -> list[tuple[int, str, int]]:
    """(start, style, body start) of each bullet that may open a question, and of each line that
    ends with a question mark, in order."""
    found = [
        (m.start(), m.lastgroup or "", m.end())
        for m in _QUESTION.finditer(text)
        if m.start() == 0 or text[m.start() - 1].isspace() or text[m.start() - 1] == "\u200b"
    ]
    found.extend((m.start() + 1, "line", m.end()) for m in _QUESTION_LINE.finditer(text))
    return sorted(found)


_QUESTION_BODY = re.compile(r"(?:(?!\s[-–—]\s)[^\n؟?*•●\x1a]){2,500}?[؟?]")  # (not across an answer's dash)
_MORE_QUESTION = re.compile(_SPACE + r"*[^\n.!؟?*•●\x1a]{1,160}?[؟?]")
_ANSWER_BULLET = re.compile(r"(?:[\s\u200b]|[-–—ـ=•●\x1a]|ج" + _SPACE + r"*[:/])*")
_SENTENCE_END_BEFORE = re.compile(r"(?:^|[.!؟?:…\n])[\s\u200b]*$")
_PERIOD_END = re.compile(r"(?<!\.)\.(?!\.)" + _SPACE)
_INTERVIEWEE = re.compile(
    r"(?:التقت|التقى|التقينا|حاورت|حاورنا|الحوار\s+مع|حوار\s+مع|حوارنا\s+مع|حواره\s+مع|اللقاء\s+مع|لقاء\s+مع"
    r"|الحوار\s+التالي\s+مع|هذا\s+الحوار\s+مع|ضيفنا\s+(?:هو|اليوم)?)\s*[:،]?\s*"
    r"(?:ب(?=[\u0627\u0623\u0625]))?([^،,.:؛;\n()]{2,80})"
)
_NAME_STOPS = frozenset(
    normalize(w)
    for w in [
        "الذي",
        "التي",
        "في",
        "على",
        "حول",
        "عن",
        "بعد",
        "قبل",
        "خلال",
        "وكان",
        "فكان",
        "وأجرت",
        "وأجرى",
        "العديد",
        "وتناول",
        "هذا",
        "و",
        "ل",
        "لـ",
        "من",
        "بمناسبة",
        "عبر",
        "ضمن",
        "أثناء",
        "حيث",
        "أن",
        "إن",
        "أنه",
        "إنه",
        "بأن",
        "إلى",
    ]
)
_NAME_PRONOUNS = frozenset(normalize(w) for w in ["معه", "معها", "معهم", "معهما", "به", "بها", "هو", "هي"])
_TITLE_SPEAKER = re.compile(
    r"^\s*[\"«“']?([^:\"«»“”'{}]{2,60}?)[\"»”']?(?:\s+(?:لـ|ل(?=[\"«“{(ل]|ال))\s*[^:]{1,30}?)?\s*:"
)


class _Answer(NamedTuple):
    start: int  # the question's start
    answer_start: int
    answer_end: int


def _question_end(text: str, start: int, style: str) -> int | None:
    """The end of the question that starts at ``start`` (after its bullet): its last "؟", taking in
    the short questions right after it ("… ذلك؟ وفي أي المجالات؟"); None when there is none."""
    if style == "line":
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        end = len(text[:end].rstrip(" \t\u00a0\u200b"))
        return end if text[end - 1 : end] in ("؟", "?") else None
    m = _QUESTION_BODY.match(text, start)
    if m is None:
        return None
    end = m.end()
    while (more := _MORE_QUESTION.match(text, end)) is not None and _word_count(text, end, more.end()) <= 20:
        end = more.end()
    return end


def _interview_answers(text: str) -> list[_Answer]:
    """The question-and-answer pairs of the dominant style, in order; empty when fewer than
    ``INTERVIEW_MIN_ANSWERS`` pairs have an answer."""
    by_style: dict[str, list[tuple[int, int]]] = {}
    for q_start, style, start in _question_starts(text):
        if style == "dash" and not _SENTENCE_END_BEFORE.search(text, max(0, q_start - 40), q_start):
            continue  # a dash inside a sentence ("… ولن تتأثر - بإذن الله -، …")
        end = _question_end(text, start, style)
        if style == "line" and end is not None and (":" in text[start:end] or _word_count(text, start, end) < 4):
            continue  # a narrated dialogue's line ("فعاد يسأل مستفسرا: ماذا به؟"), a heading ("من يعلق الجرس؟")
        if end is not None and _word_count(text, start, end) <= INTERVIEW_QUESTION_WORDS:
            by_style.setdefault(style, []).append((q_start, end))
        elif style == "dash":
            by_style.setdefault("dash?", []).append((q_start, -1))
    best: list[_Answer] = []
    for style, found in by_style.items():
        if style == "dash?" or len(found) < INTERVIEW_MIN_ANSWERS:
            continue
        questions = sorted(found + (by_style.get("dash?", []) if style == "dash" else []))
        answers = _pair_answers(text, questions, style)
        if len(answers) >= INTERVIEW_MIN_ANSWERS and len(answers) > len(best):
            best = answers
    return best


def _pair_answers(text: str, questions: list[tuple[int, int]], style: str) -> list[_Answer]:
    """Each question's answer: the text after it up to the next question. A dash segment with no
    "؟" in a run of dash questions is a question that ends with a full stop ("- حدثنا عن تجربتك.
    جواب"), from the first question on (or right after the intro's colon)."""
    first_asked = next((q for q, end in questions if end >= 0), len(text))
    resolved: list[tuple[int, int]] = []
    for q_start, q_end in questions:
        if q_end < 0:
            bullet = _QUESTION.match(text, q_start)
            body = bullet.end() if bullet else q_start + 1
            colon_before = text.rfind(":", max(0, q_start - 20), q_start) >= 0
            if q_start < first_asked and not colon_before:
                continue
            stop = _PERIOD_END.search(text, body, body + 400)
            if stop is None or _word_count(text, body, stop.start()) > INTERVIEW_PERIOD_QUESTION_WORDS:
                continue
            q_end = stop.start() + 1
        resolved.append((q_start, q_end))
    answers: list[_Answer] = []
    for (q_start, q_end), following in zip(resolved, [*resolved[1:], (len(text), len(text))], strict=True):
        bullet = _ANSWER_BULLET.match(text, q_end, following[0])
        a_start = bullet.end() if bullet else q_end
        a_end = following[0]
        if style == "dash" and any(c in "-–—" for c in text[q_end:a_start]):
            continue  # "- سؤال؟ - جواب" under dash questions: a dialogue's lines, each with its dash
        if a_end <= a_start or _word_count(text, a_start, a_end) < 2:
            continue  # a question right after a question: a list of questions, no answer
        if text[a_start:a_end].rstrip(" \t\n\u00a0\u200b.").endswith(("؟", "?")) and "\n" not in text[a_start:a_end]:
            continue  # the "answer" is one more question
        answers.append(_Answer(q_start, a_start, a_end))
    return answers


def _answer_pieces(text: str, answer: _Answer) -> list[tuple[int, int]]:
    """The answer's paragraphs, without bullets, surrounding spaces and the closing full stop; a
    short last line with no closing mark before the next question is a section heading, not said."""
    pieces: list[tuple[int, int]] = []
    position = answer.answer_start
    while position < answer.answer_end:
        line_end = text.find("\n", position, answer.answer_end)
        line_end = answer.answer_end if line_end < 0 else line_end
        bullet = _ANSWER_BULLET.match(text, position, line_end)
        start = bullet.end() if bullet else position
        end = line_end
        while end > start and text[end - 1] in " \t\u00a0\u200b\u200f.":
            end -= 1
        if end > start and _word_count(text, start, end) >= 2:
            pieces.append((start, end))
        position = line_end + 1
    if len(pieces) > 1:
        last_start, last_end = pieces[-1]
        closed = (
            text[last_end : answer.answer_end].lstrip(" \t\u00a0\u200b\u200f")[:1] == "."
            or text[last_end - 1] in '!؟?»"”)'
        )
        if not closed and _word_count(text, last_start, last_end) <= 6:
            pieces.pop()
    return pieces


def _named_interviewee(text: str, intro_end: int) -> str | None:
    """The name after التقت / الحوار مع / ضيفنا in the intro ("«سبق» التقت زلاتكو، المدرب …")."""
    for m in _INTERVIEWEE.finditer(text, max(0, intro_end - 1500), intro_end):
        if _MARK_RE.match(text, m.start(1)):
            continue  # an outlet in marks ("في حوار مع «عكاظ» إن …"), not the one who answers
        name: list[str] = []
        for word in _MARK_RE.sub(" ", m.group(1)).split()[:5]:
            norm = normalize(word)
            if norm in _NAME_STOPS or (name and norm.startswith("و")) or (not name and norm in _NAME_PRONOUNS):
                break  # (a conjunction after the name: "التقت فتى بولندا وغاصت معه")
            name.append(word)
        if name:
            return " ".join(name)
    return None


def _interviewee(
    text: str, intro_end: int, quotes: Sequence[Quote], title: str | None
) -> tuple[str, str | None] | None:
    """Who answers, and the channel. The name the title credits ("زلاتكو لـ«سبق»: …") or, else, the
    intro names after التقت / الحوار مع / ضيفنا, in the fuller form of an intro quote's speaker
    when one matches it ("أعرب المدرب زلاتكو داليتش في حديث لـ«سبق» عن …"); with no such name, the
    speaker most quoted in the intro. None when none is found."""
    intro = [q for q in quotes if q.end <= intro_end and q.speaker and len(q.speaker.split()) <= 12]
    ranked = sorted(intro, key=lambda q: -sum(speakers_match(q.speaker, o.speaker) for o in intro))

    def channel_of(speaker: str) -> str | None:
        return next((o.channel for o in intro if o.channel and _speakers_compatible(speaker, o.speaker or "")), None)

    named = None
    if title and (m := _TITLE_SPEAKER.match(title)) is not None:
        words = _MARK_RE.sub(" ", m.group(1)).split()
        named = " ".join(words) if 1 <= len(words) <= 5 else None
    named = named or _named_interviewee(text, intro_end)
    if named:
        key = _speaker_key(named)
        fuller = next((q.speaker for q in ranked if q.speaker and key in _speaker_key(q.speaker)), None) or next(
            (q.speaker for q in ranked if q.speaker and _speakers_compatible(named, q.speaker)), None
        )  # ("وزير لبناني" in the title, "وزير العمل اللبناني سجعان قزي" in the intro)
        return (fuller or named), channel_of(fuller or named)
    if ranked and ranked[0].speaker:
        return ranked[0].speaker, channel_of(ranked[0].speaker)
    return None


def _interview(article_id: str, text: str, quotes: list[Quote], title: str | None) -> list[Quote]:
    """Each answer of a question-and-answer interview as a direct quote by the interviewee: a run of
    at least three questions of one style ("- سؤال؟ جواب"، "* سؤال؟ - جواب"، a question on its own
    line) after an intro that names the interview (حوار، حاوره، التقت، لقاء، ضيفنا). Quotes already
    found inside the answers (the interviewee quoting someone) stay; a question list with no
    answers, or no interviewee, gives nothing."""
    answers = _interview_answers(text)
    if not answers:
        return quotes
    intro_end = answers[0].start
    if not _INTERVIEW_MARKER.search(text, 0, intro_end) and not (title and _INTERVIEW_MARKER.search(title)):
        return quotes
    who = _interviewee(text, intro_end, quotes, title)
    if who is None:
        return quotes
    speaker, channel = who
    added = [
        Quote(article_id, start, end, "direct", speaker, None, channel)
        for answer in answers
        for start, end in _answer_pieces(text, answer)
        if not any(q.kind == "direct" and _half_overlap(start, end, q.start, q.end) for q in quotes)
    ]
    return sorted([*quotes, *added], key=lambda q: (q.start, q.end)) if added else quotes


# --- the learned region scorer ---------------------------------------------------------------------


def _half_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Overlap of at least half the longer span (the eval's match)."""
    longer = max(a_end - a_start, b_end - b_start)
    return longer > 0 and min(a_end, b_end) - max(a_start, b_start) >= 0.5 * longer


def _rescore_regions(article_id: str, ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """Let the learned scorer (``akhbar.models.quote_regions``) overrule the rules on quotation
    regions: drop a direct quote whose region is most likely a title, a name or a scare quote; add a
    region that is most likely someone's words and that no quote covers, with the speaker of the
    nearest quote before it. A region is scored only when its score can change something."""
    text = ctx.text
    drop_below, add_above = default_scorer().drop_below, default_scorer().add_above
    out = list(quotes)
    named: list[_Region] = []  # regions judged names or titles, for lists of them ("«…»، و«…»")
    for region in ctx.regions:
        matched = [q for q in out if q.kind == "direct" and _half_overlap(q.start, q.end, region.start, region.end)]
        words = _word_count(text, region.start, region.end)
        if matched:
            if (
                words <= LONG_QUOTATION_WORDS  # quotations are longer
                and not _after_complementizer(text, region)  # "وصفه بأنه «شر مطلق»": the rules' own frame
                and region.open not in ctx.framed  # "«…» هذا ما قاله", "وانتقد الأسد «…»": the same
                and ctx.region_score(region) < drop_below
            ):
                out = [q for q in out if q not in matched]
                named.append(region)
        elif (
            words > 1  # one word in marks is a name or a scare quote (none scored above 0.45 in 3,000 articles)
            and region.open not in ctx.unsaid  # a proverb, the writer's own opinion
            and not any(q.start < region.end and region.start < q.end for q in out)
            and not _names_region(text, region, named)
            and ctx.region_score(region) > add_above
        ):
            # the speaker of the nearest quote before it, in its paragraph or the one before
            before = [q for q in out if q.start < region.start and q.speaker]
            nearest = max(before, key=lambda q: q.start) if before else None
            near = nearest is not None and text.count("\n", nearest.start, region.start) <= 2
            speaker = nearest.speaker if near and nearest is not None else None
            out.append(Quote(article_id, region.start, region.end, "direct", speaker, None, None))
        else:
            named.append(region)
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _scored_name(ctx: _Context, region: _Region) -> bool:
    """A short quotation that the learned scorer reads as a name or a title ("لشركة «إم بي إم»"):
    the frame's complement comes after it ("…، إن السوق تتحسن")."""
    text = ctx.text
    if _word_count(text, region.start, region.end) > LONG_QUOTATION_WORDS or _after_complementizer(text, region):
        return False
    return ctx.region_score(region) < default_scorer().drop_below


def _after_complementizer(text: str, region: _Region) -> bool:
    """ "بأنه «…»", "إن «…»": the region is the whole complement of a that-clause."""
    word = _word_before(text, region.open)
    return word is not None and _norm(word) in COMPLEMENTIZERS


def _names_region(text: str, region: _Region, named: Sequence[_Region]) -> bool:
    """What the rules know of titles, kept above the scorer: a work or naming noun among the three
    words before ("ومن أشهر كتبه: «…»", "بفضائية «…»"), a preposition that no speech verb governs
    ("عن المشاورات في «…»"), or the next item of a list of names ("مسرحية «…»، وغدا «…»")."""
    before = _tokens(text, max(0, region.open - 40), region.open)
    if sum(t.word for t in before) < 4 and region.open > 40:  # (a short window's first word may be cut)
        before = _tokens(text, max(0, region.open - 80), region.open)
    words = [t for t in before if t.word][-3:]
    if any(_title_word(t.norm) for t in words) or (words and _names_follow(words[-1].norm)):
        return True
    governed = len(words) > 1 and _is_trigger(text[words[-2].start : words[-2].end])
    if words and words[-1].norm in GAP_PREPOSITIONS and before[-1] is words[-1] and not governed:
        return True
    if named and text[named[-1].close + 1 : region.open].count(" ") <= 3:
        gap = _tokens(text, named[-1].close + 1, region.open)
        if sum(t.word for t in gap) <= 2 and not any(_is_trigger(text[t.start : t.end]) for t in gap if t.word):
            return True
    return False


@lru_cache(maxsize=1)
def region_vocabulary() -> frozenset[str]:
    """The words a region feature may name: akhbar's own hand-written lists (never a corpus word)."""
    lists = (
        NOUN_LEMMAS,
        FIRST_PERSON_SAYING,
        COMPLEMENTIZERS,
        COMPLEMENT_PREPOSITIONS,
        CHANNEL_NOUNS,
        ADDRESSEE_CHANNELS,
        OUTLETS,
        TWEET_WORDS,
        STOP_WORDS,
        SOFT_WORDS,
        EDGE_WORDS,
        NOT_SUBJECT,
        SOURCE_HEADS,
        PRONOUN_SOURCES,
        QUOTE_WORDS,
        TIME_WORDS,
        GAP_PREPOSITIONS,
        HONORIFICS,
        REPORT_PRONOUNS,
        TIME_CONJUNCTIONS,
        DOCUMENT_NOUNS,
        MASCULINE_TITLES,
        TITLE_NOUNS,
        NAMED_NOUNS,
        SAYING_NOUNS,
        FIRST_PERSON,
        STATEMENT_OPENERS,
        TOPIC_OPENERS,
        NARRATOR_PRESENT,
    )
    return frozenset().union(*lists)


_REGION_PUNCTUATION = frozenset('.،,:؛;!?؟()-–—"«»“”')


def _bucket(value: int, bounds: Sequence[int]) -> str:
    for bound in bounds:
        if value <= bound:
            return str(bound)
    return "more"


def _speech_entry_of(word: str) -> tuple[str, FrameKind] | None:
    norm = _norm(word)
    forms = _lexicon().forms
    return forms.get(norm) or (forms.get(norm[1:]) if norm[:1] in "وف" else None)


#: (lemma, frame) of a written word when it is a form of a speech verb, memoized per word
_speech_entry: Callable[[str], tuple[str, FrameKind] | None] = WordMemo(_speech_entry_of).__getitem__


def _word_class(text: str, tok: _Tok) -> str:
    """A token as the scorer sees it: punctuation, a speech verb's frame and lemma, a word of
    akhbar's lists (with a و/ب/ل/ف prefix told apart), or only its shape (article, prefix, length)."""
    norm = tok.norm
    if not tok.word:
        return "X" + norm if norm in _REGION_PUNCTUATION else "Xother"
    entry = _speech_entry(text[tok.start : tok.end])
    if entry is not None:
        return f"T{entry[1]}:{entry[0]}"
    vocabulary = region_vocabulary()
    if norm in vocabulary:
        return "L" + norm
    if norm[:1] in "وبلف" and norm[1:] in vocabulary:
        return f"P{norm[:1]}+{norm[1:]}"
    if norm.isdigit():
        return "Wnum"
    article = norm.startswith("ال")
    prefix = norm[:1] if norm[:1] in "وبلف" and not article else ""
    return "W" + ("ال" if article else "") + prefix + _bucket(len(norm), (2, 3, 4, 6))


def _speech_distances(words: Sequence[str], distances: Sequence[int]) -> list[str]:
    """For each distance, the frame of the speech verb nearest the end of ``words`` among that many
    last words (or none)."""
    for back, word in enumerate(reversed(words[-max(distances) :]), 1):
        entry = _speech_entry(word)
        if entry is not None:
            return [entry[1] if back <= distance else "none" for distance in distances]
    return ["none"] * len(distances)


def region_features(text: str, region: _Region, regions: Sequence[_Region]) -> list[str]:
    """Feature strings of one quotation region for the learned scorer: its length, final stop,
    person and mark; the classes of its first and last words, of the three tokens before it and the
    two after it; speech verbs within 3, 8 and 20 words before it and 4 after it; whether it opens
    its paragraph, sits inside another quotation or holds one. Every word it names is one of
    akhbar's own lists (``region_vocabulary``), so the shipped weights hold no corpus text."""
    count = _word_count(text, region.start, region.end)
    features = [
        "bias",
        "n=" + _bucket(count, (1, 2, 3, 5, 9, 19)),
        f"endp={text[region.end - 1] in '.!؟?…'}",
        f"fp={_first_person(text, region.start, region.end)}",
        "mark=" + text[region.open],
    ]
    if count:  # the first and last words, tokenizing only the ends of a long quotation
        head = [t for t in _tokens(text, region.start, min(region.end, region.start + 60)) if t.word]
        tail = [t for t in _tokens(text, max(region.start, region.end - 60), region.end) if t.word]
        if not head or not tail:
            head = tail = [t for t in _tokens(text, region.start, region.end) if t.word]
        features.append("w0=" + _word_class(text, head[0]))
        features.append("wl=" + _word_class(text, tail[-1]))
    p_start = text.rfind("\n", 0, region.open) + 1
    window = max(p_start, region.open - 120)  # the tokens before and after are read within 120 characters
    before = _tokens(text, max(window, region.open - 48), region.open)
    if len(before) < 4 and region.open - 48 > window:
        before = _tokens(text, window, region.open)  # (a short window's first token may be cut)
    features.append(f"parastart={not text[p_start : region.open].strip()}")
    for k in (1, 2, 3):
        features.append(f"p{k}=" + (_word_class(text, before[-k]) if len(before) >= k else "BOS"))
    if len(before) >= 2:
        features.append(f"p12={_word_class(text, before[-2])}|{_word_class(text, before[-1])}")
    words = _WORD_RE.findall(text, window, region.open)
    for distance, frame in zip((3, 8, 20), _speech_distances(words, (3, 8, 20)), strict=True):
        features.append(f"trig{distance}=" + frame)
    p_end = text.find("\n", region.close)
    p_end = len(text) if p_end < 0 else p_end
    limit = min(p_end, region.close + 120)
    after = _tokens(text, region.close + 1, min(limit, region.close + 48))
    if len(after) < 3 and region.close + 48 < limit:
        after = _tokens(text, region.close + 1, limit)
    for k in (1, 2):
        features.append(f"n{k}=" + (_word_class(text, after[k - 1]) if len(after) >= k else "EOS"))
    following = [match.group() for match in islice(_WORD_RE.finditer(text, region.close + 1, limit), 4)]
    features.append("atrig=" + _speech_distances(following[::-1], (4,))[0])
    features.append(f"nested={any(o.open < region.open and region.close < o.close for o in regions)}")
    features.append(f"contains={any(region.open < o.open and o.close < region.close for o in regions)}")
    return features


# --- speakers -------------------------------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s]")


@lru_cache(maxsize=8192)
def _speaker_key(speaker: str) -> str:
    return " ".join(normalize(_PUNCT.sub(" ", speaker)).split())


def speakers_match(predicted: str | None, gold: str | None) -> bool:
    """Equal when both are ``None``, or when, normalized, one contains the other."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    a, b = _speaker_key(predicted), _speaker_key(gold)
    if not a or not b:
        return a == b
    return a in b or b in a


# --- the same quote across outlets ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteVersion:
    """One article's wording of a grouped quote, and how it differs from the group's reference."""

    quote: Quote
    text: str  # the wording in this article: article_text[quote.start:quote.end]
    exact: bool  # same content terms as the reference wording
    added: tuple[str, ...] = ()  # content terms this wording has and the reference lacks
    missing: tuple[str, ...] = ()  # content terms of the reference this wording lacks


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The same statement as carried by one or more articles; ``versions[0]`` is the reference."""

    id: str
    speaker: str | None
    channel: str | None
    versions: tuple[QuoteVersion, ...]

    @property
    def reworded(self) -> bool:
        return any(not version.exact for version in self.versions)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(sorted({version.quote.article_id for version in self.versions}))


GROUP_MIN_SHARED = 4
GROUP_MIN_CONTAINMENT = 0.6


def group_quotes(quotes_with_texts: Iterable[tuple[Quote, str]]) -> list[QuoteGroup]:
    """Group the same quote across articles: pairs of (quote, text of its article).

    Two quotes from different articles join when their content terms (``match_terms``: normalized,
    clitics stripped, spelling variants unified) share at least ``GROUP_MIN_SHARED`` terms covering
    ``GROUP_MIN_CONTAINMENT`` of the shorter quote, and their speakers do not contradict each
    other. Groups do not chain: the quotes are taken longest first, and each joins the group whose
    reference (its longest wording) it matches best, or starts a group of its own; so two different
    condolence messages that share a formula with a third stay apart. Every quote is in exactly one
    group (singletons included). Deterministic: the output does not depend on the input order.
    """
    items = sorted(
        {(q.article_id, q.start, q.end, q.kind): (q, text[q.start : q.end]) for q, text in quotes_with_texts}.items()
    )
    quotes_list = [value[0] for _, value in items]
    wordings = [value[1] for _, value in items]
    terms = [frozenset(match_terms(wording)) for wording in wordings]
    neighbours: dict[int, dict[int, int]] = {}
    for i, j, shared in _candidate_pairs(terms):
        if quotes_list[i].article_id == quotes_list[j].article_id:
            continue
        a, b = quotes_list[i].speaker, quotes_list[j].speaker
        if a is not None and b is not None and not _speakers_compatible(a, b):
            continue
        neighbours.setdefault(i, {})[j] = shared
        neighbours.setdefault(j, {})[i] = shared
    order = sorted(range(len(items)), key=lambda i: (-len(terms[i]), quotes_list[i].kind != "direct", i))
    group_of: dict[int, int] = {}  # quote -> the reference (first member) of its group
    members: dict[int, list[int]] = {}
    for i in order:
        near = neighbours.get(i, {})
        best = max(
            (reference for reference in near if group_of.get(reference) == reference),
            key=lambda reference: (near[reference], -reference),
            default=None,
        )
        if best is None:
            group_of[i] = i
            members[i] = [i]
        else:
            group_of[i] = best
            members[best].append(i)
    members = {min(ids): sorted(ids) for ids in members.values()}
    return _make_groups(members, quotes_list, wordings, terms)


def groups_by_id(quotes_with_texts: Iterable[tuple[Quote, str]]) -> list[QuoteGroup] | None:
    """The groups the store holds (``Quote.group_id``, written after clustering by
    ``service.group_story_quotes`` from ``group_quotes``), built without comparing quotes again;
    ``None`` when some quote has no stored group yet. Group ids are the stored ones."""
    items = sorted(
        {(q.article_id, q.start, q.end, q.kind): (q, text[q.start : q.end]) for q, text in quotes_with_texts}.items()
    )
    quotes_list = [value[0] for _, value in items]
    if any(quote.group_id is None for quote in quotes_list):
        return None
    wordings = [value[1] for _, value in items]
    terms = [frozenset(match_terms(wording)) for wording in wordings]
    by_id: dict[str, list[int]] = {}
    for i, quote in enumerate(quotes_list):
        by_id.setdefault(str(quote.group_id), []).append(i)
    return _make_groups({ids[0]: ids for ids in by_id.values()}, quotes_list, wordings, terms, stored_ids=True)


def _make_groups(
    members: dict[int, list[int]],
    quotes_list: Sequence[Quote],
    wordings: Sequence[str],
    terms: Sequence[frozenset[str]],
    stored_ids: bool = False,
) -> list[QuoteGroup]:
    """QuoteGroups from member lists (keyed by their first member, in ascending order)."""
    groups = []
    for root in sorted(members):
        ids = members[root]
        reference = min(ids, key=lambda i: (-len(terms[i]), quotes_list[i].kind != "direct", i))
        ordered = [reference, *(i for i in ids if i != reference)]
        versions = tuple(
            QuoteVersion(
                quotes_list[i],
                wordings[i],
                terms[i] == terms[reference],
                tuple(sorted(terms[i] - terms[reference])),
                tuple(sorted(terms[reference] - terms[i])),
            )
            for i in ordered
        )
        speaker = next((quotes_list[i].speaker for i in ordered if quotes_list[i].speaker), None)
        channel = next((quotes_list[i].channel for i in ordered if quotes_list[i].channel), None)
        if stored_ids:
            group_id = str(quotes_list[root].group_id)
        else:
            key = "|".join(f"{quotes_list[i].article_id}:{quotes_list[i].start}:{quotes_list[i].end}" for i in ids)
            group_id = "q" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        groups.append(QuoteGroup(group_id, speaker, channel, versions))
    return groups


#: Pair codes gathered before they are merged into counts (bounds memory on very large stories).
_PAIR_BATCH = 4_000_000


@lru_cache(maxsize=256)
def _upper_pairs(k: int) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.triu_indices(k, 1)
    return first, second


def _candidate_pairs(terms: Sequence[frozenset[str]]) -> list[tuple[int, int, int]]:
    """The pairs ``(i, j, shared terms)``, ``i < j``, whose term sets share at least ``GROUP_MIN_SHARED`` terms
    (or all the terms of the smaller one) covering ``GROUP_MIN_CONTAINMENT`` of the smaller, sorted.

    Shared terms are counted with numpy over each term's posting list, so a story with a thousand
    quotes and common words costs milliseconds rather than a Python loop over every shared pair.
    """
    n = len(terms)
    if n < 2:
        return []
    postings: dict[str, list[int]] = {}
    for i, term_set in enumerate(terms):
        for term in term_set:
            postings.setdefault(term, []).append(i)
    codes: list[np.ndarray] = []
    pending = 0
    merged_codes = np.empty(0, dtype=np.int64)
    merged_counts = np.empty(0, dtype=np.int64)

    def merge() -> None:
        nonlocal merged_codes, merged_counts, pending
        if not codes:
            return
        batch = np.concatenate(codes)
        codes.clear()
        pending = 0
        keys, inverse = np.unique(np.concatenate([merged_codes, batch]), return_inverse=True)
        weights = np.concatenate([merged_counts, np.ones(len(batch), dtype=np.int64)])
        merged_codes, merged_counts = keys, np.bincount(inverse, weights=weights).astype(np.int64)

    for members in postings.values():
        k = len(members)
        if k < 2:
            continue
        ids = np.asarray(members, dtype=np.int64)  # ascending: appended in order of i
        first, second = _upper_pairs(k)
        codes.append(ids[first] * n + ids[second])
        pending += len(first)
        if pending >= _PAIR_BATCH:
            merge()
    merge()
    if not len(merged_codes):
        return []
    sizes = np.fromiter((len(term_set) for term_set in terms), dtype=np.int64, count=n)
    left, right = merged_codes // n, merged_codes % n
    smaller = np.minimum(sizes[left], sizes[right])
    keep = (merged_counts >= np.minimum(GROUP_MIN_SHARED, smaller)) & (merged_counts >= GROUP_MIN_CONTAINMENT * smaller)
    return [(int(i), int(j), int(c)) for i, j, c in zip(left[keep], right[keep], merged_counts[keep], strict=True)]


def _speakers_compatible(a: str, b: str) -> bool:
    if speakers_match(a, b):
        return True
    return not _speaker_terms(a).isdisjoint(_speaker_terms(b))


@lru_cache(maxsize=8192)
def _speaker_terms(speaker: str) -> frozenset[str]:
    return frozenset(match_terms(speaker))


# --- the stage ------------------------------------------------------------------------------------


@stage("quotes", requires={"text"}, provides={"quotes"})
def quotes(articles: Iterable[Article], cfg: Any = None) -> Iterator[Article | Rejection]:
    """Attach each article's direct and reported speech (``Article.quotes``)."""
    for article in articles:
        yield replace(article, quotes=tuple(extract_quotes(article.id, article.text, article.title)))


def quote_texts(text: str, found: Sequence[Quote]) -> list[str]:
    """The content of each quote, as written."""
    return [text[q.start : q.end] for q in found]
