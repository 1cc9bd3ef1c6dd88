import pytest

from hronika.ingest import read_paths
from hronika.ingest.decode import decode

TEXT = ("Правителството одобри в четвъртък проектобюджета, а опозицията поиска "
        "обществено обсъждане на всички разходи за отбрана.")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_article_in_each_encoding_reads_the_same(tmp_path, encoding):
    f = tmp_path / f"x-{encoding}.txt"
    f.write_bytes(f" date 2022-02-02 {TEXT}".encode(encoding))
    (doc,) = list(read_paths([f]))
    assert doc.text == TEXT
    assert doc.meta["encoding"] == encoding.replace("_", "-") or doc.meta["encoding"] == encoding


def test_russian_koi8_r_is_not_mistaken_for_cp1251():
    ru = "Президент провёл встречу с послом и обсудил поставки газа в течение зимы."
    assert decode(ru.encode("koi8_r"))[0] == ru
    assert decode(ru.encode("cp1251"))[0] == ru


def test_bundled_cp1251_sample_decodes():
    from conftest import SAMPLES
    (doc,) = list(read_paths([SAMPLES / "2025-10-21-budget-cp1251.txt"]))
    assert doc.meta["encoding"] == "cp1251"
    assert "Народното събрание" in doc.text
