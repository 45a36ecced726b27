"""Charts as plain shapes: numbers in, bars with positions, sizes and labels out (drawn as SVG by _charts.html).

The server draws every chart: the page arrives with the picture in it, as
inline SVG, so it needs no chart library, no script and nothing from another
host, and it works under the strict content security policy (colours come
from CSS classes in netgraph.css and SVG presentation attributes, never from
``style``). This module only does the arithmetic, so it is pure and tested on
its own; ``templates/_charts.html`` turns its output into ``<svg>`` plus a
table twin that a screen reader (or a person) can read.

>>> chart = bars([("Sales", 0.5), ("Ops", None)], value_max=1.0, text=percent)
>>> [(b["label"], b["width"], b["text"]) for b in chart["bars"]]
[('Sales', 160.0, '50%'), ('Ops', 0.0, 'n/a')]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Horizontal bars: room for the labels, the longest bar, the figure after it, and each row.
LABEL_WIDTH = 180
BAR_SPACE = 320
FIGURE_SPACE = 60
ROW_HEIGHT = 24
BAR_HEIGHT = 16
#: Stacked columns: width of each column and the gap, the tallest column, room for the axis labels.
COLUMN_WIDTH = 26
COLUMN_GAP = 10
COLUMN_SPACE = 180
AXIS_SPACE = 56
TOP_SPACE = 18
LEFT_SPACE = 36


def percent(value: float | None) -> str:
    """A share as the pages write it.

    >>> percent(0.666), percent(None)
    ('67%', 'n/a')
    """
    return "n/a" if value is None else f"{value * 100:.0f}%"


def count(value: float | None) -> str:
    """A whole number with thousands separators (n/a for None).

    >>> count(1234), count(None)
    ('1,234', 'n/a')
    """
    return "n/a" if value is None else f"{value:,.0f}"


def bars(
    items: Sequence[tuple[str, float | None]],
    *,
    value_max: float | None = None,
    text: Callable[[float | None], str] = count,
    classes: Sequence[str] | None = None,
    titles: Sequence[str] | None = None,
    indents: Sequence[int] | None = None,
) -> dict:
    """A horizontal bar per ``(label, value)``, longest for ``value_max`` (default: the largest value).

    A value of None ("not applicable") gets no bar and the text "n/a".
    ``classes``: a CSS class per bar (default ``bar``); ``titles``: a tooltip per
    bar (default ``label: text``); ``indents``: how many steps each label is
    indented (sub-units under their unit). Labels start at ``label_x``. Returns ``{"width", "height", "bars": [...]}``,
    each bar ``{"label", "value", "text", "class", "title", "x", "y", "width",
    "height", "label_x", "text_x", "text_y"}`` in SVG user units.

    >>> chart = bars([("a", 2), ("b", 4)])
    >>> [b["width"] for b in chart["bars"]], chart["height"]
    ([160.0, 320.0], 48)
    """
    largest = value_max if value_max is not None else max((v for _, v in items if v is not None), default=0)
    out = []
    for i, (label, value) in enumerate(items):
        width = round(BAR_SPACE * value / largest, 1) if value and largest else 0.0
        y = i * ROW_HEIGHT
        shown = text(value)
        out.append(
            {
                "label": label,
                "value": value,
                "text": shown,
                "class": classes[i] if classes else "bar",
                "title": titles[i] if titles else f"{label}: {shown}",
                "x": LABEL_WIDTH,
                "y": y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                "width": width,
                "height": BAR_HEIGHT,
                "label_x": 4 + 12 * (indents[i] if indents else 0),
                "text_x": LABEL_WIDTH + width + 6,
                "text_y": y + ROW_HEIGHT / 2 + 5,
            }
        )
    return {"width": LABEL_WIDTH + BAR_SPACE + FIGURE_SPACE, "height": len(out) * ROW_HEIGHT, "bars": out}


def stacked_columns(rows: Sequence[dict], series: Sequence[str], *, label: str = "label") -> dict:
    """A column per row, stacked from the bottom in ``series`` order, scaled to the tallest column.

    ``rows``: dicts with ``row[label]`` and a count per series. Returns
    ``{"width", "height", "base", "columns": [{"label", "total", "x", "label_x",
    "label_y", "segments": [{"series", "count", "x", "y", "width", "height"}]}],
    "series", "ticks": [{"value", "y"}]}``; a zero count draws no segment.

    >>> chart = stacked_columns([{"month": "2026-01", "met": 1, "declined": 1},
    ...                          {"month": "2026-02", "met": 2, "declined": 0}], ["met", "declined"], label="month")
    >>> [(s["series"], s["height"]) for c in chart["columns"] for s in c["segments"]]
    [('met', 90.0), ('declined', 90.0), ('met', 180.0)]
    """
    tallest = max((sum(r[s] for s in series) for r in rows), default=0)
    base = TOP_SPACE + COLUMN_SPACE
    columns = []
    for i, row in enumerate(rows):
        x = LEFT_SPACE + COLUMN_GAP + i * (COLUMN_WIDTH + COLUMN_GAP)
        top, segments = float(base), []
        for name in series:
            if not row[name]:
                continue
            height = round(COLUMN_SPACE * row[name] / tallest, 1)
            top -= height
            segments.append(
                {
                    "series": name,
                    "count": row[name],
                    "x": x,
                    "y": round(top, 1),
                    "width": COLUMN_WIDTH,
                    "height": height,
                }
            )
        columns.append(
            {
                "label": row[label],
                "total": sum(row[s] for s in series),
                "x": x,
                "label_x": x + COLUMN_WIDTH / 2,
                "label_y": base + 14,
                "segments": segments,
            }
        )
    ticks = (
        [{"value": v, "y": round(base - COLUMN_SPACE * v / tallest, 1)} for v in sorted({0, tallest})]
        if tallest
        else [{"value": 0, "y": base}]
    )
    return {
        "width": LEFT_SPACE + COLUMN_GAP + len(columns) * (COLUMN_WIDTH + COLUMN_GAP) + COLUMN_GAP,
        "height": base + AXIS_SPACE,
        "base": base,
        "columns": columns,
        "series": list(series),
        "ticks": ticks,
    }


def bench_chart(tree: Sequence[dict]) -> dict:
    """Bench strength by org unit (units in tree order, sub-units indented by name), coloured as the heat map.

    >>> chart = bench_chart([{"id": "u", "name": "Ops", "depth": 1, "bench_strength": 1.0, "heat": "heat-high",
    ...                       "critical": 2, "critical_covered": 2}])
    >>> b = chart["bars"][0]
    >>> b["label"], b["label_x"], b["class"], b["title"]
    ('Ops', 16, 'heat-high', 'Ops (u): 100%, 2 of 2 critical positions covered')
    """
    return bars(
        [(u["name"], u["bench_strength"]) for u in tree],
        value_max=1.0,
        text=percent,
        classes=[u["heat"] for u in tree],
        indents=[u["depth"] for u in tree],
        titles=[
            f"{u['name']} ({u['id']}): {percent(u['bench_strength'])}, {u['critical_covered']} of "
            f"{u['critical']} critical positions covered"
            for u in tree
        ],
    )


#: Most mentors the mentor-load chart shows (the busiest; the table under it lists all).
MENTORS_SHOWN = 15


def mentor_load_chart(mentors: Sequence[dict]) -> dict:
    """Active mentees per mentor, busiest first, at most :data:`MENTORS_SHOWN` bars.

    >>> mentor_load_chart([{"id": "p1", "name": "Ann", "mentees": 3}])["bars"][0]["title"]
    'Ann (p1): 3 active mentees'
    """
    shown = list(mentors[:MENTORS_SHOWN])
    return bars(
        [(m["name"], m["mentees"]) for m in shown],
        titles=[
            f"{m['name']} ({m['id']}): {m['mentees']} active mentee{'' if m['mentees'] == 1 else 's'}" for m in shown
        ],
    )


def time_to_meet_chart(found: dict) -> dict:
    """Met introductions per bucket of days from proposal to meeting (``analysis.programme.time_to_meet``).

    >>> time_to_meet_chart({"buckets": [{"label": "under a week", "count": 2}]})["bars"][0]["text"]
    '2'
    """
    return bars([(b["label"], b["count"]) for b in found["buckets"]])
