"""Where the default data set lives. Kept apart from `dataset` so `validate` stays light."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "EHELSE_MAP_DATA"


def default_data_dir() -> Path:
    """`$EHELSE_MAP_DATA`, else the data set shipped in the wheel, else the repository's data/."""
    if os.environ.get(ENV_DATA):
        return Path(os.environ[ENV_DATA])
    bundled = Path(__file__).parent / "data"
    if (bundled / "actors.yaml").exists():
        return bundled
    return Path(__file__).resolve().parents[2] / "data"
