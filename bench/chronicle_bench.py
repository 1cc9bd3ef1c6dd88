"""Chronicle bench: the chronicle's update time per article as the store grows, and how well
events and quotes merge, on synthetic readings whose true events are known.

    python -m bench.chronicle_bench [--articles 3200] [--window 200] [--seed 20261130]

No text is read: each article is a Document built with its layers already set (entities,
mentions, sentences, events, quotes), so the figures measure only what the chronicle does when an
article is stored (``Store.save(doc, then=...)``): the storyline assignment and the merging of
events and quotes, timed apart.  The world: 400 entities whose share of events falls off as a
power law (a few, like a head of state, take part in a large share), real events over two years
in eight PLOVER types, each told by one to four articles published up to three days later, 70 %
dated to the day, 15 % to the month, 15 % undated, a third told twice inside their article (the
second time by a noun that names no one); 15 % of events repeat an earlier one (the same type and
participants, two days to a month later: they must stay apart); a tenth of reports give a coarser
date or none, a tenth leave out the recipient, a tenth swap the roles; quotes said once and
repeated by one to three articles, three in ten of the repeats leaving out a word.
Articles arrive by date, as a feed would.
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from statistics import mean

from sqlalchemy import func, select

from hronika.chronicle import events as chronicle_events, quotes as chronicle_quotes, storylines
from hronika.document import Document, Entity, Span
from hronika.store import S, Store

TYPES = ["CONSULT", "AGREE", "ACCUSE", "SANCTION", "REQUEST", "SUPPORT", "REJECT", "COERCE"]
START = dt.date(2024, 1, 1)
DAYS = 730
REPEAT = 0.15  # events that repeat an earlier one's type and participants a little later
NOISE = 0.1  # reports that give a coarser date or none, leave out the recipient, or swap the roles
SYLLABLES = ["ka", "ro", "mi", "ta", "ne", "lo", "vi", "sha", "du", "ze", "pol", "ran", "gor", "bes"]


def word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


class World:
    def __init__(self, rng: random.Random, entities: int = 400) -> None:
        self.rng = rng
        self.names = [word(rng, 3).capitalize() + " " + word(rng, 3).capitalize() for _ in range(entities)]
        self.weights = [1 / (i + 1) ** 0.9 for i in range(entities)]
        self.vocab = [word(rng, 3) for _ in range(600)]

    def entity(self, but: set[int] = frozenset()) -> int:
        while True:
            i = self.rng.choices(range(len(self.names)), self.weights)[0]
            if i not in but:
                return i


def plan(world: World, articles: int) -> list[dict]:
    """The true events and quotes, and which articles tell them."""
    rng = world.rng
    items, arts = [], defaultdict(list)
    n_events = int(articles * 0.75)
    made: list[dict] = []
    for e in range(n_events):
        if made and rng.random() < REPEAT:  # the same two meet again, two days to a month later
            old = rng.choice(made)
            type_, a, r = old["type"], old["a"], old["r"]
            day = old["day"] + dt.timedelta(days=rng.randrange(2, 31))
        else:
            type_, a = rng.choice(TYPES), world.entity()
            r = world.entity({a})
            day = START + dt.timedelta(days=rng.randrange(DAYS))
        kind = rng.random()
        date = day.isoformat() if kind < 0.7 else (f"{day:%Y-%m}" if kind < 0.85 else None)
        ev = {"id": e, "type": type_, "a": a, "r": r, "day": day, "date": date}
        made.append(ev)
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            told = dict(ev)  # what one report makes of it
            if date and len(date) == 10 and rng.random() < NOISE:
                told["date"] = f"{day:%Y-%m}" if rng.random() < 0.5 else None
            if rng.random() < NOISE:
                told["r"] = None
            elif rng.random() < NOISE:
                told["a"], told["r"] = r, a
            arts[day + dt.timedelta(days=rng.randrange(4))].append(("event", told))
    for q in range(int(articles * 0.5)):
        speaker = world.entity()
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        words = rng.sample(world.vocab, rng.randrange(5, 12))
        quote = {"id": q, "speaker": speaker, "words": words}
        for _ in range(rng.choice([1, 1, 2, 3])):
            arts[day + dt.timedelta(days=rng.randrange(4))].append(("quote", quote))
    # pack the reports of each day into articles of one to three items
    out = []
    for day in sorted(arts):
        pending = arts[day]
        rng.shuffle(pending)
        while pending:
            k = min(len(pending), rng.choice([1, 2, 3]))
            out.append({"date": day, "items": pending[:k]})
            pending = pending[k:]
    return out[:articles]


def build(world: World, n: int, art: dict) -> tuple[Document, list[tuple[str, int, int, int]]]:
    """An article as a Document with its layers, and the truth: (kind, true id, start) per mention."""
    rng = world.rng
    parts: list[str] = []
    pos = 0
    ents: dict[int, Entity] = {}
    mentions, sentences, events, quotes, truth = [], [], [], [], []

    def add(text: str) -> int:
        nonlocal pos
        start = pos
        parts.append(text)
        pos += len(text)
        return start

    def name(i: int) -> str:
        e = ents.get(i)
        if e is None:
            e = ents[i] = Entity(f"e{len(ents) + 1}", "PER", world.names[i], f"PER-syn-{i}", [])
        start = add(world.names[i])
        e.mentions.append((start, start + len(world.names[i])))
        mentions.append(Span(start, start + len(world.names[i]), "PER", {"entity": e.id}))
        return e.id

    for kind, it in art["items"]:
        s0 = pos
        if kind == "event":
            a = name(it["a"])
            add(" ")
            t0 = add(it["type"].lower())
            add(" ")
            r = name(it["r"]) if it["r"] is not None else None
            add(f" {' '.join(rng.sample(world.vocab, 4))}. ")
            sentences.append(Span(s0, pos - 1, "", {"tokens": [0, 0]}))
            attrs = {"trigger": {"start": t0, "end": t0 + len(it["type"])}, "actors": [a], "recipients": [r] if r else [],
                     "sentence": {"start": s0, "end": pos - 1}, "sources": [], "asserted": True}
            if it["date"]:
                attrs["date"] = it["date"]
            events.append(Span(t0, t0 + len(it["type"]), it["type"], attrs))
            truth.append(("event", it["id"], n, t0))
            if rng.random() < 1 / 3:  # told again, by a noun that names no one
                s1 = pos
                t1 = add(it["type"].lower() + "ing")
                add(f" {' '.join(rng.sample(world.vocab, 3))}. ")
                sentences.append(Span(s1, pos - 1, "", {"tokens": [0, 0]}))
                events.append(Span(t1, t1 + len(it["type"]) + 3, it["type"], {
                    "trigger": {"start": t1, "end": t1 + len(it["type"]) + 3}, "actors": [], "recipients": [],
                    "sentence": {"start": s1, "end": pos - 1}, "sources": [], "asserted": True}))
                truth.append(("event", it["id"], n, t1))
        else:
            sp = name(it["speaker"])
            add(" said: \"")
            words = list(it["words"])
            if rng.random() < 0.3:  # a report leaves a word out
                words.pop(rng.randrange(len(words)))
            q0 = add(" ".join(words))
            add("\". ")
            sentences.append(Span(s0, pos - 1, "", {"tokens": [0, 0]}))
            quotes.append(Span(q0, q0 + len(" ".join(words)), "", {"direct": True, "speaker": sp, "sources": [],
                                                                    "chain": []}))
            truth.append(("quote", it["id"], n, q0))
    doc = Document(f"syn-{n:06d}", "".join(parts), art["date"], url=f"https://outlet{n % 17}.example/{n}")
    doc.lang = "en"
    doc.set_layer("entities", list(ents.values()))
    doc.set_layer("mentions", mentions)
    doc.set_layer("sentences", sentences)
    doc.set_layer("events", events)
    doc.set_layer("quotes", quotes)
    return doc, truth


def bcubed(pairs: list[tuple[object, object]]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of (truth, cluster) pairs, one per mention."""
    by_c, by_t, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for t, c in pairs:
        by_c[c] += 1
        by_t[t] += 1
        both[(t, c)] += 1
    n = len(pairs)
    p = sum(both[(t, c)] / by_c[c] for t, c in pairs) / n
    r = sum(both[(t, c)] / by_t[t] for t, c in pairs) / n
    return p, r, 2 * p * r / (p + r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3200)
    ap.add_argument("--window", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20261130)
    args = ap.parse_args(argv)
    world = World(random.Random(args.seed))
    arts = plan(world, args.articles)
    times: list[tuple[float, float]] = []
    truth: list[tuple[str, int, int, int]] = []

    def update(writer, doc):
        t0 = time.perf_counter()
        storylines.assign(writer, doc)
        t1 = time.perf_counter()
        chronicle_events.merge(writer, doc)
        chronicle_quotes.merge(writer, doc)
        writer.mark_merged(doc.id)
        times.append((t1 - t0, time.perf_counter() - t1))

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        for n, art in enumerate(arts):
            doc, t = build(world, n, art)
            if store.save(doc, then=update).status == "stored":  # not a copy of an earlier one
                truth += t
        with store.engine.connect() as conn:
            em = {(r.doc, r.start): r.event for r in conn.execute(S.chronicle_event_mentions.select())}
            qm = {(r.doc, r.start): r.quote for r in conn.execute(S.chronicle_quote_mentions.select())}
            n_events = conn.execute(select(func.count()).select_from(S.chronicle_events)).scalar()
            n_quotes = conn.execute(select(func.count()).select_from(S.chronicle_quotes)).scalar()
        store.close()
    print(f"Measured {dt.date.today()} on {platform.system()} {platform.machine()}, Python "
          f"{platform.python_version()}; command: python -m bench.chronicle_bench --articles {args.articles}\n")
    print("| articles | storylines ms/article | events + quotes ms/article | chronicle ms/article |")
    print("|---|---|---|---|")
    for i in range(0, len(times), args.window):
        w = times[i:i + args.window]
        s, m = mean(x for x, _ in w) * 1000, mean(y for _, y in w) * 1000
        print(f"| {i + 1}–{i + len(w)} | {s:.1f} | {m:.1f} | {s + m:.1f} |")
    ev = [(("e", tid), em[(f"syn-{n:06d}", start)]) for kind, tid, n, start in truth if kind == "event"]
    qu = [(("q", tid), qm[(f"syn-{n:06d}", start)]) for kind, tid, n, start in truth if kind == "quote"]
    print()
    print("| merged | mentions | true | chronicle | B³ P | B³ R | B³ F1 |")
    print("|---|---|---|---|---|---|---|")
    for label, pairs, made in (("events", ev, n_events), ("quotes", qu, n_quotes)):
        p, r, f = bcubed(pairs)
        print(f"| {label} | {len(pairs)} | {len({t for t, _ in pairs})} | {made} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
