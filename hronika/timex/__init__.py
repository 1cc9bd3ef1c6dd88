"""Temporal tagging: find time expressions and give them TIMEX3 values (see finder.py)."""
from .finder import Timex, find_timexes
from .grammar import grammar_for
from .rules import DAY_VALUE

__all__ = ["DAY_VALUE", "Timex", "find_timexes", "grammar_for"]
