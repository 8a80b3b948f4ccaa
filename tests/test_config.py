from pathlib import Path

import pytest

from akhbar.config import load_settings
from akhbar.errors import ConfigError


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(env={}, cwd=tmp_path)
    assert settings.db == Path("akhbar.db")
    assert settings.cluster.window_days == 3.0


def test_precedence_defaults_toml_env_arguments(tmp_path: Path) -> None:
    (tmp_path / "akhbar.toml").write_text('db = "from-toml.db"\n[cluster]\nthreshold = 0.4\nwindow_days = 5\n')
    settings = load_settings(env={}, cwd=tmp_path)
    assert settings.db == Path("from-toml.db")
    assert settings.cluster.threshold == 0.4
    settings = load_settings(env={"AKHBAR_DB": "env.db", "AKHBAR_CLUSTER__THRESHOLD": "0.5"}, cwd=tmp_path)
    assert settings.db == Path("env.db")
    assert settings.cluster.threshold == 0.5
    assert settings.cluster.window_days == 5.0  # untouched by env, still from the file
    settings = load_settings(env={"AKHBAR_DB": "env.db"}, cwd=tmp_path, db=Path("arg.db"))
    assert settings.db == Path("arg.db")


def test_unknown_setting_in_file_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "akhbar.toml").write_text("[cluster]\ntreshold = 0.4\n")
    with pytest.raises(ConfigError, match=r"cluster\.treshold"):
        load_settings(env={}, cwd=tmp_path)


def test_bad_value_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="AKHBAR_CLUSTER__THRESHOLD"):
        load_settings(env={"AKHBAR_CLUSTER__THRESHOLD": "high"}, cwd=tmp_path)


def test_unrelated_akhbar_variables_are_ignored(tmp_path: Path) -> None:
    settings = load_settings(env={"AKHBAR_API_TOKEN": "secret"}, cwd=tmp_path)
    assert settings.db == Path("akhbar.db")
