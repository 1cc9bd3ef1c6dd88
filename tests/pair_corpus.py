"""Articles written for the pair and contested tests: Serbia and Croatia over a year, in Bulgarian and Russian,
from an accusation and a threat to help, meetings and an agreement, and back to sanctions; one
threat is only conditional (it does not count), one meeting is told twice (one event)."""
from __future__ import annotations

import json
from pathlib import Path

from hronika.api import Hronika

SERBIA, CROATIA = "GPE-Serbia", "GPE-Croatia"
ARTICLES = [
    ("sc-01", "2025-01-04", "Сърбия обвини Хърватия в провокации на 3 януари."),
    ("sc-02", "2025-02-11", "Сърбия и Хърватия подписаха споразумение на 10 февруари."),
    ("sc-03", "2025-03-06", "Хърватия изпрати хуманитарна помощ на Сърбия на 5 март."),
    ("sc-04", "2025-04-03", "Сърбия заплаши Хърватия със санкции на 2 април."),
    ("sc-05", "2025-05-10", "Сърбия изгони хърватския посланик на 9 май."),
    ("sc-06", "2025-06-13", "Президентът на Сърбия се срещна с премиера на Хърватия в Загреб на 12 юни."),
    ("sc-06ru", "2025-06-13", "Сербия и Хорватия провели переговоры в Загребе 12 июня."),
    ("sc-07", "2025-07-02", "Хърватия наложи санкции на Сърбия на 1 юли."),
    ("sc-08", "2025-07-20", "Ако Сърбия нападне Хърватия, НАТО ще отговори."),
]


# Reports of one event that disagree: on the figures (14 or 16 released), the date (the 19th or
# the 20th), the participants (only one names the USA); and two that agree.
CONTESTED = [
    # figures: 14 released in one report, 16 in the other
    ("c-bg", "2025-04-10", "Беларус освободи 14 политически затворници на 9 април след разговори с пратеника "
                           "на САЩ Джон Коул."),
    ("c-ru", "2025-04-10", "Белоруссия освободила 16 политических заключенных 9 апреля после переговоров со "
                           "спецпосланником США Джоном Коулом."),
    # the date: the 19th in one, the 20th in the other
    ("d-bg", "2025-03-20", "Лукашенко се срещна с Путин в Москва на 19 март."),
    ("d-ru", "2025-03-21", "Лукашенко встретился с Путиным в Москве 20 марта."),
    # participants: only the Russian report names the USA
    ("p-bg", "2025-12-11", "Александър Лукашенко се срещна в Минск с американския пратеник Джон Коул на 11 декември."),
    ("p-ru", "2025-12-12", "Александр Лукашенко встретился в Минске со спецпосланником США Джоном Коулом 11 декабря."),
    # agreement: two reports of one meeting that agree
    ("a-bg", "2025-06-02", "Лукашенко се срещна с Путин в Сочи на 1 юни."),
    ("a-ru", "2025-06-02", "Лукашенко встретился с Путиным в Сочи 1 июня."),
]


def store_url(url: str, folder: Path, articles) -> str:
    """Ingest ``articles`` ((id, date, text) triples) into the store at ``url`` as ``hronika ingest``
    does (a JSON Lines file in ``folder``); returns the URL."""
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "date": d, "text": t}, ensure_ascii=False) + "\n"
                            for i, d, t in articles), encoding="utf-8")
    with Hronika(db=url) as h:
        assert not h.ingest([str(path)]).failures
    return url


def build(db: Path, articles=ARTICLES) -> Hronika:
    h = Hronika(db=f"sqlite:///{db}")
    for i, d, t in articles:
        assert h.store.save(h.read_text(t, d, i)).status == "stored"
    h.catch_up()
    return h
