"""The per-language event corpora (tests/corpora/events_*.tsv): each positive must be read as an
asserted event of its type over the given trigger, with the given actors and recipients among its
roles; each negative (type NONE) must not be read as an asserted event there, and where a flag is
named the held-back event must carry it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hronika import pipeline
from hronika.document import Document

CORPORA = Path(__file__).parent / "corpora"
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def rows(lang):
    out = []
    for n, line in enumerate((CORPORA / f"events_{lang}.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append(pytest.param(*line.split("\t"), id=f"{lang}:{n}"))
    return out


@pytest.fixture(scope="module")
def reader():
    return pipeline.build()


def _read(reader, text):
    return reader(Document(id="t", text=text, date=dt.date(2025, 12, 18)))


def _over(spans, s, e):
    return [x for x in spans if x.start < e and s < x.end]


def _forms(doc, ids):
    ents = {x.id: x for x in doc.entities}
    return {doc.text[a:b] for i in ids for a, b in ents[i].mentions}


@pytest.mark.parametrize("text,typ,trigger,actors,recipients,flag", rows("bg") + rows("ru") + rows("en"))
def test_corpus(reader, text, typ, trigger, actors, recipients, flag):
    doc = _read(reader, text)
    if trigger == "*":
        assert doc.layer("events") == [], f"{text!r}: no event expected"
        return
    s = text.index(trigger)
    found = _over(doc.layer("events"), s, s + len(trigger))
    if typ == "NONE":
        assert found == [], f"{text!r}: must not be an asserted event: {found}"
        if flag != "-":
            held = _over(doc.layer("events_flagged"), s, s + len(trigger))
            assert held and held[0].attrs.get(flag), f"{text!r}: expected a {flag} event, got {held}"
        return
    assert typ in TYPES
    assert found, f"{text!r}: nothing found over {trigger!r}"
    ev = found[0]
    assert ev.label == typ, f"{text!r}: got {ev.label} ({ev.attrs.get('pattern')})"
    for want, role in ((actors, "actors"), (recipients, "recipients")):
        if want == "-":
            continue
        have = _forms(doc, ev.attrs[role] + (ev.attrs["recipients"] if typ == "CONSULT" else []))
        for form in want.split("|"):
            if form.startswith("!"):  # a name that does not fill this role
                assert form[1:] not in have, f"{text!r}: {form[1:]!r} must not be among the {role} {have}"
            else:
                assert form in have, f"{text!r}: {form!r} not among the {role} {have}"


@pytest.mark.parametrize("lang", ["bg", "ru"])
def test_corpora_cover_every_type_and_every_mood(lang):
    lines = [l.split("\t") for l in (CORPORA / f"events_{lang}.tsv").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    assert all(len(l) == 6 for l in lines)
    assert {l[1] for l in lines} - {"NONE"} <= TYPES
    flags = {l[5] for l in lines if l[1] == "NONE"}
    assert {"negated", "conditional", "question", "irrealis"} <= flags
    assert any(l[2] == "*" for l in lines)
    if lang == "bg":
        assert {l[1] for l in lines} - {"NONE"} == TYPES


def test_event_fields_follow_the_eval_format(reader):
    doc = _read(reader, "Вчера Русия наложи санкции срещу Полша.")
    (ev,) = doc.layer("events")
    assert ev.label == "SANCTION"
    assert doc.text[ev.attrs["trigger"]["start"]:ev.attrs["trigger"]["end"]] == "наложи санкции"
    assert ev.attrs["date"] == "2025-12-17"
    assert ev.attrs["sentence"] == {"start": 0, "end": len(doc.text)}
    assert ev.attrs["sources"] == []
    assert _forms(doc, ev.attrs["actors"]) == {"Русия"} and _forms(doc, ev.attrs["recipients"]) == {"Полша"}


def test_no_date_without_a_time_expression(reader):
    (ev,) = _read(reader, "Русия наложи санкции срещу Полша.").layer("events")
    assert "date" not in ev.attrs


def test_country_adjective_becomes_the_country(reader):
    doc = _read(reader, "Беларуските власти арестуваха опозиционери.")
    (ev,) = doc.layer("events")
    (actor,) = ev.attrs["actors"]
    assert next(e for e in doc.entities if e.id == actor).kb == "GPE-Belarus"


def test_references_layer_is_used_when_present(reader):
    from hronika.document import Span
    from hronika.stages.events import EventStage
    text = "Путин пристигна в Анкара. Той се срещна с Ердоган."
    doc = _read(reader, text)
    putin = next(m for m in doc.layer("mentions") if doc.text[m.start:m.end] == "Путин")
    s = text.index("Той")
    doc.set_layer("references", [Span(s, s + 3, "PER", {"entity": putin.attrs["entity"]})])
    doc = EventStage()(doc)
    (ev,) = [e for e in doc.layer("events") if e.label == "CONSULT"]
    assert putin.attrs["entity"] in ev.attrs["actors"] + ev.attrs["recipients"]


def test_a_cited_outlet_is_no_party(reader):
    doc = _read(reader, "Министърът отхвърли обвиненията на опозицията, предаде Франс прес.")
    cited = {c.attrs["entity"] for c in doc.layer("citations")}
    assert cited, "the outlet is cited"
    events = doc.layer("events")
    assert events and all(cited.isdisjoint(e.attrs["actors"] + e.attrs["recipients"]) for e in events)


def test_a_picture_credit_is_no_party(reader):
    doc = _read(reader, "Шествие в Лахор СНИМКА: Ройтерс Радикалната партия сключи сделка с правителството на Пакистан.")
    credited = {e.id for e in doc.entities if e.name == "Ройтерс"}
    events = doc.layer("events")
    assert credited and events and all(credited.isdisjoint(e.attrs["actors"] + e.attrs["recipients"]) for e in events)


def _trigger(doc, ev):
    return doc.text[ev.attrs["trigger"]["start"]:ev.attrs["trigger"]["end"]]


@pytest.mark.parametrize("text, earlier, dated", [
    ("Вчера Лукашенко прие посланика на Китай и припомни предишната им среща.", "среща", "прие"),
    ("Вчера министрите се срещнаха отново след предходната среща в Рим.", "среща", "срещнаха"),
    ("Вчера Путин встретился с Эрдоганом и напомнил о прошлой встрече в Сочи.", "встрече", "встретился"),
])
def test_an_earlier_event_named_by_its_noun_takes_no_date_from_the_sentence(reader, text, earlier, dated):
    doc = _read(reader, text)
    evs = doc.layer("events") + doc.layer("events_flagged")
    by_trigger = {_trigger(doc, ev): ev for ev in evs}
    assert earlier in by_trigger and "date" not in by_trigger[earlier].attrs
    assert any(dated in t and ev.attrs.get("date") == "2025-12-17" for t, ev in by_trigger.items())


def test_an_event_noun_without_an_earlier_adjective_keeps_the_sentence_date(reader):
    doc = _read(reader, "Вчера срещата между Зеленски и Тръмп продължи два часа.")
    (ev,) = doc.layer("events")
    assert _trigger(doc, ev) == "срещата" and ev.attrs["date"] == "2025-12-17"


@pytest.mark.parametrize("text,trigger,date", [
    # the lead tells the event, the body dates it
    ("Полша наложи санкции на Беларус.\n\nСанкциите срещу Беларус бяха наложени в понеделник.", "наложи санкции",
     "2025-12-15"),
    # two dated tellings that disagree: no date
    ("Путин се срещна с Лукашенко.\n\nНа 3 декември Путин се срещна с Лукашенко в Минск, а на 5 декември "
     "Путин се срещна с Лукашенко в Сочи.", "се срещна", None),
    # an undated event past the lead keeps none
    ("Днес Тръмп говори.\n\nТой не коментира.\n\nПолша наложи санкции на Беларус.\n\nСанкциите срещу Беларус "
     "бяха наложени в понеделник.", "наложи санкции", None),
])
def test_lead_event_dated_by_its_retelling(reader, text, trigger, date):
    doc = _read(reader, text)
    s = text.index(trigger)
    ev = _over(doc.layer("events"), s, s + len(trigger))
    assert ev, f"{text!r}: nothing over {trigger!r}"
    assert ev[0].attrs.get("date") == date


@pytest.mark.parametrize("text,date", [
    # GUIDELINES §3: an undated event told by ``заяви днес`` takes the day of the telling
    ("Русия и Китай се договориха за доставки на газ, заяви днес министърът Иван Петров.", "2025-12-18"),
    # ... but an event with its own date keeps it, and one with no date near its reporting verb has none
    ("Русия и Китай се договориха за доставки на газ на 3 декември, заяви днес министърът.", "2025-12-03"),
    ("Русия и Китай се договориха за доставки на газ, заяви министърът Иван Петров.", None),
])
def test_event_told_today_is_dated_by_its_reporting_verb(reader, text, date):
    (ev,) = _read(reader, text).layer("events")
    assert ev.attrs.get("date") == date


def test_a_clock_time_heading_the_item_does_not_date_its_events(reader):
    doc = _read(reader, "20:34 Парламентът отхвърли бюджета.")
    assert [ev.attrs.get("date") for ev in doc.layer("events")] == [None]


@pytest.mark.parametrize("text,trigger,actor,flag", [
    ("Поиска ли Сърбия отлагане на срока, никой не знае.", "Поиска", "Сърбия", "question"),
    ("Остава неясно дали Унгария ще поиска отлагане на гласуването.", "поиска", "Унгария", "question"),
    ("Потребует ли Венгрия отсрочки голосования, пока неясно.", "Потребует", "Венгрия", "question"),
    ("Венгрия намерена потребовать отсрочки голосования.", "потребовать", "Венгрия", "irrealis"),
])
def test_a_held_back_demand_keeps_its_actor(reader, text, trigger, actor, flag):
    doc = _read(reader, text)
    s = text.index(trigger)
    (ev,) = _over(doc.layer("events_flagged"), s, s + len(trigger))
    assert ev.label == "REQUEST" and ev.attrs[flag]
    assert _forms(doc, ev.attrs["actors"]) == {actor} and not ev.attrs["recipients"]
