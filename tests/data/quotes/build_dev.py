"""Rebuild the quote development set from the shared data, the selection rule and the annotator's decisions.

Research tool, not part of the product. It never writes article text into the repository: the files
it writes hold only ids, a sha1 of each text, character offsets, kinds, speakers and channels.

    python tests/data/quotes/build_dev.py select         # write selection.jsonl (which articles)
    python tests/data/quotes/build_dev.py suggest        # write suggested.jsonl (the extractor's spans)
    python tests/data/quotes/build_dev.py show 0 10      # print articles 0..9 with their suggestions
    python tests/data/quotes/build_dev.py write          # dev.jsonl = suggested + decisions.jsonl
    python tests/data/quotes/build_dev.py changes        # how many suggestions the annotator changed

The held-out set (``heldout.jsonl``) is drawn and written with the same tools, without suggestions:

    python tests/data/quotes/build_dev.py heldout-select       # heldout_selection.jsonl
    python tests/data/quotes/build_dev.py heldout-show 0 10    # print articles 0..9, paragraphs numbered
    python tests/data/quotes/build_dev.py heldout-write FILE   # heldout.jsonl from the annotator's FILE

A second held-out set (``heldout2.jsonl``) is drawn and written by the same functions with
``heldout2-select``, ``heldout2-show`` and ``heldout2-write`` (``HELDOUT_SETS``): other seeds, and it
also leaves out the first held-out set. A third one (``heldout3.jsonl``, ``heldout3-…``) has the strata
of the second, other seeds again, and leaves out all three earlier sets. A fourth one
(``heldout4.jsonl``, ``heldout4-…``) has the same strata, other seeds, and leaves out all four earlier sets;
a fifth one (``heldout5.jsonl``, ``heldout5-…``) likewise leaves out all five earlier sets, and a
sixth one (``heldout6.jsonl``, ``heldout6-…``) all six, a seventh (``heldout7.jsonl``,
``heldout7-…``) all seven, an eighth (``heldout8.jsonl``, ``heldout8-…``) all eight, a ninth
(``heldout9.jsonl``, ``heldout9-…``) all nine, a tenth (``heldout10.jsonl``, ``heldout10-…``) all ten,
and an eleventh (``heldout11.jsonl``, ``heldout11-…``) all eleven.

``heldoutK-write FILE NAME`` writes another annotator's FILE of the same set to NAME instead (the
tenth set's second annotation, ``heldout10_second.jsonl``; ``agreement.py`` compares the two).

Selection: SaudiNewsNet days outside 2015-08-06 … 2015-08-11 and SemEval-2022 Task 8 Arabic train
texts, bodies of 300 … 2,500 characters, shuffled with ``random.Random(20240601)``; 84 % drawn among
bodies that contain a speech verb or a quotation mark, 16 % among those without; plus the two seeds.

Held-out selection: the same pool and rule with another seed (``HELDOUT_SEED``), leaving out every
article of the development set, the other side of its SemEval pairs and any text that shares more
than a fifth of its word 4-grams with a development text (wire copies), one side per SemEval pair.
The second held-out set leaves out the first one in the same way and draws more of its articles
among bodies with a quotation, for more direct quotes.
The annotator's FILE (kept outside the repository, since it quotes the texts) has one line per
article, ``{"key", "quotes": [{"from", "to", "n", "kind", "speaker", "channel"}]}``: the content runs
from the ``n``-th occurrence (default 1) of the words ``from`` to the end of the first ``to`` after
them (``locate``); only the offsets reach ``heldout.jsonl``.

``decisions.jsonl`` holds, per article key, the final list of quotes when it differs from the
suggestion (``{"key", "quotes": [...]}``); the annotator wrote one for every article they corrected.
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
REPO = HERE.parents[2]
DATA = REPO.parent / "shared" / "data"
SEEDS = REPO.parent / "shared" / "seeds"
EXCLUDED_DAYS = {f"2015-08-{d:02d}.zip" for d in range(6, 12)}
SEED = 20240601
N_SPEECH_SNN, N_PLAIN_SNN, N_SPEECH_SEMEVAL, N_PLAIN_SEMEVAL = 44, 8, 10, 2
HELDOUT_SEED = 20250917
HELDOUT_COUNTS = (26, 4, 9, 1)  # speech / plain SaudiNewsNet, speech / plain SemEval
#: then, for enough direct quotes to measure, bodies with a speech verb and a quotation of 15+
#: characters: SaudiNewsNet, SemEval (drawn with ``HELDOUT_SEED + 1``)
HELDOUT_MARKED = (15, 5)
MARKED = re.compile(r"[«“\"][^«»“”\"\n]{15,}[»”\"]")
HELDOUT_MAX_SHARED = 0.2  # share of a text's word 4-grams found in a development text
HELDOUT2_COUNTS = (15, 4, 5, 1)  # as HELDOUT_COUNTS, fewer: more of the set is drawn among marked bodies
HELDOUT2_MARKED = (26, 9)
#: the seeds of the second to ninetieth held-out sets (their marked articles drawn with seed + 1); they
#: all have the second set's strata and each leaves out every set before it
LATER_HELDOUT_SEEDS = {k: 20261123 + 2 * (k - 2) for k in range(2, 91)}


def _heldout_name(k: int) -> str:
    return "heldout" if k == 1 else f"heldout{k}"


#: name -> (seed, counts, marked, selections left out, selection file, set file)
HELDOUT_SETS = {
    "heldout": (
        HELDOUT_SEED,
        HELDOUT_COUNTS,
        HELDOUT_MARKED,
        ("selection.jsonl",),
        "heldout_selection.jsonl",
        "heldout.jsonl",
    ),
    **{
        _heldout_name(k): (
            seed,
            HELDOUT2_COUNTS,
            HELDOUT2_MARKED,
            ("selection.jsonl", *(f"{_heldout_name(j)}_selection.jsonl" for j in range(1, k))),
            f"{_heldout_name(k)}_selection.jsonl",
            f"{_heldout_name(k)}.jsonl",
        )
        for k, seed in LATER_HELDOUT_SEEDS.items()
    },
}

SPEECH = re.compile(r"(?:قال|أكد|أضاف|أشار|أوضح|أعلن|ذكر|شدد|دعا|نفى|حذر|اعتبر|لفت|أعرب|مشيرا|مؤكدا|مضيفا)|[«»“”\"]")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def seed_text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    return "\n".join(lines[first + 1 :])


def candidates() -> list[dict]:
    out = []
    for zpath in sorted((DATA / "saudinewsnet" / "dataset").glob("*.zip")):
        if zpath.name in EXCLUDED_DAYS:
            continue
        with zipfile.ZipFile(zpath) as archive:
            for member in archive.namelist():
                for record in json.loads(archive.read(member)):
                    text = record.get("content") or ""
                    if 300 <= len(text) <= 2500 and record.get("url"):
                        out.append({"dataset": "saudinewsnet", "file": zpath.name, "url": record["url"], "text": text})
    semeval = DATA / "semeval2022_task8_ar" / "ar_ar_train_pairs_with_text.jsonl"
    for line in semeval.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for side in (1, 2):
            text = record.get(f"text{side}") or ""
            if 300 <= len(text) <= 2500:
                out.append({"dataset": "semeval", "pair_id": record["pair_id"], "side": side, "text": text})
    return out


def key(entry: dict) -> str:
    if entry["dataset"] == "saudinewsnet":
        return f"snn:{entry['file']}:{entry['url']}"
    if entry["dataset"] == "semeval":
        return f"semeval:{entry['pair_id']}:{entry['side']}"
    return f"seed:{entry['seed']}"


def select() -> list[dict]:
    rng = random.Random(SEED)
    pool = candidates()
    seen_texts: set[str] = set()
    chosen = []
    for dataset, n_speech, n_plain in (
        ("saudinewsnet", N_SPEECH_SNN, N_PLAIN_SNN),
        ("semeval", N_SPEECH_SEMEVAL, N_PLAIN_SEMEVAL),
    ):
        items = [e for e in pool if e["dataset"] == dataset]
        rng.shuffle(items)
        speech = [e for e in items if SPEECH.search(e["text"])]
        plain = [e for e in items if not SPEECH.search(e["text"])]
        for group, n in ((speech, n_speech), (plain, n_plain)):
            taken = 0
            for entry in group:
                if taken == n:
                    break
                digest = sha1(entry["text"])
                if digest in seen_texts:
                    continue
                seen_texts.add(digest)
                chosen.append({**entry, "selected": "speech" if group is speech else "plain"})
                taken += 1
    for path in sorted(SEEDS.glob("*.txt")):
        chosen.append({"dataset": "seed", "seed": path.name, "text": seed_text(path), "selected": "seed"})
    return chosen


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def select_heldout(
    seed: int = HELDOUT_SEED,
    counts: tuple[int, int, int, int] = HELDOUT_COUNTS,
    marked: tuple[int, int] = HELDOUT_MARKED,
    left_out: tuple[str, ...] = ("selection.jsonl",),
) -> list[dict]:
    """The held-out articles: the development pool and rule, another seed, nothing near the sets ``left_out``."""
    dev = [e for name in left_out for e in load(name)]
    dev_keys = {key(e) for e in dev}
    dev_pairs = {e["pair_id"] for e in dev if e["dataset"] == "semeval"}
    dev_shingles = [shingles(text) for name in left_out for text in texts(name).values()]
    rng = random.Random(seed)
    pool = candidates()
    seen_texts = {e["sha1"] for e in dev}
    seen_pairs: set[str] = set()
    chosen = []
    n_speech_snn, n_plain_snn, n_speech_semeval, n_plain_semeval = counts
    for dataset, n_speech, n_plain in (
        ("saudinewsnet", n_speech_snn, n_plain_snn),
        ("semeval", n_speech_semeval, n_plain_semeval),
    ):
        items = [e for e in pool if e["dataset"] == dataset]
        rng.shuffle(items)
        speech = [e for e in items if SPEECH.search(e["text"])]
        plain = [e for e in items if not SPEECH.search(e["text"])]
        for group, n in ((speech, n_speech), (plain, n_plain)):
            taken = 0
            for entry in group:
                if taken == n:
                    break
                digest = sha1(entry["text"])
                if digest in seen_texts or key(entry) in dev_keys:
                    continue
                if dataset == "semeval" and (entry["pair_id"] in dev_pairs or entry["pair_id"] in seen_pairs):
                    continue
                own = shingles(entry["text"])
                if own and any(len(own & other) > HELDOUT_MAX_SHARED * len(own) for other in dev_shingles):
                    continue
                seen_texts.add(digest)
                if dataset == "semeval":
                    seen_pairs.add(entry["pair_id"])
                chosen.append({**entry, "selected": "speech" if group is speech else "plain"})
                taken += 1
    rng = random.Random(seed + 1)
    for dataset, n in zip(("saudinewsnet", "semeval"), marked, strict=True):
        items = [e for e in pool if e["dataset"] == dataset]
        rng.shuffle(items)
        taken = 0
        for entry in items:
            if taken == n:
                break
            if not (SPEECH.search(entry["text"]) and MARKED.search(entry["text"])):
                continue
            digest = sha1(entry["text"])
            if digest in seen_texts or key(entry) in dev_keys:
                continue
            if dataset == "semeval" and (entry["pair_id"] in dev_pairs or entry["pair_id"] in seen_pairs):
                continue
            own = shingles(entry["text"])
            if own and any(len(own & other) > HELDOUT_MAX_SHARED * len(own) for other in dev_shingles):
                continue
            seen_texts.add(digest)
            if dataset == "semeval":
                seen_pairs.add(entry["pair_id"])
            chosen.append({**entry, "selected": "marked"})
            taken += 1
    return chosen


def locate(text: str, quote: dict) -> tuple[int, int]:
    """Offsets of an annotated content: from the ``n``-th ``from`` to the end of the next ``to``."""
    position = -1
    for _ in range(quote.get("n", 1)):
        position = text.find(quote["from"], position + 1)
        if position < 0:
            raise ValueError(f"{quote['from']!r} not found (occurrence {quote.get('n', 1)})")
    start = position
    if quote.get("to"):
        found = text.find(quote["to"], start)
        if found < 0:
            raise ValueError(f"{quote['to']!r} not found after {quote['from']!r}")
        end = found + len(quote["to"])
    else:
        end = start + len(quote["from"])
    return start, end


def ids_only(entry: dict) -> dict:
    out = {k: v for k, v in entry.items() if k != "text"}
    out["sha1"] = sha1(entry["text"])
    return out


def load(name: str) -> list[dict]:
    path = HERE / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def texts(selection: str = "selection.jsonl") -> dict[str, str]:
    sys.path.insert(0, str(REPO / "src"))
    from akhbar.eval.quotes import resolve_texts

    return resolve_texts(load(selection), DATA, [SEEDS])


def main(argv: list[str]) -> None:
    command = argv[0]
    if command == "select":
        rows = [ids_only(e) for e in select()]
        (HERE / "selection.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(len(rows), "articles selected")
    elif command == "suggest":
        sys.path.insert(0, str(REPO / "src"))
        from akhbar.stages.quotes import extract_quotes

        found = texts()
        rows = []
        for entry in load("selection.jsonl"):
            text = found[key(entry)]
            quotes = [
                {"start": q.start, "end": q.end, "kind": q.kind, "speaker": q.speaker, "channel": q.channel}
                for q in extract_quotes("x", text)
            ]
            rows.append({"key": key(entry), "quotes": quotes})
        (HERE / "suggested.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    elif command == "show":
        found = texts()
        suggested = {r["key"]: r["quotes"] for r in load("suggested.jsonl")}
        decided = (
            {r["key"]: r["quotes"] for r in load("decisions.jsonl")} if (HERE / "decisions.jsonl").exists() else {}
        )
        rows = load("selection.jsonl")
        for number in range(int(argv[1]), min(int(argv[2]), len(rows))):
            k = key(rows[number])
            text = found[k]
            print(f"===== [{number}] {k}")
            print(text)
            print("--- quotes", "(decided)" if k in decided else "(suggested)")
            for i, q in enumerate(decided.get(k, suggested[k])):
                print(
                    f"  #{i} {q['kind']} [{q['start']}:{q['end']}] sp={q['speaker']} ch={q['channel']} :: "
                    + text[q["start"] : q["end"]].replace("\n", " / ")
                )
    elif command == "write":
        suggested = {r["key"]: r["quotes"] for r in load("suggested.jsonl")}
        decided = {r["key"]: r["quotes"] for r in load("decisions.jsonl")}
        rows = []
        for entry in load("selection.jsonl"):
            k = key(entry)
            rows.append({**entry, "quotes": decided.get(k, suggested[k])})
        (HERE / "dev.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(len(rows), "articles,", sum(len(r["quotes"]) for r in rows), "quotes")
    elif command == "changes":
        print(json.dumps(changes(), indent=1))
    elif command.partition("-")[0] in HELDOUT_SETS:
        heldout(command, argv[1:])


def heldout(command: str, args: list[str]) -> None:
    """``heldout-select`` / ``-show`` / ``-write`` for the held-out set named before the dash."""
    name, _, action = command.partition("-")
    seed, counts, marked, left_out, selection, out = HELDOUT_SETS[name]
    if action == "select":
        rows = [ids_only(e) for e in select_heldout(seed, counts, marked, left_out)]
        (HERE / selection).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(len(rows), "articles selected")
    elif action == "show":
        found = texts(selection)
        rows = load(selection)
        for number in range(int(args[0]), min(int(args[1]), len(rows))):
            k = key(rows[number])
            print(f"===== [{number}] {k}")
            for index, paragraph in enumerate(found[k].split("\n")):
                if paragraph.strip():
                    print(f"[p{index}] {paragraph}")
    elif action == "write":
        found = texts(selection)
        annotated = {r["key"]: r["quotes"] for r in map(json.loads, Path(args[0]).read_text("utf-8").splitlines())}
        rows = []
        for entry in load(selection):
            k = key(entry)
            if k not in annotated:
                raise SystemExit(f"{k} is not annotated in {args[0]}")
            text = found[k]
            quotes = []
            for q in annotated[k]:
                start, end = locate(text, q)
                quotes.append(
                    {"start": start, "end": end, "kind": q["kind"], "speaker": q["speaker"], "channel": q["channel"]}
                )
            rows.append({**entry, "quotes": sorted(quotes, key=lambda q: (q["start"], q["end"]))})
        target = args[1] if len(args) > 1 else out  # a second annotation of the same set goes beside it
        (HERE / target).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(len(rows), "articles,", sum(len(r["quotes"]) for r in rows), "quotes")
    else:
        raise SystemExit(f"unknown command {command}")


def changes() -> dict[str, int]:
    """Suggested quotes kept unchanged / changed (span, kind, speaker or channel) / deleted; quotes added."""
    suggested = {r["key"]: r["quotes"] for r in load("suggested.jsonl")}
    final = {key(r): r["quotes"] for r in load("dev.jsonl")}
    counts = {"suggested": 0, "kept": 0, "changed": 0, "deleted": 0, "added": 0, "final": 0}
    for k, before in suggested.items():
        after = final[k]
        counts["suggested"] += len(before)
        counts["final"] += len(after)
        used: set[int] = set()
        for q in before:
            same = next((i for i, a in enumerate(after) if i not in used and a == q), None)
            if same is not None:
                used.add(same)
                counts["kept"] += 1
                continue
            near = next(
                (i for i, a in enumerate(after) if i not in used and a["start"] < q["end"] and q["start"] < a["end"]),
                None,
            )
            if near is not None:
                used.add(near)
                counts["changed"] += 1
            else:
                counts["deleted"] += 1
        counts["added"] += len(after) - len(used)
    return counts


if __name__ == "__main__":
    main(sys.argv[1:])
