"""The progress chart as plain SVG numbers, drawn on the server (no script needed).

Bars are the minutes walked per day; a dashed line with square markers is the day's goal
(3 × target). Shape and pattern carry the meaning, so the chart reads without colour; the
same numbers stand in a table next to it for screen readers and print.
"""

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 28


def _nice_max(value: int) -> int:
    for step in (30, 60, 90, 120, 180, 240, 300, 360, 480, 540):
        if value <= step:
            return step
    return ((value + 99) // 100) * 100


def walking_chart(days: list[dict]) -> dict:
    """Coordinates for the template, from the W-11 day rows (day 0 … today)."""
    count = max(len(days), 1)
    top_value = _nice_max(max([d["total_minutes"] for d in days] + [d["goal_minutes"] or 0 for d in days] + [1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / count
    bar_w = min(28.0, max(1.0, slot * 0.7))

    def y(value):
        return TOP + plot_h - plot_h * value / top_value

    bars, goal_points = [], []
    for i, day in enumerate(days):
        x = LEFT + i * slot + (slot - bar_w) / 2
        top = y(day["total_minutes"])
        bars.append({"x": round(x, 1), "y": round(top, 1), "w": round(bar_w, 1),
                     "h": round(TOP + plot_h - top, 1), "day": day})
        if day["goal_minutes"] is not None:
            goal_points.append((round(LEFT + i * slot + slot / 2, 1), round(y(day["goal_minutes"]), 1)))
    ticks = [{"value": v, "y": round(y(v), 1)} for v in range(0, top_value + 1, top_value // 3)]
    label_every = max(1, count // 8)
    x_labels = [
        {"x": round(LEFT + i * slot + slot / 2, 1), "text": day["date"].strftime("%d-%m")}
        for i, day in enumerate(days) if i % label_every == 0
    ]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
        "base": TOP + plot_h, "top": TOP, "bars": bars,
        "goal_path": " ".join(f"{x},{y}" for x, y in goal_points),
        "goal_points": goal_points, "ticks": ticks, "x_labels": x_labels,
        "label_y": HEIGHT - 8,
    }
