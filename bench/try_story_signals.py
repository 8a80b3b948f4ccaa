"""Experiment: does one more pair feature lift story recall? (Not used by akhbar; kept to be re-run.)

Usage::

    python bench/try_story_signals.py DEV.jsonl HELD.jsonl [SIGNAL ...]

``DEV.jsonl`` and ``HELD.jsonl`` are ``akhbar eval stories`` files of the two labelled days (build
them with ``python -m akhbar.eval.story_labels``); the scorer is refitted on DEV only, as
``bench/tune_cluster.py`` does, and both days are clustered at four story thresholds. Each SIGNAL
takes the place of the ``entities`` feature (which reads 0 without the entity stage):

- ``none``: the six default features (the refitted baseline);
- ``size``: log(1 + the cluster's articles), a size prior as a Chinese-restaurant process has;
- ``outlets``: log(1 + the cluster's distinct outlets);
- ``sharedkeys``: log(1 + the article's distinctive terms found in the cluster), a count where
  ``keys`` is a share;
- ``maxidf``: the rarest of those shared terms, its idf over the largest idf possible (one rare
  shared name).
"""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tune_cluster
from akhbar.config import ClusterConfig
from akhbar.stages import cluster as C

SIGNALS = ("none", "size", "outlets", "sharedkeys", "maxidf")


def clusterer_with(signal: str) -> type[C.StoryClusterer]:
    class WithSignal(C.StoryClusterer):
        def _context(self, doc: C.Document, cluster: C._Cluster | C._Archived) -> tuple[float, float, float, float]:
            keys, outlet, gap, _ = super()._context(doc, cluster)
            value = 0.0
            if isinstance(cluster, C._Cluster):
                if signal == "size":
                    value = math.log1p(len(cluster.members))
                elif signal == "outlets":
                    value = math.log1p(sum(1 for count in cluster.sources.values() if count))
                elif signal == "sharedkeys":
                    value = math.log1p(sum(1 for term in doc.keys if term in cluster.weights))
                elif signal == "maxidf":
                    total = self.documents + 1
                    shared = [term for term in doc.keys if term in cluster.weights]
                    value = max((self._idf(t, total) for t in shared), default=0.0) / (math.log(total + 1) + 1.0)
            return (keys, outlet, gap, value)

    return WithSignal


def main(argv: list[str]) -> None:
    dev = tune_cluster.load_day(Path(argv[0]))
    held = tune_cluster.load_day(Path(argv[1]))
    for signal in argv[2:] or SIGNALS:
        tune_cluster.StoryClusterer = clusterer_with(signal)  # type: ignore[misc]
        used = C.FEATURES[:6] if signal == "none" else C.FEATURES
        cfg = tune_cluster.fit_config(dev, ClusterConfig(), used)
        weights = {name: round(getattr(cfg, name), 3) for name in ("bias", *(f"weight_{u}" for u in used))}
        print(f"{signal}: weights {weights}")
        for threshold in (0.15, 0.2, 0.25, 0.3):
            trial = replace(cfg, threshold=threshold)
            first, _ = tune_cluster.cluster_day(dev, trial)
            second, _ = tune_cluster.cluster_day(held, trial)
            print(f"  threshold {threshold}: dev {tune_cluster._line(first)}")
            print(f"  {'':>{len(str(threshold)) + 10}} held {tune_cluster._line(second)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
