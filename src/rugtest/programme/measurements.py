"""The measurements of a programme in words (outcome-measures.md O-3), for the progress page,
the programme report (PDF and share page) and the closing summary."""

from django.utils.translation import gettext as _

from rugtest import words
from rugtest.core import measures

from .selectors import measurement_due, measurements


def start_activities(stored) -> list[str]:
    """O-1: the activities named at the start, in their order."""
    start = next((m for m in stored if m.moment == "start"), None)
    return [item["activity"] for item in start.activities] if start else []


def change_line(change: measures.Change) -> str:
    """O-3: "Pijn: van 7 naar 4 — duidelijk beter"; the numbers beside the words."""
    name = _("Pijn") if change.kind == "pain" else change.name
    return _("%(name)s: van %(start)s naar %(now)s — %(change)s") % {
        "name": name, "start": change.start, "now": change.now, "change": words.MEASURE_CHANGES[change.change],
    }


def measurement_rows(stored) -> dict:
    """O-3: the table of measurements (moment, date, pain, each activity's score) and, from two
    on, the change since the start in words."""
    names = start_activities(stored) or (
        [item["activity"] for item in stored[0].activities] if stored else [])
    rows = []
    for m in stored:
        scores = {item["activity"]: item.get("score") for item in m.activities}
        rows.append({"moment": m.moment, "moment_words": words.MEASURE_MOMENTS[m.moment], "date": m.date,
                     "pain": m.pain_24h, "scores": [(name, scores.get(name)) for name in names]})
    lines = [change_line(c) for c in measures.changes([m.as_core() for m in stored])]
    return {"activity_names": names, "rows": rows, "changes": lines}


# What other pages show of the measurements (the programme and progress views) --------------------


def progress_context(programme, today, view) -> dict:
    """The progress page (W-11, O-3): the measurements, and whether one is due now (O-2)."""
    stored = measurements(programme)
    return {"measures": measurement_rows(stored), "measure_due": measurement_due(programme, today, view, stored)}


def closing_context(programme, view) -> dict | None:
    """W-7: from day 84 the programme page closes with a summary, the measurements among it."""
    if view is None or view.state != "finished":
        return None
    stored = measurements(programme)
    # The panel is kept beside the plan (templatetags/plan_parts.py): a new or corrected
    # measurement must make it anew.
    return {"measures": measurement_rows(stored), "key": tuple((m.pk, m.updated_at) for m in stored)}
