"""Settings: one frozen dataclass per stage, gathered in ``Settings``.

Precedence: built-in defaults < ``akhbar.toml`` (in the working directory, or the file named by
``AKHBAR_CONFIG``) < ``AKHBAR_*`` environment variables < explicit arguments (the CLI's flags).
Only this module reads the environment; stages receive their config objects.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from akhbar.errors import ConfigError


@dataclass(frozen=True, slots=True)
class IngestConfig:
    batch_size: int = 500  # articles per store transaction
    max_file_bytes: int = 512 * 1024 * 1024  # larger inputs are rejected, not read into memory
    min_text_chars: int = 20  # shorter bodies are flagged short-body (or empty-body)
    search_index: bool = True  # index each stored batch for search at once; off: the first search indexes


@dataclass(frozen=True, slots=True)
class CleanConfig:
    enabled: bool = True
    outlet_boilerplate_min_articles: int = 20  # an outlet needs this many articles before learning
    outlet_boilerplate_min_share: float = 0.05  # a line seen in this share of an outlet's articles
    outlet_boilerplate_min_count: int = 3  # ... and in at least this many of them
    subheading_max_words: int = 12  # longer lines are never taken for sub-headings
    split_multiple_stories: bool = True  # yield a second article when a document holds two stories
    # Learned per-outlet boilerplate: (source, whitespace-normalized lines), sorted by source. Built by
    # the service with akhbar.stages.clean.OutletBoilerplate(...).configure(cfg); not a file setting.
    outlet_lines: tuple[tuple[str, frozenset[str]], ...] = ()


@dataclass(frozen=True, slots=True)
class NormalizeConfig:
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    threshold: float = 0.20  # the scorer's probability needed to join a story
    event_threshold: float = 0.70  # ... and to join an event inside the story
    window_days: float = 3.0  # articles leave the active window (and its document frequencies) after this
    max_terms: int = 120  # terms kept per article representation
    candidate_terms: int = 12  # rarest terms an article is indexed and looked up by
    title_weight: float = 2.0  # title terms count this many times in the word vector
    min_terms: int = 5  # articles with fewer distinct terms (a bare "كاريكاتير") never join a story
    # The scorer: a logistic regression over the pair features of akhbar.stages.cluster.FEATURES,
    # fitted on the labelled day by bench/tune_cluster.py (which prints the fit and its cross-validation).
    bias: float = -6.48
    weight_centroid: float = 5.34
    weight_member: float = 4.70
    weight_title: float = 2.93
    weight_keys: float = 3.55  # share of the article's distinctive terms the cluster has
    weight_outlet: float = 0.07  # share of the cluster's articles from the article's own outlet
    weight_gap: float = -0.41  # per day between the article and the nearest end of the cluster's span
    weight_entities: float = 2.0  # shared named entities (reads 0 until the entity stage feeds it)

    def weights(self) -> tuple[float, ...]:
        """The bias, then one weight per feature of ``akhbar.stages.cluster.FEATURES``."""
        return (
            self.bias,
            self.weight_centroid,
            self.weight_member,
            self.weight_title,
            self.weight_keys,
            self.weight_outlet,
            self.weight_gap,
            self.weight_entities,
        )


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    entities: bool = True  # tag named entities at ingest (the shipped CRF model)
    quotes: bool = True  # find direct and reported speech at ingest


@dataclass(frozen=True, slots=True)
class DedupeConfig:
    threshold: float = 0.5  # Jaccard similarity of shingle sets that makes a near duplicate
    shingle_words: int = 5  # words per shingle
    min_words: int = 5  # bodies with fewer normalized words are never compared (captions, "كاريكاتير")
    sample_safety: float = 20.0  # expected shared sampled shingles of a pair at the threshold ...
    min_shared: int = 2  # ... of which a candidate must share this many (miss ≈ 21·e^-20 ≈ 4e-8)


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = Path("akhbar.db")
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    dedupe: DedupeConfig = field(default_factory=DedupeConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)


_TOP_LEVEL = {"db"}
_SECTIONS = {
    "ingest": IngestConfig,
    "clean": CleanConfig,
    "normalize": NormalizeConfig,
    "extract": ExtractConfig,
    "dedupe": DedupeConfig,
    "cluster": ClusterConfig,
}


def _coerce(value: Any, current: Any, name: str) -> Any:
    try:
        if isinstance(current, bool):
            if isinstance(value, str):
                if value.lower() in {"1", "true", "yes", "on"}:
                    return True
                if value.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(current, Path):
            return Path(value)
        return type(current)(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot use {value!r} ({exc})") from exc


def _apply(obj: Any, values: dict[str, Any], prefix: str) -> Any:
    known = {f.name for f in fields(obj)}
    changes = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown setting {prefix}{key} (known: {', '.join(sorted(known))})")
        changes[key] = _coerce(value, getattr(obj, key), prefix + key)
    return replace(obj, **changes)


def load_settings(env: dict[str, str] | None = None, cwd: Path | None = None, **overrides: Any) -> Settings:
    """Build Settings from defaults, akhbar.toml, AKHBAR_* variables and explicit overrides."""
    env = dict(os.environ) if env is None else env
    cwd = cwd or Path.cwd()
    settings = Settings()
    config_path = Path(env["AKHBAR_CONFIG"]) if "AKHBAR_CONFIG" in env else cwd / "akhbar.toml"
    if config_path.exists():
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{config_path}: not valid TOML ({exc})") from exc
        settings = _merge(settings, data, str(config_path) + ": ")
    for key, value in sorted(env.items()):
        if not key.startswith("AKHBAR_") or key == "AKHBAR_CONFIG":
            continue
        parts = key[len("AKHBAR_") :].lower().split("__")
        if len(parts) == 1 and parts[0] in _TOP_LEVEL:
            settings = replace(settings, **{parts[0]: _coerce(value, getattr(settings, parts[0]), key)})
        elif len(parts) == 2 and parts[0] in _SECTIONS:
            section = getattr(settings, parts[0])
            if parts[1] in {f.name for f in fields(section)}:
                changed = replace(section, **{parts[1]: _coerce(value, getattr(section, parts[1]), key)})
                settings = replace(settings, **{parts[0]: changed})
        # other AKHBAR_* variables (tokens for the server, say) are not settings
    return _merge(settings, {k: v for k, v in overrides.items() if v is not None}, "")


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """Settings from ``dataclasses.asdict(settings)`` (after a JSON round trip): the inverse of asdict."""
    return _merge(Settings(), data, "")


def _merge(settings: Settings, data: dict[str, Any], where: str) -> Settings:
    top: dict[str, Any] = {}
    for key, value in data.items():
        if key in _SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"{where}[{key}] must be a table")
            settings = replace(settings, **{key: _apply(getattr(settings, key), value, f"{where}{key}.")})
        else:
            top[key] = value
    return _apply(settings, top, where) if top else settings
