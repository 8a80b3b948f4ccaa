"""Rebuild ``labels.jsonl`` from the shared data, the selection rule and the annotator's decisions.

Research tool, not part of the product. It never writes article text into the repository: the output
holds only ids, line numbers, labels and a sha1 of each body.

    python tests/data/clean_labels/build_labels.py show 0 20     # print articles 0..19 with suggestions
    python tests/data/clean_labels/build_labels.py write          # write labels.jsonl

Steps: (1) select articles with a fixed seed; (2) pre-suggest a label per non-empty line with the
rules in ``suggest``; (3) apply ``decisions.tsv`` — the annotator's reviewed labels, one row per line
whose final label differs from the suggestion (``key<TAB>line<TAB>label``); (4) write the labels.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2].parent / "shared" / "data"
SEED = 20150722
HELD_OUT_DAYS = {f"2015-08-{d:02d}" for d in range(6, 12)}
RANDOM_PER_OUTLET = 11
DEBRIS_PER_OUTLET = 3
SEMEVAL_RANDOM = 45
SEMEVAL_DEBRIS = 17
MAX_LINES = 80  # articles with more non-empty lines are not sampled (annotation budget)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def nonempty(text: str) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(text.split("\n")) if line.strip()]


# ---------------------------------------------------------------- suggestion rules (pre-annotation)

_AGENCY = (
    r"(واس|أ\s*\.?\s*ف\s*\.?\s*ب|ا\s*ف\s*ب|رويترز|د\s*\.?\s*ب\s*\.?\s*أ|الوكالات|متابعات|عين اليوم|الرياضي|"
    r"اليوم|عكاظ|سبق|الوئام|«?الشرق الأوسط»?|الجزيرة|الوطن|المدينة|الرياض|الاقتصادية|يو بي آي|"
    r"أ\s*ش\s*أ|قنا|وام|بنا|كونا|سانا|الأناضول|سبوتنيك|CNN|BBC)"
)
_BOILER = re.compile(
    r"(^\.+$|^[<>|]+$|المزيد$|للتواصل|\bSMS\b|\bsms\b|\bStc\b|Mobily|Zain|موبايلي|تبدأ بالرمز|ثم الرسالة|"
    r"^Next|Previous|رابط الخبر|مقالات أخرى للكاتب|لمراسلة الكاتب|email.protected|اقرأ أيض|اقرأ ايض|"
    r"شاهد أيض|تابعونا|جميع الحقوق|حقوق النشر|اشترك|النشرة البريدية|القائمة البريدية|facebook|twitter|"
    r"^شارك|^تصوير|الكلمات الدالة|^وسوم|^Tags|^https?://\S+$|^www\.\S+$|إعلان|الاقسام|الرئيسية)",
    re.IGNORECASE,
)
_EMAIL_OR_HANDLE = re.compile(r"^\s*(\S+@\S+\.\w+|@\w+)\s*$")
_DASH = re.compile(r"\s*[-–—ـ:]\s*")
_DATE_ONLY = re.compile(
    r"^[\d\s/:.\-،,]*(يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|"
    r"الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|ص|م|AM|PM|GMT)?[\d\s/:.\-،,]*$"
)


def suggest(line: str, author: str) -> str:
    s = line.strip()
    words = s.split()
    if _BOILER.search(s) and len(words) <= 12:
        return "boilerplate"
    if _DATE_ONLY.match(s) and any(c.isdigit() for c in s):
        return "boilerplate"
    if _EMAIL_OR_HANDLE.match(s):
        return "byline"
    if re.match(r"^(كتب|كتبت|بقلم|إعداد|اعداد|حوار|ترجمة)\s*[:\-–]?\s*\S", s) and len(words) <= 6:
        return "byline"
    short = len(words) <= 6 and not re.search(r"[.؟?!]$", s)
    if short and re.fullmatch(r"[^\s]+(\s[^\s]+)?\s*[-–—ـ]\s*" + _AGENCY + r"\s*:?", s):
        return "dateline"  # place - agency
    if short and re.fullmatch(_AGENCY + r"\s*[-–—ـ]\s*[^\s]+(\s[^\s]+)?\s*:?", s):
        return "dateline"  # agency - place
    if short and re.fullmatch(r"[^\s]+(\s[^\s]+)?\s*\(\s*" + _AGENCY + r"\s*\)\s*:?", s):
        return "dateline"
    if short and re.search(r"[-–—ـ]", s) and len(words) <= 5:
        return "byline"  # name - place, name - outlet
    if author and short and _DASH.sub(" ", s).strip() == _DASH.sub(" ", author).strip(" :\xa0"):
        return "byline"
    return "body"


# ---------------------------------------------------------------- selection


def _debris_candidate(text: str, author: str) -> bool:
    return any(suggest(line, author) != "body" for _, line in nonempty(text))


def load_saudinewsnet(data: Path) -> list[dict]:
    out = []
    for path in sorted((data / "saudinewsnet" / "dataset").glob("*.zip")):
        if path.stem in HELD_OUT_DAYS:
            continue
        with zipfile.ZipFile(path) as z:
            (member,) = z.namelist()
            for a in json.loads(z.read(member)):
                out.append({**a, "file": path.name})
    return out


def select(data: Path = DATA) -> list[dict]:
    rng = random.Random(SEED)
    chosen: list[dict] = []
    seen: set[str] = set()
    by_outlet: dict[str, list[dict]] = {}
    for a in load_saudinewsnet(data):
        n = len(nonempty(a["content"]))
        if 1 <= n <= MAX_LINES:
            by_outlet.setdefault(a["source"], []).append(a)
    for outlet in sorted(by_outlet):
        pool = list(by_outlet[outlet])
        rng.shuffle(pool)
        picked_random = []
        for a in pool:
            if len(picked_random) == RANDOM_PER_OUTLET:
                break
            if sha1(a["content"]) not in seen:
                seen.add(sha1(a["content"]))
                picked_random.append(a)
        picked_debris = []
        for a in pool:
            if len(picked_debris) == DEBRIS_PER_OUTLET:
                break
            if sha1(a["content"]) not in seen and _debris_candidate(a["content"], a["author"] or ""):
                seen.add(sha1(a["content"]))
                picked_debris.append(a)
        for a, why in [(a, "random") for a in picked_random] + [(a, "debris") for a in picked_debris]:
            chosen.append(
                {
                    "dataset": "saudinewsnet",
                    "file": a["file"],
                    "url": a["url"],
                    "source": a["source"],
                    "why": why,
                    "title": a["title"],
                    "author": a["author"] or "",
                    "text": a["content"],
                    "key": f"snn:{a['file']}:{a['url']}",
                }
            )
    rows = [
        json.loads(line)
        for line in (data / "semeval2022_task8_ar" / "ar_ar_train_pairs_with_text.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    sides = [(r["pair_id"], s, r[f"title{s}"], r[f"text{s}"], r[f"link{s}"]) for r in rows for s in (1, 2)]
    sides = [x for x in sides if 1 <= len(nonempty(x[3])) <= MAX_LINES]
    rng.shuffle(sides)
    picked = []
    for x in sides:
        if sum(1 for p in picked if p[1] == "random") == SEMEVAL_RANDOM:
            break
        if sha1(x[3]) not in seen:
            seen.add(sha1(x[3]))
            picked.append((x, "random"))
    n_debris = 0
    for x in sides:
        if n_debris == SEMEVAL_DEBRIS:
            break
        if sha1(x[3]) not in seen and _debris_candidate(x[3], ""):
            seen.add(sha1(x[3]))
            picked.append((x, "debris"))
            n_debris += 1
    for (pair_id, side, title, text, link), why in picked:
        chosen.append(
            {
                "dataset": "semeval",
                "pair_id": pair_id,
                "side": side,
                "source": "semeval",
                "why": why,
                "title": title,
                "author": "",
                "text": text,
                "link": link,
                "key": f"semeval:{pair_id}:{side}",
            }
        )
    return chosen


# ---------------------------------------------------------------- decisions and output


def load_decisions(path: Path = HERE / "decisions.tsv") -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    if not path.exists():
        return out
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        key, number, label = row.split("\t")
        out[(key, int(number))] = label
    return out


def labelled(article: dict, decisions: dict[tuple[str, int], str]) -> list[tuple[int, str, str]]:
    """(line, suggested, final) for every non-empty line."""
    out = []
    for i, line in nonempty(article["text"]):
        s = suggest(line, article["author"])
        out.append((i, s, decisions.get((article["key"], i), s)))
    return out


def show(start: int, stop: int, width: int = 110) -> None:
    arts = select()
    decisions = load_decisions()
    for k in range(start, min(stop, len(arts))):
        a = arts[k]
        print(f"=== [{k}] {a['key']} ({a['source']}, {a['why']}) author={a['author']!r}")
        print(f"    T: {a['title'][:120]}")
        lines = a["text"].split("\n")
        for i, s, final in labelled(a, decisions):
            text = lines[i].strip()
            shown = text if len(text) <= width else text[:width] + f" …[{len(text)}]"
            mark = final[:3] if final == s else f"{s[:3]}>{final[:3]}"
            print(f"  {i:3d} {mark:8s} {shown}")


def write() -> None:
    arts = select()
    decisions = load_decisions()
    keys = {a["key"] for a in arts}
    stray = {k for k, _ in decisions if k not in keys}
    if stray:
        raise SystemExit(f"decisions for unknown articles: {sorted(stray)[:3]}")
    changed = 0
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for a in arts:
            rows = labelled(a, decisions)
            changed += sum(1 for _, s, f in rows if s != f)
            head = (
                {"dataset": "saudinewsnet", "file": a["file"], "url": a["url"]}
                if a["dataset"] == "saudinewsnet"
                else {"dataset": "semeval", "pair_id": a["pair_id"], "side": a["side"]}
            )
            entry = {
                **head,
                "source": a["source"],
                "sha1": sha1(a["text"]),
                "selected": a["why"],
                "lines": [[i, f] for i, _, f in rows],
            }
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"wrote {len(arts)} articles; {changed} suggested labels changed by the annotator")


if __name__ == "__main__":
    if sys.argv[1] == "show":
        show(int(sys.argv[2]), int(sys.argv[3]))
    else:
        write()
