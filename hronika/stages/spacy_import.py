"""spaCy without its command line.

``import spacy`` imports ``spacy.cli`` only to export ``spacy.info``, and with it typer, weasel,
requests, httpx, rich and the like: about 350 modules and 0.25 s of CPU time at every start of
``hronika read`` (a 300-article reading takes about 7 s in all), for nothing a reading uses.
``spacy()`` imports spaCy with a stand-in for ``spacy.cli.info`` and removes the stand-in
afterwards, so that a later ``import spacy.cli`` (training does) imports the real one, and
``spacy.info`` still works (it imports the real one when called).

``langcodes`` (tables of every language's names and distances: about 0.035 s to import) is imported
by ``spacy.util`` only to find the language module for a code spaCy has none under; spaCy gets a
stand-in that imports the real module when first asked for anything (a reading never does).
"""
from __future__ import annotations

import importlib
import sys
import threading
import types

_LOCK = threading.Lock()  # two threads building readers at once import spaCy once, whole


def _info(*args, **kwargs):
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _on_first_use(name: str) -> types.ModuleType:
    """A stand-in for module ``name`` that imports the real one when an attribute is first read
    and answers from it.  (Not ``importlib.util.LazyLoader``: under Python 3.11 the next
    ``import name`` reads the lazy module's ``__spec__`` and so loads it at once.)"""
    stand_in = types.ModuleType(name, f"stand-in for {name}, imported on first use")

    def __getattr__(attr: str):
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attr)

    stand_in.__getattr__ = __getattr__
    return stand_in


def spacy() -> types.ModuleType:
    """The ``spacy`` module, imported without ``spacy.cli`` if it is not imported yet."""
    with _LOCK:
        if "spacy" not in sys.modules:
            cli = types.ModuleType("spacy.cli")
            cli.__path__ = []  # a package, so that ``spacy.cli.info`` can be found under it
            info = types.ModuleType("spacy.cli.info")
            info.info = _info
            stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
            if "langcodes" not in sys.modules:
                stand_ins["langcodes"] = _on_first_use("langcodes")
            sys.modules.update(stand_ins)
            try:
                import spacy  # noqa: F401
            finally:
                for name, stand_in in stand_ins.items():
                    if sys.modules.get(name) is stand_in:
                        del sys.modules[name]
    import spacy as module  # (waits for an import of it in progress elsewhere to finish)

    return module
