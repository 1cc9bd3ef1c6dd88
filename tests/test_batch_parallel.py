import json

from hronika.batch import read_all
from hronika.ingest import Failure
from hronika.serialize import to_json
from conftest import SAMPLES


def test_two_workers_give_the_same_readings_in_the_same_order_as_one(tmp_path):
    bad = tmp_path / "zz-bad.txt"
    bad.write_text("no date header", encoding="utf-8")
    paths = [str(SAMPLES), str(bad)]
    one = list(read_all(paths, stages=("repair", "segment", "sentences", "language"), jobs=1))
    two = list(read_all(paths, stages=("repair", "segment", "sentences", "language"), jobs=2))
    assert len(one) == len(two) == 10
    assert isinstance(one[-1], Failure) and str(one[-1]) == str(two[-1])
    for a, b in zip(one[:-1], two[:-1]):
        assert json.dumps(to_json(a)) == json.dumps(to_json(b))


WARM_UP = """
from hronika.batch import analyse_items, build_reader
from hronika.stages import entities
reader = build_reader(["repair", "segment", "sentences", "language", "entities"])
print("models before:", entities._load_pipeline.cache_info().currsize)
assert list(analyse_items([], reader, jobs=2)) == []
print("models after:", entities._load_pipeline.cache_info().currsize, reader.warm)
"""


def test_the_reader_loads_each_language_before_it_forks_workers():
    # The Russian model loads on first use; with workers, the parent loads it (reading
    # lang/ru/warm_up.txt) before forking them, so that they share it (a fresh process: another
    # test may have loaded it here already).
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", WARM_UP], capture_output=True, text=True, check=True).stdout
    assert "models before: 1" in out and "models after: 2 True" in out
