"""Settings from a file, the environment and overrides, in that order; bad ones say where."""
from pathlib import Path

import pytest

from hronika.settings import Settings, SettingsError


def _file(tmp_path, text, name="hronika.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_file_then_environment_then_overrides(tmp_path):
    cfg = _file(tmp_path, 'db = "sqlite:///file.db"\nmetonymy = false\nner_models = {bg = "/models/bg"}\n')
    s = Settings.from_env({"HRONIKA_CONFIG": str(cfg)})
    assert (s.db, s.metonymy, s.ner_model("bg")) == ("sqlite:///file.db", False, Path("/models/bg"))
    s = Settings.from_env({"HRONIKA_CONFIG": str(cfg), "HRONIKA_DB": "sqlite:///env.db"})
    assert s.db == "sqlite:///env.db" and s.metonymy is False
    assert s.replace(db="sqlite:///flag.db", metonymy=None).db == "sqlite:///flag.db"


def test_a_config_given_is_read_instead_of_the_environments(tmp_path):
    env_file = _file(tmp_path, 'db = "sqlite:///from-env-file.db"\n', "env.toml")
    flag_file = _file(tmp_path, 'db = "sqlite:///from-flag-file.db"\n', "flag.toml")
    s = Settings.from_env({"HRONIKA_CONFIG": str(env_file)}, config=flag_file)
    assert s.db == "sqlite:///from-flag-file.db"
    assert Settings.from_env({}, config=None) == Settings()


@pytest.mark.parametrize("text, message", [
    ('colour = "red"\n', "unknown setting(s) colour"),
    ("db = 5\n", "setting 'db' = 5 is not valid"),
    ("metonymy = \"sometimes\"\n", "setting 'metonymy'"),
    ("db = \n", "cannot be read"),
])
def test_a_bad_file_names_itself_and_the_problem(tmp_path, text, message):
    cfg = _file(tmp_path, text)
    with pytest.raises(SettingsError, match="settings file .*hronika.toml") as exc:
        Settings.from_file(cfg)
    assert message in str(exc.value)


def test_a_missing_file_and_an_unknown_override_are_settings_errors(tmp_path):
    with pytest.raises(SettingsError, match="does not exist"):
        Settings.from_env({"HRONIKA_CONFIG": str(tmp_path / "none.toml")})
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings().replace(database="x")
