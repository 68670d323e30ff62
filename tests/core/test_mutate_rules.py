"""The mutation harness of the rule table (benchmarks/mutate_rules.py) builds its mutants.

A smoke test for `make test`: the mutants are built and counted per rule, for whatever rules
the table holds, and one is installed and taken out again; none is run against the tests
(that takes minutes, and is done by hand: benchmarks/README.md).
"""

from __future__ import annotations

import collections
import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

from rugtest.core import triage

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("mutate_rules", ROOT / "benchmarks" / "mutate_rules.py")
mutate_rules = sys.modules["mutate_rules"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutate_rules)

MUTANTS = mutate_rules.all_mutants()
BY_RULE = collections.defaultdict(collections.Counter)
for _mutant in MUTANTS:
    BY_RULE[_mutant.rule_id][_mutant.kind] += 1


def _parts(expr):
    yield expr
    for part in getattr(expr, "parts", ()):
        yield from _parts(part)
    if isinstance(expr, triage.not_):
        yield from _parts(expr.part)


def test_every_rule_of_the_table_has_mutants():
    assert list(BY_RULE) == list(triage.RULE_IDS)


@pytest.mark.parametrize("rule", triage.RULES, ids=[rule.id for rule in triage.RULES])
def test_each_rule_gets_every_kind_of_mutant(rule):
    counts = BY_RULE[rule.id]
    parts = list(_parts(rule.when))
    yes_nodes = sum(isinstance(p, triage.yes) for p in parts)
    comparisons = sum(isinstance(p, (triage.num, triage.onset_age_below, triage.onset_age_at_least)) for p in parts)
    conditions = set(dict.fromkeys(r.condition for r in triage.RULES))
    assert counts["level"] == len(triage.LEVELS) - 1
    assert counts["condition id"] == len(conditions) - 1
    assert counts["threshold"] == 4 * comparisons  # each bound ±1, each of the two other operators
    assert counts["condition"] >= 4 * yes_nodes  # true, false, unknown, another question


def test_no_two_mutants_of_a_rule_are_the_same_change():
    names = [mutant.name for mutant in MUTANTS]
    assert len(names) == len(set(names))


def test_a_mutant_is_installed_everywhere_and_taken_out_again():
    answers = {"age": 35, "duration_weeks": 2, "pain_score": 3, "previous_episodes": "yes", "saddle_numbness": "yes"}
    first = triage.RULES[0]
    mutant = next(m for m in MUTANTS if m.rule_id == first.id and m.kind == "level" and m.rule.level == "selfcare")
    before = triage.evaluate(answers)
    with mutate_rules.installed(mutate_rules.with_mutant(mutant)):
        assert triage.RULE_BY_ID[first.id].level == "selfcare"
        assert triage.RULES[0] is mutant.rule and triage.RULE_IDS == tuple(r.id for r in triage.RULES)
        assert triage.evaluate(answers) != before
    assert triage.RULES[0] is first and triage.RULE_BY_ID[first.id] is first
    assert triage.evaluate(answers) == before


def test_the_harness_runs_the_tests_mutmut_runs():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    selection = mutate_rules.test_selection()
    assert selection[:len(config["pytest_add_cli_args_test_selection"])] == config["pytest_add_cli_args_test_selection"]
    assert all((ROOT / path).is_file() for path in config["pytest_add_cli_args_test_selection"])
