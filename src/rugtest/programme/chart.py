"""The progress charts as plain SVG numbers, drawn on the server (no script needed).

Sized for a phone (W-11): the drawing is 340 units wide, so at 320 px it is drawn at about
its own size and its text (22 units) is at least as large as the body text. It shows the last
four weeks; the tables below it give every day.

1. Minutes walked per day (bars) against the day's goal, 3 × target (a thick dashed step
   line: shape and pattern carry the meaning, so it reads without colour).
2. Pain after walking (0–10) per day: the mean of that day's scores as dots joined by a line,
   broken where a day has no score.
"""

from __future__ import annotations

from decimal import Decimal

WIDTH, LEFT, RIGHT, TOP, BOTTOM = 340, 46, 8, 14, 36
FONT = 22
DAYS_SHOWN = 28
# The fewest day slots a chart is divided into: a first week's days stand from the left, a
# week's width each, instead of one wide bar in the middle of the chart.
MIN_SLOTS = 7


def _nice_max(value: int) -> int:
    for step in (30, 60, 90, 120, 180, 240, 300, 360, 480, 540):
        if value <= step:
            return step
    return ((value + 99) // 100) * 100


def _frame(days: list[dict], height: int) -> dict:
    shown = days[-DAYS_SHOWN:] or []
    count = max(len(shown), MIN_SLOTS)
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / count
    base = height - BOTTOM
    # Date labels from today backwards, about a week apart, never crowding (a label is ~3 × FONT).
    every = max(1, -(-count * 3 * FONT // plot_w))
    every = 7 if 4 < every <= 7 else every
    labels = []
    for i in range(len(shown) - 1, -1, -every):
        x = LEFT + i * slot + slot / 2
        if i == count - 1:  # the last slot: the label ends at the chart's right edge
            labels.append({"x": WIDTH - RIGHT, "anchor": "end", "text": shown[i]["date"].strftime("%-d-%-m")})
        elif i == len(shown) - 1:  # today, in a chart of fewer days than slots: under its bar
            labels.append({"x": round(x, 1), "anchor": "middle", "text": shown[i]["date"].strftime("%-d-%-m")})
        elif x - 1.6 * FONT >= 0 and x + 1.6 * FONT <= WIDTH - RIGHT - 3.2 * FONT:
            labels.append({"x": round(x, 1), "anchor": "middle", "text": shown[i]["date"].strftime("%-d-%-m")})
    return {"shown": shown, "count": count, "slot": slot, "base": base, "labels": labels}


def walking_chart(days: list[dict]) -> dict:
    """Coordinates for the template, from the W-11 day rows (day 0 … today)."""
    height = 230
    frame = _frame(days, height)
    shown, slot, base = frame["shown"], frame["slot"], frame["base"]
    top_value = _nice_max(max([d["total_minutes"] for d in shown] + [d["goal_minutes"] or 0 for d in shown] + [1]))
    plot_h = base - TOP
    bar_w = min(24.0, max(2.0, slot * 0.7))

    def y(value):
        return round(base - plot_h * value / top_value, 1)

    bars, goal_path, goal_steps = [], [], []
    for i, day in enumerate(shown):
        x = LEFT + i * slot + (slot - bar_w) / 2
        top = y(day["total_minutes"])
        bars.append({"x": round(x, 1), "y": top, "w": round(bar_w, 1), "h": round(base - top, 1), "day": day})
        if day["goal_minutes"] is not None:
            x0, x1, gy = round(LEFT + i * slot, 1), round(LEFT + (i + 1) * slot, 1), y(day["goal_minutes"])
            joined = i > 0 and shown[i - 1]["goal_minutes"] is not None
            goal_path.append(f"{'L' if joined else 'M'}{x0},{gy} L{x1},{gy}")
            goal_steps.append((x0, x1, gy))
    ticks = [{"value": v, "y": y(v)} for v in (0, top_value // 2, top_value)]
    return {
        "width": WIDTH, "height": height, "left": LEFT, "right": WIDTH - RIGHT, "base": base, "font": FONT,
        "bars": bars, "goal_path": " ".join(goal_path), "goal_steps": goal_steps, "ticks": ticks, "x_labels": frame["labels"],
        "label_y": height - 8, "days_shown": len(shown), "all_days": len(days) == len(shown),
    }


def pain_chart(days: list[dict], pain_after: dict) -> dict:
    """Coordinates of the pain chart; ``pain_after`` maps a date to that day's scores (0–10)."""
    height = 190
    frame = _frame(days, height)
    shown, slot, base = frame["shown"], frame["slot"], frame["base"]
    plot_h = base - TOP

    def y(value):
        return round(base - plot_h * float(value) / 10, 1)

    points, path, previous = [], [], False
    for i, day in enumerate(shown):
        scores = pain_after.get(day["date"]) or []
        if not scores:
            previous = False
            continue
        mean = mean_one_decimal(scores)
        x = round(LEFT + i * slot + slot / 2, 1)
        points.append({"x": x, "y": y(mean), "value": mean, "day": day})
        path.append(f"{'L' if previous else 'M'}{x},{y(mean)}")
        previous = True
    ticks = [{"value": v, "y": y(v)} for v in (0, 5, 10)]
    return {
        "width": WIDTH, "height": height, "left": LEFT, "right": WIDTH - RIGHT, "base": base, "font": FONT,
        "points": points, "path": " ".join(path), "ticks": ticks, "x_labels": frame["labels"],
        "label_y": height - 8, "dot": max(4, min(7, round(slot / 2))),
    }


def mean_one_decimal(scores: list[int]) -> Decimal:
    """The mean with one decimal, rounded half up, in integers (as W-11's weekly mean)."""
    total, count = sum(scores), len(scores)
    return Decimal((20 * total + count) // (2 * count)).scaleb(-1)
