"""No Bulgarian or Russian word in algorithm code: language knowledge lives in hronika/lang/.

Every .py under hronika/ outside hronika/lang/ is read with ``tokenize``; comments and docstrings
(a string that is a statement of its own) are skipped, and any Cyrillic letter left in code or in a
string literal fails the test, naming the file and line.
"""
from __future__ import annotations

import ast
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


def _bare_strings(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the docstrings and other strings that stand as statements of their own lie."""
    return [((n.lineno, n.col_offset), (n.end_lineno, n.end_col_offset)) for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)]


def cyrillic_in_code(source: str) -> list[tuple[int, str]]:
    """(line, token) of every code token or string literal holding a Cyrillic letter, comments and
    docstrings aside."""
    bare = _bare_strings(source)
    hits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT or any(a <= tok.start < b for a, b in bare):
            continue
        if any(_is_cyrillic(c) for c in tok.string):
            hits.append((tok.start[0], tok.string[:60]))
    return hits


def test_the_scan_sees_literals_and_skips_docstrings():
    src = '"""Докстринг."""\n# коментар\nx = "дума"\ndef f():\n    """Още."""\n    return 1\n'
    assert cyrillic_in_code(src) == [(3, '"дума"')]
    assert cyrillic_in_code('y = f"{a}б"\n') != []
    assert cyrillic_in_code("ж = 1\n") == [(1, "ж")]
    assert cyrillic_in_code('z = "ツ ä"\n') == []
    assert cyrillic_in_code('"д".join(x)\n') == [(1, '"д"')]  # a statement that starts with a string
    assert cyrillic_in_code('def g():\n    "Док."\n    return ("а"\n            "б")\n') == [(3, '"а"'), (4, '"б"')]


SOURCES = sorted(p for p in PKG.rglob("*.py") if LANG not in p.parents)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PKG.parent)))
def test_no_cyrillic_outside_lang(path):
    hits = cyrillic_in_code(path.read_text(encoding="utf-8"))
    assert not hits, "\n".join(f"{path.relative_to(PKG.parent)}:{n}: {s}" for n, s in hits)
