"""A small store for the web tests: the bundled samples and a few articles written for these
tests (four on one person in Bulgarian and Russian, in November and December, with quotes by him
and about him, events he takes part in and cited sources; one whose text and title carry HTML)."""
from __future__ import annotations

from pathlib import Path

from hronika.api import Hronika

SAMPLES = Path(__file__).resolve().parents[1] / "hronika" / "samples"

XSS_TITLE = 'Сигнал "><img src=x onerror=alert(1)> от читател'
ARTICLES = [
    dict(id="web-bg-minsk", date="2025-11-26", title="Лукашенко прие американски пратеник в Минск",
         text="Президентът на Беларус Александър Лукашенко прие вчера в Минск специален пратеник "
              "на САЩ. Срещата продължи три часа.\n\nЛукашенко заяви, че разговорът е бил полезен "
              "и че следващата среща ще бъде през декември."),
    dict(id="web-ru-minsk", date="2025-11-27",
         title="Александр Лукашенко провёл переговоры с делегацией США",
         text="Президент Белоруссии Александр Лукашенко в среду провёл в Минске переговоры с "
              "делегацией США. По словам Лукашенко, стороны договорились встретиться снова в январе."),
    dict(id="web-bg-release", date="2025-12-10", title="Вашингтон настоява за освобождаване на затворници",
         text="Говорителят на Държавния департамент Мат Милър заяви: „Лукашенко трябва да освободи "
              "всички политически затворници.“ Лукашенко прие американската делегация в Минск, "
              "съобщи БТА."),
    dict(id="web-ru-deal", date="2025-12-11", title="Лукашенко встретился с посланником США",
         text="Александр Лукашенко 11 декабря встретился в Минске со специальным посланником США "
              "Джоном Коулом. Лукашенко заявил: «Мы готовы к большой сделке». Об этом сообщило "
              "агентство БелТА."),
    dict(id="web-xss", date="2025-11-28", title=XSS_TITLE,
         text="Читател изпрати до редакцията в София текста <script>alert('xss')</script> и "
              "връзката \"><img src=x onerror=alert(2)> в понеделник. Министерството на "
              "отбраната проверява сигнала."),
    dict(id="web-xss-quote", date="2025-12-01", title="Нов мост",
         text="Кметът на Пловдив Костадин Димитров заяви: „Пловдив <img src=x onerror=alert(5)> ще има "
              "нов мост през 2026 г.“, съобщи БТА."),
    dict(id="web/odd id", date="2025-11-29", title=None,
         text="Кметът на Пловдив откри в събота нов парк край Марица."),
]


def build(db: Path) -> Hronika:
    """A ``Hronika`` over a new SQLite store at ``db`` holding the samples and ``ARTICLES``."""
    h = Hronika(db=f"sqlite:///{db}")
    summary = h.ingest([str(SAMPLES)], jobs=1)
    assert summary.failed == 0, summary.failures
    for a in ARTICLES:
        doc = h.read_text(a["text"], a["date"], a["id"], title=a["title"])
        assert h.store.save(doc).status == "stored"
    assert h.catch_up() == len(ARTICLES)  # their storylines
    return h
