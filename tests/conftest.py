import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "hronika" / "samples"


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test with a clear message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"needs {p} (the project's shared data, absent in a user's fresh clone)")
    return p


@pytest.fixture
def d() -> dt.date:
    return dt.date(2025, 12, 18)
