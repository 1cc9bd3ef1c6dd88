"""Every layer of a reading, declared once.

A layer is what a stage adds to a Document and what a reading carries out: its JSON field, its
store table, the attributes of each item.  ``serialize.py`` and ``store/rows.py`` are derived from
these declarations, ``pipeline.build`` checks stage declarations against them, and the strict
reader checks what each stage really changed.  Two kinds:

- ``spans``: stretches of ``Document.text`` (``Span``), kept sorted by offset; a layer with a
  ``label`` writes ``Span.label`` under that JSON key (timexes: ``type``);
- ``records``: items that refer to other layers by id (entities; sources; soon events and quotes),
  each an instance of ``record`` (its dataclass fields, the rest in its ``attrs``), or, where
  ``record`` is None, the bare value of its one attribute (``sources: ["e5"]``).

Beside layers, a Document has two *properties* stages may set (``PROPERTIES``): ``lang`` (the
article's main language, serialized at the top level) and ``clean`` (the repaired text and its
offset map: an aid to analysis, never serialized or stored).

Adding a layer: a declaration here, the stage that ``assigns`` it, and, when it has a table, a
migration and the table in ``store/schema.py`` (docs/LAYERS.md has an example).
"""
from __future__ import annotations

from dataclasses import dataclass

from .document import Entity

# Attribute types (JSON value; "offsets": a list of (start, end) written as [{"start", "end"}]).
VALUE_TYPES = {"str": str, "int": int, "bool": bool, "list": list, "range": list, "offsets": list, "id": str,
               "ids": list, "span": dict}
# "ids": a list of ids of the layer the attribute ``refers`` to; "span": {"start", "end"}.


@dataclass(frozen=True)
class Attr:
    name: str
    type: str  # one of VALUE_TYPES
    doc: str
    required: bool = False
    column: str | None = ""  # its column in the layer's table ("": the attribute's name; None: none)
    refers: str | None = None  # an "id" or "range": the layer it points into

    @property
    def column_name(self) -> str | None:
        return self.name if self.column == "" else self.column


@dataclass(frozen=True)
class Layer:
    name: str
    kind: str  # "spans" | "records"
    doc: str
    attrs: tuple[Attr, ...] = ()
    label: str | None = None  # spans: the attribute that holds Span.label
    table: str | None = None  # its store table; None: kept only in the reading's JSON, or not at all
    row_kind: str | None = None  # value of the ``kind`` column where layers share a table
    record: type | None = None  # records: their class; None: bare values of the one attribute
    on_request: bool = False  # serialized only when asked for (``to_json(doc, tokens=True)``)

    def attr(self, name: str) -> Attr | None:
        return next((a for a in self.attrs if a.name == name), None)


@dataclass(frozen=True)
class Property:
    name: str
    doc: str
    serialized: bool


_ENTITY_REF = dict(type="id", refers="entities")
_ENTITIES = dict(type="ids", refers="entities")


def _event_attrs() -> tuple[Attr, ...]:
    return (
        Attr("type", "str", "PLOVER type (AGREE ... ASSAULT)", required=True),
        Attr("trigger", "span", "the trigger: the span itself, as the eval format writes it",
             required=True, column=None),
        Attr("mode", "str", "PLOVER mode where one fits (phone, visit, arrest, ...)"),
        Attr("actors", doc="the entities that act", required=True, **_ENTITIES),
        Attr("recipients", doc="the entities acted upon", required=True, **_ENTITIES),
        Attr("date", "str", "TIMEX value of when it happened (the governing time expression); "
             "absent when the text does not say"),
        Attr("sentence", "span", "the evidence sentence", required=True, column=None),
        Attr("sources", doc="the entities the text names as reporting it, nearest first",
             required=True, **_ENTITIES),
        Attr("asserted", "bool", "the text asserts it (GUIDELINES §3): a fact", required=True),
        Attr("negated", "bool", "negated (a refusal is REJECT, asserted)", column=None),
        Attr("conditional", "bool", "conditional", column=None),
        Attr("question", "bool", "asked, not told", column=None),
        Attr("future", "bool", "told as to come", column=None),
        Attr("irrealis", "bool", "intended or planned, not done", column=None),
        Attr("pattern", "str", "the lexicon entry that matched (lang/<code>/event_triggers.tsv)", column=None),
    )

_DECLARED = [
    Layer("entities", "records", "the article's named entities: mentions grouped, one name and one "
          "global key each", record=Entity, table="entities", attrs=(
              Attr("id", "str", "local id, e1, e2, ...", required=True, column="local_id"),
              Attr("type", "str", "PER, ORG, LOC, PRO, EVT", required=True),
              Attr("name", "str", "canonical name", required=True),
              Attr("kb", "str", "key across documents ('' stored as NULL)", required=True),
              Attr("mentions", "offsets", "its mentions' offsets (as the scorer reads them)",
                   required=True, column=None),
              Attr("place", "str", "the country key of a demonym entity", column=None),
              Attr("from", "str", "the stage that added it where not the entities stage (events: a "
                   "country named only by an adjective: the Belarusian authorities)", column=None))),
    Layer("mentions", "spans", "each mention of an entity, with its type", label="type",
          table="mentions", attrs=(
              Attr("type", "str", "the entity's type", required=True),
              Attr("entity", "id", "the entity it belongs to", required=True, refers="entities"),
              Attr("place", "str", "the country key of a demonym or of a capital standing for it"),
              Attr("metonym_of", "str", "the country key whose government a capital stands for"))),
    Layer("timexes", "spans", "time expressions, valued (TIMEX3)", label="type", table="timexes",
          attrs=(
              Attr("type", "str", "DATE, TIME, DURATION, SET", required=True),
              Attr("value", "str", "TIMEX3 value", required=True),
              Attr("mod", "str", "TIMEX3 mod (START, END, APPROX, ...)"))),
    Layer("posts", "spans", "embedded social-media posts", label="platform", table="posts", attrs=(
        Attr("platform", "str", "twitter, telegram, facebook, ...", required=True),
        Attr("author", "str", "the author's name as shown"),
        Attr("handle", "str", "the account handle"),
        Attr("date", "str", "the post's own date (ISO)"),
        Attr("lang", "str", "the post's language (set by the language stage)"),
        Attr("hashtags", "list", "hashtags, without #"),
        Attr("urls", "list", "links in the post"),
        Attr("body_end", "int", "where the post's text ends, before its signature", column=None))),
    Layer("paragraphs", "spans", "paragraphs", table="segments", row_kind="paragraph"),
    Layer("sentences", "spans", "sentences", table="segments", row_kind="sentence", attrs=(
        Attr("tokens", "range", "[first, last + 1] token index", required=True, column=None,
             refers="tokens"),
        Attr("lang", "str", "the sentence's language (set by the language stage)"))),
    Layer("segments", "spans", "runs of sentences in one language", label="lang", table="segments",
          row_kind="segment", attrs=(Attr("lang", "str", "their language", required=True),)),
    Layer("sources", "records", "the article's sources (entities)", table="sources",
          attrs=(Attr("entity", required=True, doc="a source entity", **_ENTITY_REF),)),
    Layer("references", "spans", "pronouns, descriptions and possessives resolved to the entity they "
          "refer to (he, the president, his spokesman)", label="kind", attrs=(
              Attr("kind", "str", "pronoun, description or possessive", required=True),
              Attr("entity", "id", "the entity referred to", required=True, refers="entities"))),
    Layer("citations", "spans", "each place the text names a source (reported by Reuters, according "
          "to BTA, in an interview for ...)", label="kind", attrs=(
              Attr("kind", "str", "source", required=True),
              Attr("entity", "id", "the source entity", required=True, refers="entities"),
              Attr("cue", "str", "the formula that cites it (lang/<code>/source_formulas.txt)"),
              Attr("line", "int", "where the dateline or credit line that names it starts (its place "
                   "names no speaker)", column=None))),
    Layer("quotes", "spans", "direct and reported speech, its speaker and the sources it comes "
          "through", table="quotes", attrs=(
              Attr("direct", "bool", "in quotation marks", required=True),
              Attr("speaker", "id", "the entity that speaks (null: not a named entity)",
                   refers="entities"),
              Attr("verb", "str", "the reporting verb as written"),
              Attr("sources", doc="the sources it is reported through, nearest first", required=True,
                   **_ENTITIES),
              Attr("chain", doc="the whole reporting chain, nearest first, the article's lead last",
                   required=True, **_ENTITIES),
              Attr("post", "bool", "the text of an embedded post, given to its author"))),
    Layer("events", "spans", "PLOVER events the text asserts, one per trigger", label="type",
          table="events", attrs=_event_attrs()),
    Layer("events_flagged", "spans", "events the text does not assert (negated, conditional, "
          "questioned, intended): kept for the analyst, left out of the facts", label="type",
          attrs=_event_attrs()),
    Layer("tokens", "spans", "tokens of the repaired text, mapped back", on_request=True, attrs=(
        Attr("ws", "bool", "whitespace follows", required=True),
        Attr("text", "str", "the repaired form, where it differs from the text as given"))),
]

LAYERS: dict[str, Layer] = {layer.name: layer for layer in _DECLARED}

PROPERTIES: dict[str, Property] = {
    "lang": Property("lang", "the article's main language (``Document.lang``)", serialized=True),
    "clean": Property("clean", "the repaired text and its offset map (``Document.set_clean``)",
                      serialized=False),
}

NAMES = frozenset(LAYERS) | frozenset(PROPERTIES)


def fingerprint(doc, name: str) -> int:
    """A cheap digest of layer or property ``name`` of ``doc``: equal before and after a stage
    when the stage left it alone (spans and entities are dataclasses: their repr holds every
    field and attribute)."""
    if name == "clean":
        return hash(repr((doc.clean, doc.clean_map)))
    if name in PROPERTIES:
        return hash(repr(getattr(doc, name)))
    return hash(repr(doc.layers.get(name) or []))


def problems(doc, name: str) -> list[str]:
    """Where layer ``name`` of ``doc`` departs from its declaration: an undeclared or missing
    attribute, a value of the wrong type, an id that its layer lacks, a label where the layer has
    none."""
    layer = LAYERS.get(name)
    if layer is None:
        return []
    out: list[str] = []
    declared = {a.name: a for a in layer.attrs}
    ids = {a.name: {getattr(x, "id", None) for x in doc.layers.get(a.refers) or []}
           for a in layer.attrs if a.type == "id" and a.refers}
    for i, item in enumerate(doc.layers.get(name) or []):
        where = f"{name}[{i}]"
        if layer.kind == "spans":
            values = dict(item.attrs)
            if layer.label:
                values[layer.label] = item.label
            elif item.label:
                out.append(f"{where} has a label, which the layer does not declare")
        elif layer.record is None:
            values = {layer.attrs[0].name: item}
        else:
            values = {**item.attrs, **{a.name: getattr(item, a.name) for a in layer.attrs
                                       if hasattr(item, a.name) and a.name != "attrs"}}
        for k, v in values.items():
            a = declared.get(k)
            if a is None:
                out.append(f"{where} has undeclared attribute {k!r}")
            elif v is None:
                if a.required:
                    out.append(f"{where}.{k} is required")
            elif not isinstance(v, VALUE_TYPES[a.type]) or (a.type == "int" and isinstance(v, bool)):
                out.append(f"{where}.{k} should be {a.type}, is {type(v).__name__}")
            elif k in ids and v not in ids[k]:
                out.append(f"{where}.{k} is {v!r}, which {a.refers} lacks")
            elif a.type == "ids" and a.refers:
                known = {getattr(x, "id", None) for x in doc.layers.get(a.refers) or []}
                out += [f"{where}.{k} holds {x!r}, which {a.refers} lacks" for x in v if x not in known]
        out += [f"{where}.{a.name} is required" for a in layer.attrs if a.required and a.name not in values]
        if len(out) > 5:
            break
    return out


def markdown() -> str:
    """The declarations as the Markdown table of docs/LAYERS.md (``python -m hronika.layers``)."""
    rows = ["| layer | kind | table | attributes (* required; → refers to) |", "|---|---|---|---|"]
    for layer in LAYERS.values():
        attrs = []
        for a in layer.attrs:
            label = " (label)" if a.name == layer.label else ""
            column = "" if a.column_name in (a.name, None) else f", column `{a.column_name}`"
            stored = ", no column" if layer.table and a.column_name is None else ""
            ref = f" → {a.refers}" if a.refers else ""
            attrs.append(f"`{a.name}`{'*' if a.required else ''}: {a.type}{ref}{label}{column}{stored}")
        table = f"`{layer.table}`" + (f" (kind `{layer.row_kind}`)" if layer.row_kind else "") if layer.table else "–"
        kind = layer.kind + (", on request" if layer.on_request else "")
        rows.append(f"| `{layer.name}` | {kind} | {table} | {'; '.join(attrs) or '–'} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown())
