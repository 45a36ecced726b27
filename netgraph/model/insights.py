"""The settings and the small pure rules of network insights (:mod:`netgraph.analysis.insights`).

Insights read the *contact network*: KNOWS links not retired and MENTORS
links of any status, between people who have not left, undirected, one edge
per pair carrying its strongest link's strength (a KNOWS link's own,
:func:`~netgraph.model.rules.link_strength`; a mentorship
``mentor_tie_strength``). Both stores build it the same way
(``contact_network`` of :class:`~netgraph.store.ports.InsightQueries`).

Gould and Fernandez's brokerage roles are defined on directed triads; the
contact network has no direction, so a broker *b* between two contacts *a*
and *c* who are not linked themselves plays one of four roles, with each
person's own org unit as their group (:func:`brokerage_role`). The
gatekeeper and representative roles differ only by direction, so they are
one count here.

People are labelled in Cross's terms by percentile thresholds within the
organisation (:func:`cross_labels`):

* *central connector*: degree at or above the ``connector_percentile``-th percentile;
* *broker*: betweenness at or above the ``broker_percentile``-th percentile;
* *boundary spanner*: contacts in other units at or above the ``spanner_percentile``-th percentile;
* *peripheral*: degree at or below the ``peripheral_percentile``-th percentile.

A label needs a figure above 0 (nobody is a broker with betweenness 0),
except *peripheral*. A broker whose degree is at or above the
``overload_percentile``-th percentile is shown as possibly overloaded.

>>> brokerage_role("u1", "u1", "u1"), brokerage_role("u2", "u1", "u1")
('coordinator', 'itinerant')
>>> brokerage_role("u1", "u1", "u2"), brokerage_role("u1", "u2", "u3")
('gatekeeper_representative', 'liaison')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netgraph.errors import InvalidInput, Problem

#: The brokerage roles, in the order reports list them.
ROLES = ("coordinator", "itinerant", "gatekeeper_representative", "liaison")
#: Cross's labels, in the order reports list them.
LABELS = ("central_connector", "broker", "boundary_spanner", "peripheral")


@dataclass(frozen=True)
class InsightSettings:
    """Every number network insights use; the ``[insights]`` table of a settings file.

    exact_below
        Organisations with fewer active people get exact betweenness; larger
        ones ``sample_sources`` sampled sources.
    sample_sources
        Sources sampled for betweenness above ``exact_below``.
    seed
        Seeds the sampled sources, the permutations and Leiden, so both stores
        and every run give the same answer.
    min_group_size
        Unit-level figures about fewer active people are not shown (apart from
        the ties setting of the same name).
    connector_percentile, broker_percentile, spanner_percentile, peripheral_percentile, overload_percentile
        The thresholds of Cross's labels (module docstring), percentiles 0-100.
    permutations
        Random relabellings behind each E-I index's interval.
    exposure_ties
        Exposure to departures looks at each person's this many strongest ties.
    departed_days
        A tie with someone who left this many days before the refresh, or fewer, counts as exposure.
    growth_months
        Programme growth is shown month by month over this many months, the refresh's last.
    growth_window_days
        A tie dated this many days after an introduction or mentorship start, or fewer, is made through it.
    leiden_passes
        Leiden runs passes until one changes nothing, at most this many.
    """

    exact_below: int = 20_000
    sample_sources: int = 1_000
    seed: int = 0
    min_group_size: int = 5
    connector_percentile: float = 90.0
    broker_percentile: float = 90.0
    spanner_percentile: float = 90.0
    peripheral_percentile: float = 10.0
    overload_percentile: float = 95.0
    permutations: int = 200
    exposure_ties: int = 3
    departed_days: int = 90
    growth_months: int = 12
    growth_window_days: int = 90
    leiden_passes: int = 10

    def __post_init__(self) -> None:
        problems = []
        for name in (
            "exact_below",
            "sample_sources",
            "min_group_size",
            "permutations",
            "exposure_ties",
            "departed_days",
            "growth_months",
            "growth_window_days",
            "leiden_passes",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                problems.append(Problem("insights", name, "must be a whole number of at least 1"))
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            problems.append(Problem("insights", "seed", "must be a whole number, 0 or more"))
        for name in (
            "connector_percentile",
            "broker_percentile",
            "spanner_percentile",
            "peripheral_percentile",
            "overload_percentile",
        ):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
                or not 0 <= value <= 100
            ):
                problems.append(Problem("insights", name, "must be a percentile from 0 to 100"))
        if problems:
            raise InvalidInput(problems)


def brokerage_role(broker: str | None, a: str | None, c: str | None) -> str:
    """The role of ``broker`` between two unlinked contacts ``a`` and ``c``, given the three people's units.

    Someone without a unit shares a group with nobody (None never matches).
    """
    with_a = broker is not None and broker == a
    with_c = broker is not None and broker == c
    ends_share = a is not None and a == c
    if with_a and with_c:
        return "coordinator"
    if ends_share:
        return "itinerant"
    if with_a or with_c:
        return "gatekeeper_representative"
    return "liaison"


@dataclass(frozen=True)
class Thresholds:
    """The figures at or above (at or below, for ``peripheral_degree``) which a label applies."""

    connector_degree: float
    broker_betweenness: float
    spanner_external: float
    peripheral_degree: float
    overload_degree: float


def cross_labels(degree: int, betweenness: float, external: int, thresholds: Thresholds) -> list[str]:
    """Cross's labels for one person, in :data:`LABELS` order (see the module docstring).

    >>> t = Thresholds(10, 0.2, 3, 1, 12)
    >>> cross_labels(12, 0.3, 0, t), cross_labels(1, 0.0, 0, t), cross_labels(5, 0.0, 4, t)
    (['central_connector', 'broker'], ['peripheral'], ['boundary_spanner'])
    """
    labels = []
    if degree > 0 and degree >= thresholds.connector_degree:
        labels.append("central_connector")
    if betweenness > 0 and betweenness >= thresholds.broker_betweenness:
        labels.append("broker")
    if external > 0 and external >= thresholds.spanner_external:
        labels.append("boundary_spanner")
    if degree <= thresholds.peripheral_degree:
        labels.append("peripheral")
    return labels


def possibly_overloaded(labels: list[str], degree: int, thresholds: Thresholds) -> bool:
    """A broker whose load (degree) is in the top ``overload_percentile``: shown as possibly overloaded."""
    return "broker" in labels and degree > 0 and degree >= thresholds.overload_degree


def cut_size(row: Mapping[str, Any]) -> int:
    """How many people a person's leaving cuts off in all."""
    return sum(piece["size"] for piece in row.get("cuts_off") or [])


def cut_figures(row: Mapping[str, Any]) -> tuple[int, int, int] | None:
    """(people cut off, sole links between units, bridges) of a stored person row; None if it is no cut point.

    Cut points are listed by these, largest first, then by id: both stores keep them beside each row so a
    read sorts and limits without opening the rows (``cut_point_insights`` of the stores).

    >>> cut_figures({"cuts_off": [{"size": 2, "people": None}], "sole_links": [], "bridges": ["p2"]})
    (2, 0, 1)
    >>> cut_figures({"cuts_off": [], "sole_links": [], "bridges": []}) is None
    True
    """
    figures = (cut_size(row), len(row.get("sole_links") or []), len(row.get("bridges") or []))
    return figures if any(figures) else None


def without_person(row: dict[str, Any], person: str) -> dict[str, Any]:
    """A stored person row with ``person`` taken out of what it names (erasure of ``person``): a bridge's other
    end, a cut-off piece, a tie that made the row's person exposed to departures.

    >>> without_person({"bridges": ["p2", "p3"], "cuts_off": [{"size": 2, "people": ["p2", "p4"]}]}, "p2")
    {'bridges': ['p3'], 'cuts_off': [{'size': 2, 'people': ['p4']}]}
    """
    found = dict(row)
    if found.get("exposure"):
        exposure = found["exposure"]
        via = [v for v in exposure["via"] if v["person"] != person]
        found["exposure"] = {**exposure, "via": via, "exposed": bool(via)}
    if "bridges" in found:
        found["bridges"] = [p for p in found["bridges"] if p != person]
    if "cuts_off" in found:
        found["cuts_off"] = [
            {**piece, "people": None if piece["people"] is None else [p for p in piece["people"] if p != person]}
            for piece in found["cuts_off"]
        ]
    return found
