"""Temporal tagging: find time expressions and give them TIMEX3 values (see finder.py)."""
from .finder import Timex, find_timexes, grammar_for

__all__ = ["Timex", "find_timexes", "grammar_for"]
