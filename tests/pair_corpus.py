"""Articles written for the pair tests: Serbia and Croatia over a year, in Bulgarian and Russian,
from an accusation and a threat to help, meetings and an agreement, and back to sanctions; one
threat is only conditional (it does not count), one meeting is told twice (one event)."""
from __future__ import annotations

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


def build(db: Path) -> Hronika:
    h = Hronika(db=f"sqlite:///{db}")
    for i, d, t in ARTICLES:
        assert h.store.save(h.read_text(t, d, i)).status == "stored"
    h.catch_up()
    return h
