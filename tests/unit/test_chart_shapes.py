"""Charts are shapes computed from numbers: the arithmetic of netgraph.web.chart_shapes, on its own."""

from __future__ import annotations

from netgraph.web.chart_shapes import (
    BAR_SPACE,
    COLUMN_SPACE,
    MENTORS_SHOWN,
    bars,
    bench_chart,
    mentor_load_chart,
    percent,
    stacked_columns,
    time_to_meet_chart,
)


def test_the_longest_bar_is_the_largest_value_and_the_others_in_proportion():
    chart = bars([("a", 1), ("b", 4), ("c", 2)])
    assert [b["width"] for b in chart["bars"]] == [BAR_SPACE / 4, BAR_SPACE, BAR_SPACE / 2]


def test_bars_stack_down_one_row_each_and_the_chart_is_as_tall_as_its_rows():
    chart = bars([("a", 1), ("b", 1), ("c", 1)])
    ys = [b["y"] for b in chart["bars"]]
    assert ys == sorted(ys) and len(set(ys)) == 3 and chart["height"] > ys[-1] + chart["bars"][-1]["height"] - 1


def test_a_value_that_does_not_apply_gets_no_bar_and_says_so():
    (bar,) = bars([("unit without critical positions", None)], value_max=1.0, text=percent)["bars"]
    assert (bar["width"], bar["text"]) == (0.0, "n/a")


def test_all_zero_values_draw_empty_bars_not_an_error():
    assert [b["width"] for b in bars([("a", 0), ("b", 0)])["bars"]] == [0.0, 0.0]


def test_no_items_is_an_empty_chart():
    assert bars([]) == {**bars([]), "bars": [], "height": 0}


def test_bench_strength_is_scaled_to_a_whole_bench_and_coloured_like_the_heat_map():
    tree = [
        {
            "id": "u",
            "name": "Ops",
            "depth": 0,
            "bench_strength": 0.5,
            "heat": "heat-mid",
            "critical": 2,
            "critical_covered": 1,
        },
        {
            "id": "v",
            "name": "Ops East",
            "depth": 1,
            "bench_strength": None,
            "heat": "heat-na",
            "critical": 0,
            "critical_covered": 0,
        },
    ]
    first, second = bench_chart(tree)["bars"]
    assert (first["width"], first["class"], first["text"]) == (BAR_SPACE / 2, "heat-mid", "50%")
    assert second["class"] == "heat-na" and second["label_x"] > first["label_x"]  # a sub-unit is indented


def test_mentor_load_shows_the_busiest_mentors_only():
    mentors = [{"id": f"p{i:03}", "name": f"Mentor {i}", "mentees": 30 - i} for i in range(25)]
    chart = mentor_load_chart(mentors)
    assert len(chart["bars"]) == MENTORS_SHOWN and chart["bars"][0]["label"] == "Mentor 0"


def test_time_to_meet_draws_a_bar_per_bucket_even_when_empty():
    found = {"buckets": [{"label": "under a week", "count": 0}, {"label": "1-2 weeks", "count": 3}]}
    assert [(b["label"], b["text"]) for b in time_to_meet_chart(found)["bars"]] == [
        ("under a week", "0"),
        ("1-2 weeks", "3"),
    ]


def test_stacked_columns_stack_each_series_on_the_one_below_and_scale_to_the_tallest():
    chart = stacked_columns(
        [{"m": "2026-01", "met": 2, "declined": 2}, {"m": "2026-02", "met": 1, "declined": 0}],
        ["met", "declined"],
        label="m",
    )
    first, second = chart["columns"]
    met, declined = first["segments"]
    assert met["y"] + met["height"] == chart["base"] and declined["y"] + declined["height"] == met["y"]
    assert met["height"] + declined["height"] == COLUMN_SPACE and [s["series"] for s in second["segments"]] == ["met"]
    assert second["x"] > first["x"] and chart["width"] > second["x"] + second["segments"][0]["width"]


def test_stacked_columns_without_rows_draw_nothing():
    assert stacked_columns([], ["met"])["columns"] == []
