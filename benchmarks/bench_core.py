"""How fast the clinical core answers: triage and the walking plan.

Run: .venv/bin/python benchmarks/bench_core.py
"""

import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rugtest.core import programme, questions  # noqa: E402
from rugtest.core.triage import triage  # noqa: E402


def random_answers(rng: random.Random) -> dict:
    answers = {}
    for q in questions.QUESTIONS:
        if not q.required and rng.random() < 0.5:
            continue
        if q.type == questions.INT:
            answers[q.id] = rng.randint(q.minimum, q.maximum)
        elif q.type == questions.MULTI:
            answers[q.id] = rng.sample(list(q.values), rng.randint(0, 3))
        else:
            answers[q.id] = rng.choice(q.values)
    return answers


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    rng = random.Random(1)
    requests = [{"answers": random_answers(rng)} for _ in range(5000)]
    triage_times = timed(lambda: [triage(r) for r in requests], 5)
    per_triage_us = min(triage_times) / len(requests) * 1e6

    start = date(2026, 1, 5)
    log = [
        {"date": (start + timedelta(days=d)).isoformat(), "part": part, "minutes": 30, "pain_after": 3}
        for d in range(84) for part in programme.PARTS
    ]
    plan_request = {"start": start.isoformat(), "baseline_minutes": 10,
                    "today": (start + timedelta(days=83)).isoformat(), "log": log}
    plan_times = timed(lambda: programme.plan_json(plan_request), 50)

    print(json.dumps({
        "triage_per_call_us": round(per_triage_us, 1),
        "plan_84_days_252_walks_ms_median": round(statistics.median(plan_times) * 1000, 2),
        "plan_84_days_252_walks_ms_max": round(max(plan_times) * 1000, 2),
    }, indent=2))


if __name__ == "__main__":
    main()
