"""Mutation testing of the rule table: would the tests notice a wrong rule?

mutmut changes function bodies; the rule table of ``rugtest.core.triage`` is module-level
data, which it cannot change. This harness makes the mutants of that table itself, one small
change to one rule at a time, and runs the deterministic triage tests against each (the same
selection as mutmut: ``[tool.mutmut]`` in pyproject.toml). A mutant the tests do not notice
has "survived": a rule that could be wrong unseen.

The mutants of each rule of ``RULES`` (whatever rules the table holds):

- its condition (``when``): each ``yes(q)`` replaced by always true, always false, always
  unknown, or the next yes/no question of the questionnaire; each ``all_of`` made ``any_of``
  and back; each part of an ``all_of``/``any_of`` dropped; each ``not_`` removed; each
  ``equals`` given another value of its question;
- its threshold: each numeric bound one lower and one higher, each comparison operator turned
  into the others of ``>``, ``>=`` and ``<``;
- its level: each other level;
- its condition id: each other condition of the table, and none (or one, where it has none).

Each mutant is installed by replacing ``RULES`` and every name ``triage.py`` derives from it
(``RULE_IDS``, ``RULE_BY_ID``, ``CONDITIONS``, … found in its source), in ``triage`` and in
every module that imported them by name; pytest then runs in this same process, stopping at
the first failing test. Run it by hand, not in ``make test`` (benchmarks/README.md):

    .venv/bin/python benchmarks/mutate_rules.py            # every mutant, about 4 minutes
    .venv/bin/python benchmarks/mutate_rules.py --list     # the mutants, without running them
    .venv/bin/python benchmarks/mutate_rules.py --rule R-AAA-1 --rule R-ANE-1
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import dataclasses
import io
import json
import os
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rugtest.core import questions, triage  # noqa: E402

# --- Expressions the harness adds: constants and an onset-age comparison with any operator ------


class const:  # noqa: N801 - reads like the table's own combinators
    """A part that always gives the same value: True, False or None (unknown)."""

    questions: tuple[str, ...] = ()

    def __init__(self, value):
        self.value = value

    def __call__(self, answers: dict):
        return self.value


class onset_age_cmp:  # noqa: N801
    """``onset_age`` compared with any of ``>``, ``>=`` and ``<``."""

    questions = ("age", "duration_weeks")

    def __init__(self, op: str, bound: int):
        self.op, self.bound = op, bound

    def __call__(self, answers: dict):
        value = triage.onset_age(answers)
        return {">": value > self.bound, ">=": value >= self.bound, "<": value < self.bound}[self.op]


OPERATORS = (">", ">=", "<")


def show(expr) -> str:
    """An expression the way the spec's `when` column writes it."""
    if isinstance(expr, triage.yes):
        return expr.qid
    if isinstance(expr, triage.num):
        return f"{expr.qid} {expr.op} {expr.bound}"
    if isinstance(expr, triage.onset_age_below):
        return f"onset_age < {expr.bound}"
    if isinstance(expr, triage.onset_age_at_least):
        return f"onset_age >= {expr.bound}"
    if isinstance(expr, onset_age_cmp):
        return f"onset_age {expr.op} {expr.bound}"
    if isinstance(expr, triage.equals):
        return f"{expr.qid} = {expr.wanted}"
    if isinstance(expr, const):
        return {True: "TRUE", False: "FALSE", None: "UNKNOWN"}[expr.value]
    if isinstance(expr, triage.not_):
        return f"NOT {show(expr.part)}"
    if isinstance(expr, (triage.all_of, triage.any_of)):
        word = " AND " if isinstance(expr, triage.all_of) else " OR "
        return "(" + word.join(show(part) for part in expr.parts) + ")"
    raise TypeError(f"the harness does not know {type(expr).__name__}: teach mutate_rules.py its mutants")


# --- The mutants -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Mutant:
    rule_id: str
    kind: str  # "condition", "threshold", "level" or "condition id"
    change: str  # what changed, in words
    rule: triage.Rule  # the rule as the mutant has it

    @property
    def name(self) -> str:
        return f"{self.rule_id} {self.kind}: {self.change}"


def _other_yesno(qid: str) -> str:
    """The next yes/no question of the questionnaire after ``qid`` (round the end)."""
    ids = [q.id for q in questions.QUESTIONS if q.type == questions.YESNO]
    return ids[(ids.index(qid) + 1) % len(ids)]


def expr_mutants(expr) -> Iterator[tuple[str, str, object]]:
    """(kind, change, new expression) for every mutant of ``expr`` and of its parts."""
    if isinstance(expr, triage.yes):
        for value, word in ((True, "always true"), (False, "always false"), (None, "always unknown")):
            yield "condition", f"{expr.qid} → {word}", const(value)
        other = _other_yesno(expr.qid)
        yield "condition", f"{expr.qid} → {other}", triage.yes(other)
    elif isinstance(expr, triage.num):
        for bound in (expr.bound - 1, expr.bound + 1):
            yield "threshold", f"{show(expr)} → {expr.qid} {expr.op} {bound}", triage.num(expr.qid, expr.op, bound)
        for op in OPERATORS:
            if op != expr.op:
                yield "threshold", f"{show(expr)} → {expr.qid} {op} {expr.bound}", triage.num(expr.qid, op, expr.bound)
    elif isinstance(expr, (triage.onset_age_below, triage.onset_age_at_least)):
        op = "<" if isinstance(expr, triage.onset_age_below) else ">="
        for bound in (expr.bound - 1, expr.bound + 1):
            yield "threshold", f"{show(expr)} → onset_age {op} {bound}", onset_age_cmp(op, bound)
        for other in OPERATORS:
            if other != op:
                yield "threshold", f"{show(expr)} → onset_age {other} {expr.bound}", onset_age_cmp(other, expr.bound)
    elif isinstance(expr, triage.equals):
        for value in questions.BY_ID[expr.qid].values:
            if value != expr.wanted:
                yield "condition", f"{show(expr)} → {expr.qid} = {value}", triage.equals(expr.qid, value)
    elif isinstance(expr, triage.not_):
        yield "condition", f"{show(expr)} → {show(expr.part)} (NOT removed)", expr.part
        for kind, change, part in expr_mutants(expr.part):
            yield kind, change, triage.not_(part)
    elif isinstance(expr, (triage.all_of, triage.any_of)):
        swapped = triage.any_of if isinstance(expr, triage.all_of) else triage.all_of
        yield "condition", f"{show(expr)} → {show(swapped(*expr.parts))}", swapped(*expr.parts)
        if len(expr.parts) > 1:
            for i, part in enumerate(expr.parts):
                rest = expr.parts[:i] + expr.parts[i + 1:]
                yield "condition", f"{show(part)} dropped from {show(expr)}", type(expr)(*rest)
        for i, part in enumerate(expr.parts):
            for kind, change, new in expr_mutants(part):
                yield kind, change, type(expr)(*expr.parts[:i], new, *expr.parts[i + 1:])
    else:
        show(expr)  # raises: an expression the harness does not know


def mutants_of(rule: triage.Rule) -> list[Mutant]:
    found = [Mutant(rule.id, kind, change, dataclasses.replace(rule, when=new)) for kind, change, new in expr_mutants(rule.when)]
    found += [
        Mutant(rule.id, "level", f"{rule.level} → {level}", dataclasses.replace(rule, level=level))
        for level in triage.LEVELS if level != rule.level
    ]
    conditions = [c for c in dict.fromkeys(r.condition for r in ORIGINAL["RULES"]) if c != rule.condition]
    found += [
        Mutant(rule.id, "condition id", f"{rule.condition or '—'} → {condition or '—'}", dataclasses.replace(rule, condition=condition))
        for condition in conditions
    ]
    return found


# --- Installing a mutant ------------------------------------------------------------------------


def _derived_from_rules() -> list[tuple[list[str], ast.expr]]:
    """The module-level assignments of triage.py that are computed from RULES, in order."""
    tree = ast.parse(Path(triage.__file__).read_text(encoding="utf-8"))
    derived, found = {"RULES"}, []
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if "RULES" in names:
            continue
        if {n.id for n in ast.walk(value) if isinstance(n, ast.Name)} & derived:
            found.append((names, value))
            derived.update(names)
    return found


DERIVED = _derived_from_rules()
ORIGINAL = {"RULES": triage.RULES, **{name: getattr(triage, name) for names, _ in DERIVED for name in names}}


def table_names(rules: tuple) -> dict[str, object]:
    """RULES and everything triage.py derives from it, computed for ``rules``."""
    namespace = {**vars(triage), "RULES": rules}
    values = {"RULES": rules}
    for names, value in DERIVED:
        result = eval(compile(ast.Expression(value), triage.__file__, "eval"), namespace)  # noqa: S307 - triage.py's own code
        for name in names:
            namespace[name] = values[name] = result
    return values


def _holders() -> list[tuple[object, str, str]]:
    """(module, attribute, name) for every module attribute that is one of the table's objects."""
    by_id = {id(value): name for name, value in ORIGINAL.items()}
    found = []
    for module in list(sys.modules.values()):
        try:
            attributes = list(vars(module).items())
        except TypeError:
            continue
        for attribute, value in attributes:
            if id(value) in by_id and value is ORIGINAL[by_id[id(value)]]:
                found.append((module, attribute, by_id[id(value)]))
    return found


@contextlib.contextmanager
def installed(rules: tuple):
    """The rule table replaced by ``rules`` everywhere it was imported, for the ``with`` block."""
    values = table_names(rules)
    holders = _holders()
    try:
        for module, attribute, name in holders:
            setattr(module, attribute, values[name])
        yield
    finally:
        for module, attribute, name in holders:
            setattr(module, attribute, ORIGINAL[name])


def with_mutant(mutant: Mutant) -> tuple:
    return tuple(mutant.rule if rule.id == mutant.rule_id else rule for rule in ORIGINAL["RULES"])


# --- Running the tests ---------------------------------------------------------------------------


def test_selection() -> list[str]:
    """The tests mutmut runs ([tool.mutmut] in pyproject.toml), for pytest."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return [*config["pytest_add_cli_args_test_selection"], *config.get("pytest_add_cli_args", [])]


def run_tests() -> tuple[int, str]:
    """pytest on the selection in this process, up to the first failure: its exit code
    (0: all passed, 1: a test failed) and the first failed test."""
    import pytest

    args = [*test_selection(), "-x", "-q", "-p", "no:cacheprovider"]
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = int(pytest.main(args))
    failed = next((line.split(" - ")[0].removeprefix("FAILED ") for line in sink.getvalue().splitlines()
                   if line.startswith("FAILED ")), "")
    return code, failed


def all_mutants(rule_ids: list[str] | None = None) -> list[Mutant]:
    rules = [rule for rule in ORIGINAL["RULES"] if not rule_ids or rule.id in rule_ids]
    return [mutant for rule in rules for mutant in mutants_of(rule)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rule", action="append", help="only this rule id (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the mutants without running them")
    parser.add_argument("--json", type=Path, help="write every mutant and its result here")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugtest.settings")

    mutants = all_mutants(args.rule)
    if args.list:
        for mutant in mutants:
            print(mutant.name)
        print(f"{len(mutants)} mutants of {len({m.rule_id for m in mutants})} rules")
        return 0

    start = time.monotonic()
    # The tests pass on the table as it is, and on a copy of it installed as a mutant would be.
    for control in (contextlib.nullcontext(), installed(tuple(ORIGINAL["RULES"]))):
        with control:
            code, failed = run_tests()
        if code != 0:
            print(f"The tests fail without a mutant ({failed or f'pytest exit {code}'}): make them pass first.",
                  file=sys.stderr)
            return 2
    results = []
    for n, mutant in enumerate(mutants, 1):
        with installed(with_mutant(mutant)):
            code, failed = run_tests()
        outcome = {0: "survived", 1: "killed"}.get(code, f"error (pytest exit {code})")
        results.append({"rule": mutant.rule_id, "kind": mutant.kind, "change": mutant.change, "result": outcome,
                        "killed_by": failed})
        print(f"[{n}/{len(mutants)}] {outcome:8} {mutant.name}" + (f"  ({failed})" if failed else ""), flush=True)
    minutes = (time.monotonic() - start) / 60
    killed = sum(r["result"] == "killed" for r in results)
    survivors = [r for r in results if r["result"] != "killed"]
    print(f"\n{len(results)} mutants of {len({r['rule'] for r in results})} rules: {killed} killed "
          f"({100 * killed / max(len(results), 1):.1f} %), {len(survivors)} not; {minutes:.1f} minutes")
    for r in survivors:
        print(f"  {r['result']}: {r['rule']} {r['kind']}: {r['change']}")
    if args.json:
        args.json.write_text(json.dumps({"minutes": round(minutes, 1), "mutants": results}, indent=1, ensure_ascii=False))
    return 0 if not survivors else 1


if __name__ == "__main__":
    sys.exit(main())
