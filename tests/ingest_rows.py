"""Every row of a store, for comparing two ingests of the same input: "the same rows".

Left out: when an article was ingested, and which migrations ran when.  Ids a sequence hands out
(storylines, merged events and quotes, their mentions) are compared by rank, not value: PostgreSQL
spends a sequence's values in transactions that roll back (an ingest killed inside a write), so
only their order is the same in two runs, and every column that refers to them is mapped alike.
"""
from __future__ import annotations

import json

from sqlalchemy import create_engine, select, text
from sqlalchemy.pool import NullPool

from hronika.store import schema as S

SKIP_TABLES = {"schema_migrations"}
SKIP_COLUMNS = {"ingested_at"}


def _serial(table) -> bool:
    return any(c.primary_key and c.autoincrement is True for c in table.columns)


def _plain(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, float):
        return round(value, 9)
    return value if value is None or isinstance(value, (int, str, bool)) else str(value)


def rows(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url, poolclass=NullPool)
    out: dict[str, list[tuple]] = {}
    try:
        with engine.connect() as conn:
            rank = {}
            for t in S.metadata.sorted_tables:
                if _serial(t):
                    ids = conn.execute(select(t.c.id).order_by(t.c.id)).scalars().all()
                    rank[t.name] = {v: i for i, v in enumerate(ids)}
            for t in S.metadata.sorted_tables:
                if t.name in SKIP_TABLES:
                    continue
                cols = [c for c in t.columns if c.name not in SKIP_COLUMNS]
                maps = []
                for c in cols:
                    target = next((fk.column.table.name for fk in c.foreign_keys if fk.column.table.name in rank), None)
                    maps.append(rank.get(t.name) if (c.primary_key and _serial(t)) else rank.get(target))
                got = []
                for r in conn.execute(select(*cols)):
                    got.append(tuple(_plain(m[v] if m is not None and v is not None else v) for m, v in zip(maps, r)))
                out[t.name] = sorted(got, key=repr)
            if engine.dialect.name == "sqlite":
                q = "SELECT d.id, f.title, f.text, f.stitle, f.stext FROM documents d JOIN documents_fts f ON f.rowid = d.fts_rowid"
            else:
                q = "SELECT doc, CAST(terms AS TEXT) FROM documents_search"
            out["search"] = sorted(map(tuple, conn.execute(text(q))), key=repr)
    finally:
        engine.dispose()
    return out


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    """The tables whose rows differ, each with how many rows either side has only."""
    out = []
    for name in sorted(set(a) | set(b)):
        x, y = a.get(name, []), b.get(name, [])
        if x != y:
            only_a = len(set(x) - set(y)) if len(set(x)) == len(x) else "?"
            out.append(f"{name}: {len(x)} vs {len(y)} rows, {only_a} only in the first")
    return out
