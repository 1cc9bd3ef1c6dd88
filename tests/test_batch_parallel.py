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
