"""The minutes chart of the progress page and the share page (W-11), drawn on the server:
a short log's days stand from the left, a week's width each, with today's date under its bar;
four weeks fill the chart."""

from __future__ import annotations

import datetime as dt

from rugtest.programme.chart import walking_chart

START = dt.date(2026, 11, 2)
LEFT, RIGHT_EDGE = 46, 340 - 8  # the plot area of the 340-unit drawing (chart.py)


def day_rows(count: int, minutes: int = 27) -> list[dict]:
    return [{"date": START + dt.timedelta(days=i), "total_minutes": minutes, "goal_minutes": 27} for i in range(count)]


def test_a_one_day_log_draws_its_bar_at_the_left_with_its_date_under_it():
    chart = walking_chart(day_rows(1))
    [bar] = chart["bars"]
    plot = RIGHT_EDGE - LEFT
    assert LEFT <= bar["x"] and bar["x"] + bar["w"] <= LEFT + plot / 7  # the first day's place, not mid-chart
    [label] = chart["x_labels"]
    assert label["text"] == "2-11"
    assert bar["x"] <= label["x"] <= bar["x"] + bar["w"]


def test_a_week_fills_the_chart_and_its_last_date_ends_at_the_right_edge():
    chart = walking_chart(day_rows(7))
    assert len(chart["bars"]) == 7
    last = chart["bars"][-1]
    assert RIGHT_EDGE - (last["x"] + last["w"]) < (RIGHT_EDGE - LEFT) / 7
    assert chart["x_labels"][0] == {"x": RIGHT_EDGE, "anchor": "end", "text": "8-11"}


def test_no_date_label_leaves_the_drawing_and_no_two_overlap():
    for count in range(1, 30):
        labels = walking_chart(day_rows(count))["x_labels"]
        assert labels, count
        spans = []
        for label in labels:
            width = 3 * 22  # a date label is about 3 × the font size (chart.py)
            left = {"end": label["x"] - width, "middle": label["x"] - width / 2, "start": label["x"]}[label["anchor"]]
            assert 0 <= left and left + width <= 340, (count, label)
            spans.append((left, left + width))
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), (count, spans)
