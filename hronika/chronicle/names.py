"""An entity by any of its names, in any script or inflected form: ``Лукашенко``, ``Lukashenko``,
``Лукашенка`` -> ``PER-Alexander-Lukashenko``.

Every name and mention surface of a keyed entity is stored under three keys of ``hronika.kb``
(``f:`` the fold, ``s:`` the inflection-insensitive stem key, ``k:`` the script-insensitive
skeleton).  A name is looked for by the strictest key first; among the keys a level finds, the
one most often written so wins.  The KB's own look-up answers for a name no stored article has.
"""
from __future__ import annotations

from ..kb import fold, name_skeleton, stem_key

MIN_SKELETON = 5  # shorter skeletons meet too many other names (as in the KB's own index)


def keys_of(form: str) -> list[str]:
    form = form.strip()
    if not form:
        return []
    out = ["f:" + fold(form), "s:" + stem_key(form)]
    sk = name_skeleton(form)
    if len(sk.replace(" ", "")) >= MIN_SKELETON:
        out.append("k:" + sk)
    return out


def candidates(store, name: str) -> list[str]:
    """Global keys the name may stand for, the likeliest first (empty: none known)."""
    name = name.strip()
    if not name:
        return []
    if store.entities(kb=name, limit=1):  # a global key itself
        return [name]
    keys = keys_of(name)
    found = store.name_matches(keys)
    for level in keys:
        hits = sorted(((-n, kb) for k, kb, n in found if k == level))
        if hits:
            return [kb for _, kb in hits]
    return []


def resolve(store, name: str, kb=None) -> str | None:
    """The global key of ``name``: from the stored articles' names, else from the KB ``kb``
    (``hronika.kb.KB``) when given; None when neither knows it."""
    found = candidates(store, name)
    if found:
        return found[0]
    if kb is not None and name.strip():
        return kb.lookup(name.strip())
    return None
