"""Language data taken from CLDR through Babel, written into lang/<code>/ so that reading does not
import Babel:

    python -m hronika.lang.cldr

writes ``month_names.tsv`` (the segment stage's month names of post signatures) for English,
Bulgarian and Russian.
"""
from __future__ import annotations

from . import path

MONTH_LANGS = ("en", "bg", "ru")
MONTH_NAMES = "month_names.tsv"
HEAD = ("# source: CLDR month names via Babel (babel.dates.get_month_names: wide and abbreviated, format and\n"
        "# stand-alone), lower case, without a final period. Rebuild: python -m hronika.lang.cldr\n"
        "# columns: name\tmonth number\n")


def month_names(code: str) -> list[tuple[str, int]]:
    """(name in lower case without its period, number) of a language's CLDR month names, wide and
    abbreviated, nominative and genitive, each once, in Babel's order."""
    from babel.dates import get_month_names

    return list(dict.fromkeys((name.lower().rstrip("."), num)
                              for width in ("wide", "abbreviated") for context in ("format", "stand-alone")
                              for num, name in get_month_names(width, context, code).items()))


def main() -> None:
    for code in MONTH_LANGS:
        rows = "".join(f"{name}\t{num}\n" for name, num in month_names(code))
        path(code, MONTH_NAMES).write_text(HEAD + rows, encoding="utf-8")


if __name__ == "__main__":
    main()
