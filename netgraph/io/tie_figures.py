"""Each pair's running figures in DuckDB: one more day's counts added to what is kept, and ties judged from them.

:class:`netgraph.model.ties.PairFigures` and
:func:`~netgraph.model.ties.carried_figures` define what a pair's figures
are and how counts update them; :func:`carry_sql` is their SQL twin, run by
the ingest on every pair a day touches at once (``tests/unit/test_tie_figures.py``
holds the two together), and :func:`figure_ties_sql` judges those pairs from
their figures as :func:`netgraph.io.interactions.ties_sql` judges them from
all their counts. With the figures kept in the store, a day's step reads one
row per pair it touches instead of every count the pair ever had.

Tables (DuckDB)::

    figures   a, b, first_seen DATE, last_seen DATE, events BIGINT, evidence DOUBLE,
              qualified_by DATE, pending_days DATE[], pending_events INTEGER[]
    counts    a, b, channel, day DATE, events INTEGER   (as the aggregates)
"""

from __future__ import annotations

from datetime import date

from netgraph.io.interactions import _in_window
from netgraph.model.ties import CHANNELS, DEFAULT_SETTINGS, TieSettings

#: The columns of a table of figures, in DuckDB's types.
FIGURES_COLUMNS = (
    "a VARCHAR, b VARCHAR, first_seen DATE, last_seen DATE, events BIGINT, evidence DOUBLE, "
    "qualified_by DATE, pending_days DATE[], pending_events INTEGER[]"
)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _weights(settings: TieSettings) -> str:
    return (
        "CASE channel "
        + " ".join(f"WHEN '{c}' THEN {float(settings.channel_weights[c])!r}" for c in CHANNELS)
        + " ELSE 0.0 END"
    )


def carry_sql(old: str, counts: str, settings: TieSettings = DEFAULT_SETTINGS, *, pending: bool = True) -> str:
    """SQL: the figures of every pair in ``counts`` once its counts are added to its row of ``old`` (if any).

    One pass that a first ingest (every pair, ``old`` empty) can afford: the
    new counts (and the old pending days) per pair, the ``min_events`` window
    over them as :func:`netgraph.io.interactions.ties_sql` takes it
    (``lag()``, not a range frame), then one row per pair. The new counts'
    evidence is summed aged to the latest day of ``counts`` and carried from
    there to each pair's ``last_seen`` by one factor.

    ``pending=False`` is for figures kept only once a pair has qualified (the
    ingest's): the pending days of ``old`` are not read, and none are made
    (``pending_days`` empty), so the figures are complete for the pairs that
    qualify, and say of the others only that they have not. It spares
    grouping every pair's counts per day and listing its days.

    rule twin of netgraph/model/ties.py: carried_figures
    """
    half_life = float(settings.half_life_days)
    new_counts = f"SELECT a, b, day, events::BIGINT AS events, events * {_weights(settings)} AS weighted"
    if pending:  # the new counts and the old pending days, summed per pair and day
        rows = f"""
            SELECT a, b, day, sum(events)::BIGINT AS events, sum(events * new)::BIGINT AS new_events,
                   sum(weighted) AS weighted, max(new) AS new
            FROM ({new_counts}, 1 AS new FROM {_ident(counts)}
                  UNION ALL
                  SELECT a, b, unnest(pending_days), unnest(pending_events)::BIGINT, 0.0, 0
                  FROM {_ident(old)} WHERE qualified_by IS NULL AND pending_days IS NOT NULL)
            GROUP BY a, b, day"""
        listed = "list(day ORDER BY day) AS days, list(events::INTEGER ORDER BY day) AS day_events"
        only_new = "HAVING max(new) = 1"
    else:  # the new counts as they come (a day's rows of several channels are peers of the window)
        rows = f"{new_counts}, events AS new_events, 1 AS new FROM {_ident(counts)}"
        listed = "[]::DATE[] AS days, []::INTEGER[] AS day_events"
        only_new = ""
    return f"""
        WITH reference AS (SELECT max(day) AS day FROM {_ident(counts)}),
        windowed AS (
            SELECT *, {_in_window(settings)} AS in_window FROM ({rows}) WINDOW w AS (PARTITION BY a, b ORDER BY day)
        ), pairs AS (
            SELECT a, b, min(day) FILTER (WHERE new = 1) AS first_new, max(day) FILTER (WHERE new = 1) AS last_new,
                   sum(new_events)::BIGINT AS events_new,
                   sum(weighted * pow(2.0, -((SELECT day FROM reference) - day) / {half_life!r})) AS new_evidence,
                   min(day) FILTER (WHERE in_window >= {settings.min_events}) AS qualified_on, {listed}
            FROM windowed GROUP BY a, b {only_new}
        ), joined AS (
            SELECT p.*, o.first_seen AS old_first, o.last_seen AS old_last, o.events AS old_events,
                   o.evidence AS old_evidence, o.qualified_by AS old_qualified,
                   greatest(p.last_new, coalesce(o.last_seen, p.last_new)) AS last_seen
            FROM pairs p LEFT JOIN {_ident(old)} o ON o.a = p.a AND o.b = p.b
        )
        SELECT a, b, least(first_new, coalesce(old_first, first_new)) AS first_seen, last_seen,
               events_new + coalesce(old_events, 0) AS events,
               coalesce(old_evidence * pow(2.0, -(last_seen - old_last) / {half_life!r}), 0.0)
               + new_evidence * pow(2.0, -(last_seen - (SELECT day FROM reference)) / {half_life!r}) AS evidence,
               coalesce(old_qualified, qualified_on) AS qualified_by,
               CASE WHEN coalesce(old_qualified, qualified_on) IS NULL THEN days ELSE []::DATE[] END AS pending_days,
               CASE WHEN coalesce(old_qualified, qualified_on) IS NULL THEN day_events ELSE []::INTEGER[] END
                   AS pending_events
        FROM joined"""


def figure_ties_sql(figures: str, settings: TieSettings = DEFAULT_SETTINGS, *, as_of: date) -> str:
    """SQL: the ties of the pairs of ``figures`` whose days are all on or before ``as_of``, as ``ties_sql`` gives them.

    Columns as :func:`netgraph.io.interactions.ties_sql` (``qualified_on``:
    the figures' ``qualified_by``). Pairs with a day after ``as_of`` are left
    out: they are judged from their counts.
    """
    day = f"DATE '{as_of.isoformat()}'"
    scale = float(settings.evidence_scale)
    # rule twin of netgraph/model/ties.py: figures_evidence (and evidence_strength's saturation)
    aged = f"evidence * pow(2.0, -({day} - last_seen) / {float(settings.half_life_days)!r})"
    return f"""
        SELECT a, b, first_seen, last_seen, qualified_by AS qualified_on, events, {aged} AS evidence,
               1 - exp(-({aged}) / {scale!r}) AS strength,
               1 - exp(-({aged}) / {scale!r}) < {float(settings.retire_below)!r} AS retire
        FROM {_ident(figures)} WHERE qualified_by IS NOT NULL AND last_seen <= {day}"""
