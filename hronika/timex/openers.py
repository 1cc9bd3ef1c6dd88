"""Which rules can open at a given word: a cheaper first test per place for the finder.

The combined regex (grammar.py) used to try every rule, in order, at each place where a time word
could start.  Here each rule's pattern is read once (``re._parser``) for the first token any of its
matches can begin with: a whole word (``през``), a word beginning (``миналогодиш...``, where the
pattern goes on with an open class), ``#d`` for a digit, or one non-word character.  At run time the
token at the place picks the rules that can open there, and only their alternation (same order,
so the same rule wins) is tried.  The analysis over-approximates (look-arounds are ignored except a
word end, wide classes give a word beginning or any token), never under-approximates, so the
matches are those of the full alternation.
"""
from __future__ import annotations

import _sre
import hashlib
import os
import pickle
import re
import sys
from functools import lru_cache
from pathlib import Path

from re import _compiler  # noqa: private, as are the next two (stable within a Python version)
from re import _constants as C  # the parser's opcodes
from re import _parser as P

DIGIT = "#d"  # the token of a place that starts with a digit
ANY = ("", True)  # a rule that can open with any token
_WORD = re.compile(r"\w")
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\w+|.", re.S)
_MAX_CLASS = 64  # a character class up to this size is spelt out
_MAX_STATES = 64


def token_at(folded: str, pos: int) -> str:
    """The first token at ``pos``: ``#d`` for a digit, else the run of word characters, else the
    character itself."""
    c = folded[pos]
    if _DIGIT.match(c):
        return DIGIT
    return _TOKEN.match(folded, pos).group()


def openers(pattern) -> frozenset[tuple[str, bool]]:
    """The first tokens a match of ``pattern`` (a regex, or its parse) can open with, as (token,
    open): open means any token that starts with it (``("", True)`` is any token at all)."""
    finals: set[tuple[str, bool]] = set()
    rest = _walk(P.parse(pattern) if isinstance(pattern, str) else pattern, {""}, finals)
    for p in rest:  # the match may end inside the first word, or be empty
        finals.add((p, True))
    return frozenset(finals)


def _chars(av) -> tuple[set[str] | None, bool, bool, bool]:
    """A character class as (spelt-out characters or None, has digits, has other word characters,
    has non-word characters)."""
    out: set[str] = set()
    wide_digit = wide_word = wide_other = False
    for op, a in av:
        if op is C.LITERAL:
            out.add(chr(a))
        elif op is C.RANGE and a[1] - a[0] < _MAX_CLASS:
            out.update(chr(c) for c in range(a[0], a[1] + 1))
        elif op is C.CATEGORY and a is C.CATEGORY_DIGIT:
            wide_digit = True
        elif op is C.CATEGORY and a is C.CATEGORY_SPACE:
            wide_other = True
        else:  # a negation, a wide range, another category
            return None, True, True, True
    if wide_digit or wide_other:
        return (None, wide_digit or any(_DIGIT.match(c) for c in out),
                any(_WORD.match(c) and not _DIGIT.match(c) for c in out),
                wide_other or any(not _WORD.match(c) for c in out))
    return out, False, False, False


def _char(c: str, states: set[str], finals: set) -> set[str]:
    """One literal character after the open first-word prefixes ``states``."""
    nxt = set()
    for p in states:
        if _WORD.match(c):
            if not p and _DIGIT.match(c):
                finals.add((DIGIT, False))
            else:
                nxt.add(p + c)
        else:
            finals.add((p, False) if p else (c, False))
    return nxt


def _walk(items, states: set[str], finals: set) -> set[str]:
    """The open prefixes after the sequence ``items``; closed first tokens go to ``finals``."""
    for op, av in items:
        if not states:
            break
        if len(states) > _MAX_STATES:  # too many spellings: keep them as word beginnings
            finals.update((p, True) for p in states)
            return set()
        if op is C.LITERAL:
            states = _char(chr(av), states, finals)
        elif op is C.IN:
            chars, digit, word, other = _chars(av)
            if chars is not None:
                nxt: set[str] = set()
                for c in chars:
                    nxt |= _char(c, states, finals)
                states = nxt
                continue
            for p in states:
                if p:
                    finals.add((p, True) if (digit or word) else (p, False))
                elif word or other:
                    finals.add(ANY)
                else:
                    finals.add((DIGIT, False))
            states = set()
        elif op in (C.ANY, C.NOT_LITERAL, C.GROUPREF, C.GROUPREF_EXISTS):
            finals.update((p, True) for p in states)
            states = set()
        elif op is C.SUBPATTERN:
            states = _walk(av[-1], states, finals)
        elif op is C.ATOMIC_GROUP:
            states = _walk(av, states, finals)
        elif op is C.BRANCH:
            nxt = set()
            for branch in av[1]:
                nxt |= _walk(branch, set(states), finals)
            states = nxt
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            reached = set(states) if lo == 0 else set()
            cur, n = states, 0
            while cur and n < (hi if hi is not C.MAXREPEAT else 8):
                cur = _walk(sub, cur, finals)
                n += 1
                if n >= lo:
                    reached |= cur
            if cur and n >= 8 and hi is C.MAXREPEAT:  # an unbounded word: any continuation
                finals.update((p, True) for p in cur)
            states = reached
        elif op is C.ASSERT_NOT and av[0] == 1 and _word_end(av[1]):
            finals.update((p, False) for p in states if p)  # (?![\w]): the word ends here
            states = {p for p in states if not p}
        # other look-arounds and anchors consume nothing: ignored (a superset)
    return states


def _word_end(sub) -> bool:
    """Whether a negative look-ahead's body is one word character class (``\\w``, ``[\\w]``)."""
    items = list(sub)
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is C.IN:
        return any(o is C.CATEGORY and a is C.CATEGORY_WORD for o, a in av)
    return False


class Dispatch:
    """The rules (name, pattern), in order, and for a first token the rules that can open with it,
    in order, as (index, compiled pattern): the first that matches is what the whole alternation
    would match.

    Parsing and compiling the rules is most of a language's time-expression start-up (0.08 s for
    Bulgarian, 0.13 s for Russian): what they give -- each rule's compiled program for the regex
    engine and its first tokens -- is kept in ``__pycache__`` beside this module, like Python's
    own bytecode, under a key of the rules' text, this module's source and the Python version and
    regex engine, and read back instead (about 0.004 s).  Where the file cannot be read or
    written, the rules are compiled as before."""

    def __init__(self, rules: list[tuple[str, str]]):
        self.rules = rules
        self.exact: dict[str, set[int]] = {}
        self.prefixed: dict[str, set[int]] = {}
        self.compiled: list[re.Pattern] = []
        key = _cache_key(rules)
        programs = _read_cache(key)
        if programs is None:
            programs = []
            for _, pat in rules:
                tree = P.parse(pat)  # parsed once, read here and compiled (parsing is most of the cost)
                programs.append((_program(tree), sorted(openers(tree))))
            _write_cache(key, programs)
        for i, (program, first) in enumerate(programs):
            for tok, is_open in first:
                (self.prefixed if is_open else self.exact).setdefault(tok, set()).add(i)
            # the same as re.compile(pat) (what _compiler.compile does with a parse), .pattern None
            self.compiled.append(_sre.compile(None, *program))
        self.at = lru_cache(maxsize=8192)(self._at)

    def _at(self, token: str) -> tuple[tuple[int, re.Pattern], ...]:
        idx = set(self.exact.get(token, ()))
        for k in range(len(token) + 1):
            idx.update(self.prefixed.get(token[:k], ()))
        return tuple((i, self.compiled[i]) for i in sorted(idx))


def _program(tree) -> tuple:
    """What ``_compiler.compile`` hands the regex engine for a parsed pattern, less the pattern
    text: (flags, code, groups, group index, index of groups)."""
    code = [int(x) for x in _compiler._code(tree, 0)]  # (opcodes are named ints: plain ints pickle)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup)


_CACHE = Path(__file__).resolve().parent / "__pycache__"


def _cache_key(rules: list[tuple[str, str]]) -> str:
    h = hashlib.sha256()
    for part in (sys.version, str(_sre.MAGIC), str(_sre.CODESIZE), Path(__file__).read_text(encoding="utf-8")):
        h.update(part.encode("utf-8") + b"\0")
    for name, pat in rules:
        h.update(name.encode("utf-8") + b"\0" + pat.encode("utf-8") + b"\0")
    return h.hexdigest()


def _cache_file(key: str) -> Path:
    return _CACHE / f"timex-rules-{key[:24]}.pickle"


def _read_cache(key: str) -> list | None:
    try:
        with _cache_file(key).open("rb") as fh:
            stored_key, programs = pickle.load(fh)
    except Exception:  # (absent, unreadable, or written by another version of this code)
        return None
    return programs if stored_key == key else None


def _write_cache(key: str, programs: list) -> None:
    path = _cache_file(key)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        _CACHE.mkdir(exist_ok=True)
        with tmp.open("wb") as fh:
            pickle.dump((key, programs), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # (whole or not at all: another process may be reading it)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
