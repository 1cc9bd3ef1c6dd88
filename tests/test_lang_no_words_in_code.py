"""No Bulgarian or Russian word in algorithm code: language knowledge lives in hronika/lang/.

Every .py under hronika/ outside hronika/lang/ is read with ``tokenize``; comments and docstrings
(a string that is a statement of its own) are skipped, and any Cyrillic letter left in code or in a
string literal fails the test, naming the file and line.
"""
from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "hronika"
LANG = PKG / "lang"


# The Unicode blocks Cyrillic, Cyrillic Supplement, Extended-A, -B and -C.
_CYRILLIC = (("\u0400", "\u052f"), ("\u2de0", "\u2dff"), ("\ua640", "\ua69f"), ("\u1c80", "\u1c8f"))


def _is_cyrillic(ch: str) -> bool:
    return any(a <= ch <= b for a, b in _CYRILLIC)


def cyrillic_in_code(source: str) -> list[tuple[int, str]]:
    """(line, token) of every code token or non-docstring string holding a Cyrillic letter."""
    hits = []
    prev = tokenize.NEWLINE  # a string right after a statement boundary is a docstring / bare string
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING):
            continue
        if tok.type == tokenize.STRING and prev in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            prev = tok.type
            continue
        if tok.type == tokenize.NEWLINE:
            prev = tokenize.NEWLINE
            continue
        if any(_is_cyrillic(c) for c in tok.string):
            hits.append((tok.start[0], tok.string[:60]))
        prev = tok.type
    return hits


def test_the_scan_sees_literals_and_skips_docstrings():
    src = '"""Докстринг."""\n# коментар\nx = "дума"\ndef f():\n    """Още."""\n    return 1\n'
    assert cyrillic_in_code(src) == [(3, '"дума"')]
    assert cyrillic_in_code('y = f"{a}б"\n') != []
    assert cyrillic_in_code("ж = 1\n") == [(1, "ж")]
    assert cyrillic_in_code('z = "ツ ä"\n') == []


SOURCES = sorted(p for p in PKG.rglob("*.py") if LANG not in p.parents)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PKG.parent)))
def test_no_cyrillic_outside_lang(path):
    hits = cyrillic_in_code(path.read_text(encoding="utf-8"))
    assert not hits, "\n".join(f"{path.relative_to(PKG.parent)}:{n}: {s}" for n, s in hits)
