"""Static word vectors for the NER models, cut down from navec's news embeddings.

    python -m hronika.train.vectors --out train-work/vectors-ru [--words 100000] [--dims 64]

navec (``navec_news_v1_1B_250K_300d_100q``, MIT, shipped inside natasha's wheel: ``pip install
'hronika[bench]'``) holds 250,000 lower-case Russian words with 300 dimensions, product-quantised.
This keeps the ``--words`` most frequent of them, projects them onto their first ``--dims``
principal components (a model with a 64-wide tok2vec cannot use 300), and writes a blank spaCy
pipeline whose vocabulary holds them (each also under its capitalised form, and a short word under its
upper-case form), for
``hronika train ner --vectors DIR``.  The vectors end up inside the trained model.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def navec_path() -> Path:
    try:
        import natasha
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise SystemExit("navec's vectors come with natasha: pip install 'hronika[bench]'") from exc
    found = sorted((Path(natasha.__file__).parent / "data" / "emb").glob("navec_news_*.tar"))
    if not found:
        raise SystemExit("natasha's wheel holds no navec_news_*.tar")
    return found[0]


def reduce(words: list[str], counts, matrix, n_words: int, dims: int):
    """The n_words most frequent words and their vectors on the first ``dims`` principal axes."""
    import numpy as np

    order = np.argsort(-np.asarray(counts, dtype=np.float64), kind="stable")
    order = [i for i in order if not words[i].startswith("<")][:n_words]
    data = matrix[order].astype(np.float32)
    data -= data.mean(axis=0)
    _, _, vt = np.linalg.svd(data, full_matrices=False)
    reduced = data @ vt[:dims].T
    reduced /= reduced.std() or 1.0  # unit scale, whatever the dimension count
    return [words[i] for i in order], reduced.astype(np.float32)


def variants(word: str) -> list[str]:
    """The written forms a lower-case vocabulary word also stands for: capitalised, and upper-case
    for a short word (an abbreviation: сша, оон)."""
    out = [word[:1].upper() + word[1:]]
    if len(word) <= 5:
        out.append(word.upper())
    return [f for f in dict.fromkeys(out) if f != word]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m hronika.train.vectors", description=__doc__.split("\n\n")[0])
    ap.add_argument("--navec", type=Path, help="navec .tar (default: the one in natasha's wheel)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--words", type=int, default=100000)
    ap.add_argument("--dims", type=int, default=64)
    args = ap.parse_args(argv)

    import spacy
    from navec import Navec
    from spacy.vectors import Vectors

    navec = Navec.load(str(args.navec or navec_path()))
    words = list(navec.vocab.words)
    matrix = navec.pq.unpack()
    kept, data = reduce(words, navec.vocab.counts, matrix, args.words, args.dims)
    nlp = spacy.blank("bg")  # the language every NER training config names (hronika.train.ner)
    vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=kept, name=f"navec_news_{len(kept)}x{args.dims}")
    # spaCy keeps no key attribute for plain vectors on disk (a model looks them up by the exact
    # word): the capitalised and the upper-case word share the lower-case word's row.
    for row, word in enumerate(kept):
        for form in variants(word):
            if form not in vectors:
                vectors.add(nlp.vocab.strings.add(form), row=row)
    nlp.vocab.vectors = vectors
    nlp.to_disk(args.out)
    print(f"{len(kept)} words x {args.dims} dimensions written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
