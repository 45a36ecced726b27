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


def carry_sql(old: str, counts: str, settings: TieSettings = DEFAULT_SETTINGS) -> str:
    """SQL: the figures of every pair in ``counts`` once its counts are added to its row of ``old`` (if any).

    rule twin of netgraph/model/ties.py: carried_figures
    """
    half_life = float(settings.half_life_days)
    return f"""
        WITH new_days AS (  -- the counts per pair and day, weighted by channel
            SELECT a, b, day, sum(events)::BIGINT AS events, sum(events * {_weights(settings)}) AS weighted
            FROM {_ident(counts)} GROUP BY a, b, day
        ), span AS (
            SELECT a, b, min(day) AS first_new, max(day) AS last_new, sum(events)::BIGINT AS events_new
            FROM new_days GROUP BY a, b
        ), joined AS (
            SELECT s.a, s.b, least(s.first_new, coalesce(o.first_seen, s.first_new)) AS first_seen,
                   greatest(s.last_new, coalesce(o.last_seen, s.last_new)) AS last_seen,
                   s.events_new + coalesce(o.events, 0) AS events, o.evidence AS old_evidence,
                   o.last_seen AS old_last, o.qualified_by, o.pending_days, o.pending_events
            FROM span s LEFT JOIN {_ident(old)} o ON o.a = s.a AND o.b = s.b
        ), evidence AS (  -- what was kept, aged by one factor to the new last day, plus the new counts aged to it
            SELECT j.a, j.b,
                   coalesce(j.old_evidence * pow(2.0, -(j.last_seen - j.old_last) / {half_life!r}), 0.0)
                   + sum(n.weighted * pow(2.0, -(j.last_seen - n.day) / {half_life!r})) AS evidence
            FROM joined j JOIN new_days n ON n.a = j.a AND n.b = j.b
            GROUP BY j.a, j.b, j.old_evidence, j.last_seen, j.old_last
        ), open_days AS (  -- pairs not qualified yet: their pending days and the new ones
            SELECT a, b, day, sum(events)::BIGINT AS events FROM (
                SELECT a, b, unnest(pending_days) AS day, unnest(pending_events) AS events
                FROM joined WHERE qualified_by IS NULL AND pending_days IS NOT NULL
                UNION ALL
                SELECT n.a, n.b, n.day, n.events FROM new_days n JOIN joined j ON n.a = j.a AND n.b = j.b
                WHERE j.qualified_by IS NULL
            ) GROUP BY a, b, day
        ), opened AS (
            SELECT a, b, day, events,
                   sum(events) OVER (PARTITION BY a, b ORDER BY day
                                     RANGE BETWEEN INTERVAL {settings.window_days} DAYS PRECEDING AND CURRENT ROW)
                       AS in_window
            FROM open_days
        ), judged AS (
            SELECT a, b, min(day) FILTER (WHERE in_window >= {settings.min_events}) AS qualified_on,
                   list(day ORDER BY day) AS days, list(events::INTEGER ORDER BY day) AS day_events
            FROM opened GROUP BY a, b
        )
        SELECT j.a, j.b, j.first_seen, j.last_seen, j.events, e.evidence,
               coalesce(j.qualified_by, q.qualified_on) AS qualified_by,
               CASE WHEN coalesce(j.qualified_by, q.qualified_on) IS NULL THEN q.days ELSE []::DATE[] END
                   AS pending_days,
               CASE WHEN coalesce(j.qualified_by, q.qualified_on) IS NULL THEN q.day_events ELSE []::INTEGER[] END
                   AS pending_events
        FROM joined j JOIN evidence e ON e.a = j.a AND e.b = j.b
        LEFT JOIN judged q ON q.a = j.a AND q.b = j.b"""


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
