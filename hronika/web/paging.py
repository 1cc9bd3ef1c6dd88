"""Cursors: the key of the last row shown, opaque to the user (URL-safe base64 of JSON).

A list's next page is asked for with ``cursor=<next>``; there is no cap on how far one pages.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any, Sequence

from fastapi import HTTPException

# What each list's key holds, in order: the kinds ``decode`` checks.
SHAPES = {
    "articles": ("date", "str"),
    "entities": ("int", "str"),
    "search": ("float", "str"),
    "storylines": ("int",),
}


def encode(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _fits(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "date" and isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            return True
        except ValueError:
            return False
    return False


def decode(cursor: str | None, shape: str) -> list[Any] | None:
    """The key a cursor holds; a 400 when it is not a cursor of this list."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    kinds = SHAPES[shape]
    if not (isinstance(key, list) and len(key) == len(kinds) and all(map(_fits, kinds, key))):
        raise HTTPException(400, f"cursor {cursor[:60]!r} is not a cursor of this list: "
                                 f"use the 'next' value a page gave")
    return key


def page(rows: list[dict[str, Any]], limit: int) -> dict[str, Any]:
    """A page of a list fetched with ``limit + 1`` rows: the rows, and the cursor of the next page
    (None on the last)."""
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = encode(rows[-1]["key"]) if more else None
    for r in rows:
        r.pop("key", None)
    return {"items": rows, "next": nxt}
