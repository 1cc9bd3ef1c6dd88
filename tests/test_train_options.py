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
