"""Rebuild the derived KB tables shipped in hronika/kb/ (run from the project root):

    python -m hronika.kb.build --data ../shared/data/slavicner [--exclude ../shared/eval/gold/dev]
                               [--split topic:NAME|random --out DIR]

``--split`` also leaves out the documents a dev split holds out (in both languages), and ``--out``
writes the tables elsewhere: the benchmark reads a held-out split with tables built without it
(``Settings.kb_derived``, ``HRONIKA_KB_DERIVED=DIR``), as the model it reads with was trained without it.

Writes
* ``slavicner_aliases.tsv``: surface forms and lemmas (folded by ``hronika.lang.fold``, as look-ups are) of the SlavicNER bg and ru
  training annotations with their cross-lingual entity id, type and count.  Only the short name
  strings and ids are kept (no text); the documents of ``--exclude`` (the linking dev set) are
  left out so that the linking score is not measured on documents the table was built from.
* ``slavicner_names.tsv``: a display name per id and language (the most frequent full lemma).
* ``countries.tsv``: every CLDR territory (via Babel) with its bg/ru/en names and a key: the
  SlavicNER id whose aliases include the CLDR name, else ``GPE-<English-name>``.
SlavicNER is research-only data (see ../shared/data/slavicner/README.md); these tables are
derived from its annotations and ship with that note.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from . import HERE, TYPES
from ..lang import fold

MAX_WORDS = 6  # longer "names" (titles of reports, programmes) are text, and stay out of the tables
ID_RE = re.compile(r"^(PER|ORG|LOC|GPE|EVT|PRO)-\S+$")
NOTE = ("# source: derived from the annotations of SlavicNER (github.com/SlavicNLP/SlavicNER, commit 2c72947), "
        "bg and ru training documents; research-only data, see hronika/models/README.md. "
        "Rebuild: python -m hronika.kb.build")


def read_tsvs(root: Path, excluded: set[str]):
    for lang in ("bg", "ru"):
        for tsv in sorted((root / "ner").glob(f"*/{lang}/*.tsv")):
            doc = tsv.name[:-4]
            if doc.removesuffix(".txt") in excluded:
                continue
            for line in tsv.read_text(encoding="utf-8").splitlines():
                c = line.split("\t")
                if len(c) >= 6 and c[4] in TYPES and ID_RE.match(c[5]):
                    yield lang, c[2], c[3], c[4], c[5]


def build(root: Path, excluded: set[str], out: Path = HERE) -> None:
    form_ids: dict[tuple[str, str], Counter] = defaultdict(Counter)
    lemmas: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for lang, surface, lemma, typ, eid in read_tsvs(root, excluded):
        if len(surface.split()) > MAX_WORDS or len(lemma.split()) > MAX_WORDS:
            continue
        if any("://" in x or x.lower().startswith("www.") for x in (surface, lemma)):  # a web address is text, not a name
            continue
        for f in {fold(surface), fold(lemma)}:
            if f:
                form_ids[(f, typ)][eid] += 1
        lemmas[(eid, lang)][lemma.strip()] += 1
    rows = []
    for (form, typ), ids in sorted(form_ids.items()):
        eid, n = ids.most_common(1)[0]
        total = sum(ids.values())
        if n / total >= 0.6:
            rows.append(f"{form}\t{typ}\t{eid}\t{n}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "slavicner_aliases.tsv").write_text(
        NOTE + "\n# columns: form (case-folded)\ttype\tid\tcount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    names = []
    for (eid, lang), cnt in sorted(lemmas.items()):
        total = sum(cnt.values())
        good = [(len(l.split()), n, l) for l, n in cnt.items() if n >= max(2, 0.1 * total) or n == total]
        if not good:
            good = [(len(l.split()), n, l) for l, n in cnt.items()]
        # the fullest name that is used often enough; ties go to the more frequent
        _, _, best = max(good, key=lambda x: (x[0] if eid.startswith("PER-") else 0, x[1]))
        names.append(f"{eid}\t{lang}\t{best}")
    (out / "slavicner_names.tsv").write_text(
        NOTE + "\n# columns: id\tlang\tname\n" + "\n".join(names) + "\n", encoding="utf-8")
    build_countries({f: ids.most_common(1)[0][0] for (f, t), ids in form_ids.items() if t == "LOC"}, out)
    print(f"{len(rows)} aliases, {len(names)} names", file=sys.stderr)


def build_countries(loc_ids: dict[str, str], out: Path = HERE) -> None:
    import babel

    loc = {l: babel.Locale(l).territories for l in ("bg", "ru", "en")}
    rows = []
    for code in sorted(loc["en"]):
        if not code.isalpha() or code in ("EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK") and code != "XK":
            continue
        names = {l: loc[l].get(code, "") for l in loc}
        key = ""
        for l in ("bg", "ru"):
            eid = loc_ids.get(fold(names[l]))
            if eid and eid.startswith("GPE-"):
                key = eid
                break
        if not key:
            key = "GPE-" + re.sub(r"[^A-Za-z0-9]+", "-", names["en"]).strip("-")
        rows.append(f"{code}\t{key}\t{names['bg']}\t{names['ru']}\t{names['en']}")
    head = ("# source: CLDR territory names via Babel (babel.Locale(lang).territories); keys: SlavicNER ids where "
            "a CLDR name is a SlavicNER alias (see slavicner_aliases.tsv), else GPE-<English name>. "
            "Rebuild: python -m hronika.kb.build\n# columns: iso\tkey\tbg\tru\ten\n")
    (out / "countries.tsv").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")


def held_out(root: Path, dev: str) -> set[str]:
    """The document names (without .txt) that a dev split holds out, in bg and ru."""
    from ..train.ner import load_corpus, split

    return {i.doc_id.removesuffix(".txt") for lang in ("bg", "ru") for i in split(load_corpus(root, lang), dev)[1]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--exclude", type=Path, default=None, help="folder of *.gold.json documents to leave out")
    ap.add_argument("--split", help="also leave out what this dev split holds out: topic:NAME or random")
    ap.add_argument("--out", type=Path, default=HERE, help="where the tables go (default: hronika/kb)")
    args = ap.parse_args(argv)
    excl_dir = args.exclude or args.data.resolve().parents[1] / "eval" / "gold" / "dev"
    excluded = {f.name[:-len(".gold.json")] for f in excl_dir.glob("*.gold.json")} if excl_dir.is_dir() else set()
    if args.split:
        excluded |= held_out(args.data, args.split)
    build(args.data, excluded, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
