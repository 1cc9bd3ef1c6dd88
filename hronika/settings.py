"""Settings: one object, built once from command-line flags, the environment or a file, and passed
in to whatever needs it.  No module below the CLI and the library API reads the environment.

A ``Settings`` is frozen and hashable, so that what is loaded for one configuration (the knowledge
base, the models) can be cached per configuration: a web app may hold two at once.

Environment variables (``Settings.from_env``):

========================  ===============================================================
``HRONIKA_DB``            default database URL (``sqlite:///hronika.db``)
``HRONIKA_ALIASES``       your alias files (TSV), separated by ``os.pathsep``
                          (default ``~/.config/hronika/aliases.tsv`` when it exists)
``HRONIKA_NER_BG``        another folder for the Bulgarian NER model (likewise ``_RU``)
``HRONIKA_KB_DERIVED``    another folder of SlavicNER-derived KB tables (the benchmark's)
``HRONIKA_NO_METONYMY``   ``1``: capitals stay cities (SlavicNER's convention)
``HRONIKA_NATASHA``       ``1``: natasha's votes beside the Russian NER model (needs ``hronika[natasha]``)
``HRONIKA_CONFIG``        a TOML file with the same settings (keys as the field names below)
========================  ===============================================================

Precedence, lowest first: defaults, the file, the environment, explicit overrides (CLI flags).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping

DEFAULT_DB = "sqlite:///hronika.db"
DEFAULT_ALIASES = Path("~/.config/hronika/aliases.tsv")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the setting and where it came from."""


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB
    # User alias files (TSV: alias, key[, type[, name]]); a user alias wins over every shipped one.
    aliases: tuple[Path, ...] = (DEFAULT_ALIASES,)
    # language code -> folder of a spaCy NER model used instead of the shipped one
    ner_models: tuple[tuple[str, Path], ...] = ()
    # folder of SlavicNER-derived KB tables used instead of the package's (None: the package's)
    kb_derived: Path | None = None
    # a capital that acts as a party joins its country (GUIDELINES §1); False keeps it a city
    metonymy: bool = True
    # natasha's NER votes beside the Russian model (hronika/stages/ner_votes.py; natasha installed):
    # off by default, see bench/RESULTS.md "Named entities, leave one topic out"
    natasha: bool = False

    def ner_model(self, lang: str) -> Path | None:
        """The folder of the NER model for ``lang`` set by the user, or None for the shipped one."""
        return dict(self.ner_models).get(lang)

    def alias_paths(self) -> list[Path]:
        return [p.expanduser() for p in self.aliases]

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some fields changed (None values are ignored, as unset CLI flags)."""
        _check_names(changes, "an override")
        return replace(self, **{k: _coerce(k, v, "an override") for k, v in changes.items() if v is not None})

    # ------------------------------------------------------------------ sources

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str, base: "Settings | None" = None) -> "Settings":
        _check_names(values, where)
        base = base or cls()
        return replace(base, **{k: _coerce(k, v, where) for k, v in values.items()})

    @classmethod
    def from_file(cls, path: str | Path, base: "Settings | None" = None) -> "Settings":
        p = Path(path).expanduser()
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SettingsError(f"settings file {p} does not exist") from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"settings file {p} cannot be read: {exc}") from exc
        return cls.from_mapping(data, f"settings file {p}", base)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, base: "Settings | None" = None,
                 config: str | Path | None = None) -> "Settings":
        """Settings from the environment (``os.environ`` unless given), over the settings file
        (``config`` when given, else ``HRONIKA_CONFIG``'s when it names one), over ``base``
        (defaults)."""
        env = os.environ if environ is None else environ
        s = base or cls()
        config = config or env.get("HRONIKA_CONFIG")
        if config:
            s = cls.from_file(config, s)
        values: dict[str, Any] = {}
        if env.get("HRONIKA_DB"):
            values["db"] = env["HRONIKA_DB"]
        if env.get("HRONIKA_ALIASES"):
            values["aliases"] = [p for p in env["HRONIKA_ALIASES"].split(os.pathsep) if p]
        models = dict(s.ner_models)
        for key, value in env.items():
            if key.startswith("HRONIKA_NER_") and value:
                models[key[len("HRONIKA_NER_"):].lower()] = value
        if models != dict(s.ner_models):
            values["ner_models"] = models
        if env.get("HRONIKA_KB_DERIVED"):
            values["kb_derived"] = env["HRONIKA_KB_DERIVED"]
        if "HRONIKA_NO_METONYMY" in env:
            values["metonymy"] = env["HRONIKA_NO_METONYMY"] in ("", "0")
        if "HRONIKA_NATASHA" in env:
            values["natasha"] = env["HRONIKA_NATASHA"] not in ("", "0")
        return cls.from_mapping(values, "the environment", s)


def _check_names(values: Mapping[str, Any], where: str) -> None:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(f"{where}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")


def _coerce(name: str, value: Any, where: str) -> Any:
    """A value from a file, the environment or a flag in the field's own type."""
    try:
        if name == "db":
            if not isinstance(value, str) or not value:
                raise TypeError("a database URL or file path")
            return value
        if name == "aliases":
            items = [value] if isinstance(value, (str, Path)) else list(value)
            return tuple(Path(p) for p in items)
        if name == "ner_models":
            items = value.items() if isinstance(value, Mapping) else value
            return tuple(sorted((str(k).lower(), Path(v)) for k, v in items))
        if name == "kb_derived":
            return None if value in (None, "") else Path(value)
        if name in ("metonymy", "natasha"):
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("1", "true", "yes", "0", "false", "no"):
                return value.lower() in ("1", "true", "yes")
            raise TypeError("true or false")
    except (TypeError, ValueError, AttributeError) as exc:
        raise SettingsError(f"{where}: setting {name!r} = {value!r} is not valid ({exc})") from exc
    return value


DEFAULTS = Settings()
