"""The rows of one article, built from its reading (the dict of ``serialize.to_json``) and the layer
declarations (``hronika/layers.py``): one row per item of a layer that has a table.

A row holds ``doc``; ``kind`` where layers share a table; ``start``, ``end`` and, where the table
has it, ``surface`` (the text of the span) for spans; and each declared attribute that has a
column.  An empty string is stored as NULL (an entity without a global key has ``kb`` NULL).

``article_rows`` yields one (table, rows) pair at a time, so that the store writes each table's
rows as soon as they are built: a builder that fails halfway through an article fails inside the
article's transaction, after some of its rows were written -- which the transaction undoes.
"""
from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import Table

from ..layers import LAYERS, Layer
from . import schema as S

Row = dict[str, Any]


def layer_rows(layer: Layer, reading: dict[str, Any]) -> list[Row]:
    """The rows of ``layer`` for one article."""
    table = S.metadata.tables[layer.table]
    surface = "surface" in table.c
    columns = [(a.name, a.column_name) for a in layer.attrs if a.column_name]
    out = []
    for item in reading.get(layer.name) or []:
        if layer.kind == "records" and layer.record is None:
            item = {layer.attrs[0].name: item}
        row: Row = {"doc": reading["id"]}
        if layer.row_kind:
            row["kind"] = layer.row_kind
        if layer.kind == "spans":
            row["start"], row["end"] = item["start"], item["end"]
            if surface:
                row["surface"] = reading["text"][item["start"]:item["end"]]
        for name, column in columns:
            value = item.get(name)
            row[column] = None if value == "" else value
        out.append(row)
    return out


def table_rows(table: Table, reading: dict[str, Any]) -> list[Row]:
    """The rows of ``table`` for one article: those of every layer it holds, each row with every
    column any of them fills (one INSERT takes rows of one shape)."""
    rows = [r for layer in LAYERS.values() if layer.table == table.name for r in layer_rows(layer, reading)]
    keys = dict.fromkeys(k for r in rows for k in r)
    return [{k: r.get(k) for k in keys} for r in rows]


def article_rows(reading: dict[str, Any]) -> Iterator[tuple[Table, list[Row]]]:
    """(table, rows) for every table of one article, in the order they are written, built lazily.

    The builders are looked up when called, so a test can replace one (``monkeypatch``)."""
    for table in S.ARTICLE_TABLES:
        yield table, table_rows(table, reading)
