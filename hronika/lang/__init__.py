"""Language data: plain files under lang/<code>/, each headed by where it came from.

Text files: one item a line; lines starting with '#' are comments (the first names the source).
JSON files: a "_source" key names the source.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).parent


def path(lang: str, name: str) -> Path:
    return ROOT / lang / name


@lru_cache(maxsize=None)
def load_list(lang: str, name: str) -> tuple[str, ...]:
    items = []
    for line in path(lang, name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            items.append(line)
    return tuple(items)


@lru_cache(maxsize=None)
def load_json(lang: str, name: str) -> dict:
    return json.loads(path(lang, name).read_text(encoding="utf-8"))


def header(p: Path) -> str:
    """The source line of a data file (for sanity tests)."""
    if p.suffix == ".json":
        return str(json.loads(p.read_text(encoding="utf-8")).get("_source", ""))
    first = p.read_text(encoding="utf-8").splitlines()[0] if p.stat().st_size else ""
    return first.lstrip("# ").strip() if first.startswith("#") else ""


@lru_cache(maxsize=None)
def load_sections(lang: str, name: str) -> dict[str, tuple[str, ...]]:
    """A list file split by ``[section]`` lines."""
    out: dict[str, list[str]] = {}
    current = ""
    for item in load_list(lang, name):
        if item.startswith("[") and item.endswith("]"):
            current = item[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).append(item)
    return {k: tuple(v) for k, v in out.items()}


# ------------------------------------------------------------------ languages

# A language hronika meets but has no data of its own for reads its close neighbour's data and
# model.  This is the only place that says so.
FALLBACK = {"mk": "bg", "sr": "bg", "uk": "ru", "be": "ru"}
# Languages whose NER model ships (hronika/models/ner-<code>).
MODELS = frozenset({"bg", "ru"})


@dataclass(frozen=True)
class Language:
    """One language's defaults: where its data is read from, which model reads it, how its words
    are folded.  Algorithms ask this object; they hold no language's words themselves."""

    code: str

    @property
    def data_code(self) -> str:
        """The folder under lang/ that holds this language's data (its own, else its neighbour's)."""
        return self.code if (ROOT / self.code).is_dir() else FALLBACK.get(self.code, self.code)

    @property
    def fallback(self) -> str | None:
        return FALLBACK.get(self.code)

    @property
    def model(self) -> str | None:
        """The language of the NER model that reads this language (None: rules only)."""
        code = FALLBACK.get(self.code, self.code)
        return code if code in MODELS else None

    def path(self, name: str) -> Path:
        return path(self.data_code, name)

    def has(self, name: str) -> bool:
        return self.path(name).exists()

    def list(self, name: str) -> tuple[str, ...]:
        return load_list(self.data_code, name)

    def json(self, name: str) -> dict:
        return load_json(self.data_code, name)

    def sections(self, name: str) -> dict[str, tuple[str, ...]]:
        return load_sections(self.data_code, name)


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    """The Language for an ISO 639-1 code (``get("mk").data_code == "bg"``)."""
    return Language(code)
