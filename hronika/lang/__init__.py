"""Language data: plain files under lang/<code>/, each headed by where it came from.

Text files: one item a line; lines starting with '#' are comments (the first names the source).
JSON files: a "_source" key names the source.
"""
from __future__ import annotations

import json
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
