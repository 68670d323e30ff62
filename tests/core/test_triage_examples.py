"""The public example cases give exactly their expected outcome, key by key."""

import json

import pytest

from clinical import load_clinical_json
from rugtest.core.triage import triage, triage_json

CASES = load_clinical_json("vignettes-examples.json")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_example_case_gives_expected_outcome(case):
    outcome = triage({"answers": case["answers"]})
    for key, expected in case["expect"].items():
        assert outcome[key] == expected, f"{case['id']} {key}"
    assert outcome == case["expect"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_example_case_prints_sorted_stable_json(case):
    printed = triage_json({"answers": case["answers"]})
    assert printed == json.dumps(case["expect"], sort_keys=True, ensure_ascii=False)
    assert triage_json({"answers": dict(reversed(list(case["answers"].items())))}) == printed
