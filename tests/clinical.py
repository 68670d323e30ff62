"""Where the clinical spec lives (shared/clinical/ beside the project), for the tests."""

import json
from pathlib import Path

from environment import skip_or_fail

SHARED_CLINICAL = Path(__file__).resolve().parents[2] / "shared" / "clinical"


def _path(name: str) -> Path:
    path = SHARED_CLINICAL / name
    if not path.exists():
        skip_or_fail(f"the clinical spec is not beside the project ({path} is missing)", allow_module_level=True)
    return path


def load_clinical_json(name: str):
    return json.loads(_path(name).read_text(encoding="utf-8"))


def clinical_text(name: str) -> str:
    return _path(name).read_text(encoding="utf-8")
