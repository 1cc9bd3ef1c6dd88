"""Compare two sets of readings (JSON Lines from ``hronika read``), article by article.

    python -m bench.compare_readings BEFORE.jsonl AFTER.jsonl [--show 20]

Reports, per top-level field, how many articles differ, and lists the first differences.  A
value present only in AFTER (a field or an attribute that was not serialized before, such as a
mention's ``place``) is counted apart as "added", not as a change: a refactoring that must keep
readings unchanged may add what used to be lost, and must change nothing else.  Exit code 1 when
anything changed or an article is missing on one side; 2 when a file holds no readings at all.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any, Iterator


def load(path: str) -> dict[str, dict[str, Any]]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                out[r["id"]] = r
    return out


def diff(a: Any, b: Any, where: str = "") -> Iterator[tuple[str, str, Any, Any]]:
    """(kind, path, before, after) for every difference; kind is "changed" or "added"."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                yield "changed", f"{where}.{k}", a[k], "<missing>"
            else:
                yield from diff(a[k], b[k], f"{where}.{k}")
        for k in b:
            if k not in a and b[k] not in (None, [], {}):
                yield "added", f"{where}.{k}", "<absent>", b[k]
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield "changed", f"{where}[len]", len(a), len(b)
        for i, (x, y) in enumerate(zip(a, b)):
            yield from diff(x, y, f"{where}[{i}]")
        return
    if a != b:
        yield "changed", where, a, b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--show", type=int, default=20, help="list this many differences of each kind")
    args = ap.parse_args(argv)
    before, after = load(args.before), load(args.after)
    for path, side in ((args.before, before), (args.after, after)):
        if not side:  # a reader that failed writes nothing: "nothing changed" would be a lie
            print(f"error: {path} holds no readings", file=sys.stderr)
            return 2
    missing = sorted(set(before) - set(after))
    extra = sorted(set(after) - set(before))
    counts: dict[str, Counter] = {"changed": Counter(), "added": Counter()}
    shown: dict[str, list[str]] = {"changed": [], "added": []}
    for doc_id in sorted(set(before) & set(after)):
        seen: dict[str, set[str]] = {"changed": set(), "added": set()}
        for kind, path, x, y in diff(before[doc_id], after[doc_id]):
            field = path.split(".")[1].split("[")[0]
            seen[kind].add(field)
            if len(shown[kind]) < args.show:
                shown[kind].append(f"  {doc_id}{path}: {json.dumps(x, ensure_ascii=False)[:80]} -> "
                                   f"{json.dumps(y, ensure_ascii=False)[:80]}")
        for kind in seen:
            counts[kind].update(seen[kind])
    print(f"articles: {len(before)} before, {len(after)} after, {len(missing)} missing, {len(extra)} new")
    for kind in ("changed", "added"):
        if counts[kind]:
            print(f"{kind} (articles per field): " + ", ".join(f"{k} {v}" for k, v in counts[kind].most_common()))
            print("\n".join(shown[kind]))
        else:
            print(f"{kind}: nothing")
    return 1 if counts["changed"] or missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
