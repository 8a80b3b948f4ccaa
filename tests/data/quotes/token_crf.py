"""Experiment: does a learned token model find the direct quotes the rules miss?

    python tests/data/quotes/token_crf.py [--words] [--unstacked] [TRAIN_LAST] [THRESHOLD ...]
    # defaults: 72  0.5 0.3 0.15

A linear-chain CRF (python-crfsuite, already akhbar's NER dependency) tags each token of an article
as inside a direct quote or not. Its features are closed-vocabulary, so that a model trained on
SaudiNewsNet texts would carry none of their words (the licence of the corpus forbids shipping
them): the token's class (speech verb by akhbar's lexicon, complementizer, preposition, first-person
word, question word, title, stop word, a word ending in نا, a definite noun, or a mark, colon, comma,
full stop, line break), whether it is inside a quotation region and that region's length, the
rules' own label at the token (direct / indirect / none: the model is stacked on the extractor),
the distance from the last speech verb, whether a colon came after it, and paragraph starts, in a
window of three tokens before and two after.

With ``--words`` (a research check only: such a model would carry the corpus's words and could not
ship) the normalized words at offsets -2..+1 are features too, to see whether an open vocabulary
finds what the closed one cannot. With ``--unstacked`` the rules' labels are not features (the
model learns from the text alone; the neighbouring tokens' quotation-region flags take the place
of their rule labels); its spans are still added to the rules' quotes the same way.

It is trained on the development set and held-outs 1..TRAIN_LAST and tested on the later held-outs.
Every token span it tags (at a marginal probability above each THRESHOLD, three words or more)
that no quote of the rules overlaps is added to the rules' direct quotes. Prints direct P/R of the
rules alone and with the additions. Texts are read from ``../shared/data``; nothing is written but
a temporary model file.
"""

from __future__ import annotations

import bisect
import sys
import tempfile
from pathlib import Path
from typing import Any

import pycrfsuite

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "src"))

from akhbar.eval.quotes import QUOTE_SETS, build_eval_file, match_spans, predict, read_eval_file  # noqa: E402
from akhbar.stages import quotes as Q  # noqa: E402

DATA = REPO.parent / "shared" / "data"


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n <= 3 else "4" if n <= 7 else "8" if n <= 15 else "16"


_PUNCTUATION = {":": "colon", ".": "stop", "!": "stop", "?": "stop", "؟": "stop", "،": "comma", ",": "comma"}


def _token_class(tok: Any) -> str:
    n = tok.norm
    if not tok.word:
        if n in Q._ALL_MARKS:
            return "mark"
        return _PUNCTUATION.get(n, "p")
    if Q._is_trigger(n):
        return "trig"
    if n in Q.COMPLEMENTIZERS:
        return "comp"
    if n in Q.GAP_PREPOSITIONS:
        return "prep"
    if n in Q.FIRST_PERSON or n.removeprefix("و") in Q.FIRST_PERSON:
        return "first"
    if n in Q.QUESTION_OPENERS:
        return "q"
    if n in Q.NAME_TITLES:
        return "title"
    if n in Q.STOP_WORDS:
        return "stopword"
    if len(n) >= 4 and n.endswith("نا"):
        return "na"
    return "al" if n.startswith("ال") else "w"


def featurize(
    text: str, rule_quotes: list[dict[str, Any]], words: bool = False, stacked: bool = True
) -> tuple[list[Any], list[list[str]]]:
    toks = Q._tokens(text, 0, len(text))
    regions = Q._quote_regions(text) if Q._MARK_RE.search(text) else []
    starts = [r.start for r in regions]
    base = []
    since_verb, colon_since = 99, False
    for tok in toks:
        cls = _token_class(tok)
        if cls == "trig":
            since_verb, colon_since = 0, False
        elif tok.word:
            since_verb += 1
        if cls == "colon":
            colon_since = True
        j = bisect.bisect_right(starts, tok.start) - 1
        inside = j >= 0 and regions[j].start <= tok.start < regions[j].end
        rule = next((q["kind"][0] for q in rule_quotes if q["start"] <= tok.start < q["end"]), "O")
        line_start = text.rfind("\n", 0, tok.start) + 1
        base.append(
            {
                "c": cls,
                "r": "1" if inside else "0",
                "rl": _bucket(Q._token_count(text, regions[j].start, regions[j].end)) if inside else "-",
                "rule": rule,
                "st": _bucket(min(since_verb, 20)),
                "col": "1" if colon_since else "0",
                "par": "1" if not text[line_start : tok.start].strip() else "0",
            }
        )
    feats = []
    for i in range(len(toks)):
        here = ("c", "r", "rl", "rule", "st", "col", "par") if stacked else ("c", "r", "rl", "st", "col", "par")
        around = ("c", "rule") if stacked else ("c", "r")
        row = ["bias", f"cr={base[i]['c']}|{base[i]['r']}" + (f"|{base[i]['rule']}" if stacked else "")]
        for d in (-3, -2, -1, 0, 1, 2):
            k = i + d
            if not 0 <= k < len(toks):
                row.append(f"{d}:pad")
                continue
            for key in here if d == 0 else around:
                row.append(f"{d}:{key}={base[k][key]}")
        if words:
            row.extend(
                f"{d}:w={toks[i + d].norm}" for d in (-2, -1, 0, 1) if 0 <= i + d < len(toks) and toks[i + d].word
            )
        if i:
            row.append(f"c-1c0={base[i - 1]['c']}|{base[i]['c']}")
        feats.append(row)
    return toks, feats


def _spans(toks: list[Any], inside: list[bool]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    current: list[int] | None = None
    for tok, flag in zip(toks, inside, strict=True):
        if flag:
            current = [tok.start, tok.end] if current is None else [current[0], tok.end]
        elif current is not None:
            out.append((current[0], current[1]))
            current = None
    if current is not None:
        out.append((current[0], current[1]))
    return out


def main(argv: list[str]) -> None:
    words, stacked = "--words" in argv, "--unstacked" not in argv
    argv = [a for a in argv if a not in ("--words", "--unstacked")]
    train_last = int(argv[0]) if argv else 72
    thresholds = [float(t) for t in argv[1:]] or [0.5, 0.3, 0.15]
    sets: list[tuple[int, list[dict[str, Any]]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, path in enumerate(QUOTE_SETS):
            out = Path(tmp) / f"{number}.jsonl"
            build_eval_file(DATA, out, dev=path)
            sets.append((number, read_eval_file(out)))
        trainer = pycrfsuite.Trainer(verbose=False)
        tests = []
        for number, articles in sets:
            predictions = predict(articles)
            for article in articles:
                rule = predictions[str(article["id"])]
                toks, feats = featurize(article["text"], rule, words, stacked)
                gold = [(q["start"], q["end"]) for q in article["quotes"] if q["kind"] == "direct"]
                if number <= train_last:
                    labels = ["I" if any(s <= t.start < e for s, e in gold) else "O" for t in toks]
                    trainer.append(feats, labels)
                else:
                    tests.append((article["text"], toks, feats, gold, rule))
        trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150})
        model = str(Path(tmp) / "crf.model")
        trainer.train(model)
        tagger = pycrfsuite.Tagger()
        tagger.open(model)
        marginals = []
        for _, toks, feats, _, _ in tests:
            tagger.set(feats)
            marginals.append([tagger.marginal("I", i) for i in range(len(toks))])
    gold_n = sum(len(g) for *_, g, _ in tests)
    rule_pred = rule_right = 0
    for _, _, _, gold, rule in tests:
        direct = [(q["start"], q["end"]) for q in rule if q["kind"] == "direct"]
        rule_pred += len(direct)
        rule_right += len(match_spans(direct, gold))
    print(f"{len(tests)} test articles (held-outs {train_last + 1}-{len(QUOTE_SETS) - 1}), {gold_n} gold direct quotes")
    print(f"rules alone          P {rule_right / rule_pred:.3f} R {rule_right / gold_n:.3f}", end=" ")
    print(f"({rule_right} of {rule_pred})")
    for threshold in thresholds:
        pred = right = 0
        for (text, toks, _, gold, rule), probs in zip(tests, marginals, strict=True):
            covered = [(q["start"], q["end"]) for q in rule]
            added = [
                (s, e)
                for s, e in _spans(toks, [p > threshold for p in probs])
                if len(text[s:e].split()) >= 3 and not any(min(e, b) > max(s, a) for a, b in covered)
            ]
            direct = [(q["start"], q["end"]) for q in rule if q["kind"] == "direct"] + added
            pred += len(direct)
            right += len(match_spans(direct, gold))
        print(f"rules + CRF at {threshold:<5} P {right / pred:.3f} R {right / gold_n:.3f} ({right} of {pred})")


if __name__ == "__main__":
    main(sys.argv[1:])
