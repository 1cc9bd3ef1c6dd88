"""`hronika train ner` options for experiments: one model of both languages, another random seed."""
import json

from hronika.train.ner import main


def corpus(root):
    for lang, words in (("bg", ["Иван Тестов дойде.", "Мария Тестова си тръгна."]),
                        ("ru", ["Иван Тестов пришёл.", "Мария Тестова ушла."])):
        for topic in ("one", "two"):
            for n, text in enumerate(words):
                raw, ner = root / "raw" / topic / lang, root / "ner" / topic / lang
                raw.mkdir(parents=True, exist_ok=True)
                ner.mkdir(parents=True, exist_ok=True)
                (raw / f"{n}.txt").write_text(text, encoding="utf-8")
                end = len(" ".join(text.split()[:2]))
                (ner / f"{n}.tsv").write_text(f"0\t{end}\tx\tx\tPER\n", encoding="utf-8")


def test_both_languages_and_a_seed_reach_the_training_config(tmp_path, capsys):
    corpus(tmp_path / "data")
    work = tmp_path / "work"
    assert main(["--data", str(tmp_path / "data"), "--lang", "bg+ru", "--seed", "3", "--hold-out", "two",
                 "--work", str(work), "--exclude", str(tmp_path / "none"), "--prepare-only"]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    # topic "two" left out; of topic "one", 4 documents (2 per language), one of them the dev slice
    assert stats["train_set"]["docs"] + stats["dev_set"]["docs"] == 4
    cfg = (work / "ner-bg+ru-without-two-random-seed3" / "config.cfg").read_text(encoding="utf-8")
    assert "seed = 3" in cfg


def test_static_vectors_reach_the_training_config(tmp_path, capsys):
    corpus(tmp_path / "data")
    work = tmp_path / "work"
    vectors = tmp_path / "vectors"
    assert main(["--data", str(tmp_path / "data"), "--lang", "ru", "--hold-out", "two", "--vectors", str(vectors),
                 "--work", str(work), "--exclude", str(tmp_path / "none"), "--prepare-only"]) == 0
    cfg = (work / "ner-ru-without-two-random-vectors" / "config.cfg").read_text(encoding="utf-8")
    assert "include_static_vectors = true" in cfg
    assert f'vectors = "{vectors}"' in cfg or f"vectors = {vectors}" in cfg


def test_vectors_keep_the_most_frequent_words_on_their_main_axes():
    import numpy as np

    from hronika.train.vectors import reduce

    rng = np.random.default_rng(0)
    # three words spread along one axis, a fourth rare one, and navec's padding entry
    words = ["газ", "нефть", "уголь", "редкое", "<pad>"]
    counts = [50, 40, 30, 1, 1000]
    matrix = np.zeros((5, 6), dtype=np.float32)
    matrix[:, 2] = [3.0, 0.0, -3.0, 9.0, 0.0]
    matrix += rng.normal(scale=0.01, size=matrix.shape).astype(np.float32)
    kept, data = reduce(words, counts, matrix, n_words=3, dims=1)
    assert kept == ["газ", "нефть", "уголь"]  # by frequency, the padding and the rare word left out
    assert data.shape == (3, 1) and data.dtype == np.float32
    assert abs(data[0, 0] - data[2, 0]) > 2 and abs(data[1, 0]) < 0.5  # the one axis they differ on


def test_a_vector_word_also_stands_for_its_capitalised_and_abbreviation_forms():
    from hronika.train.vectors import variants

    assert variants("газпром") == ["Газпром"]
    assert variants("сша") == ["Сша", "США"]
    assert variants("москва") == ["Москва"]  # six letters: no abbreviation
    assert variants("северный-поток") == ["Северный-поток"]
