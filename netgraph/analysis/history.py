"""The organisation's network as it stood on a past day, from the store's own history, without leakage.

``netgraph evaluate --fit --from-history`` learns how ties form here: it
needs the network as it was at a cut-off day, and the ties that formed in
the window after it. This module builds both from a store's export and its
ties-from-evidence counts, and nothing it returns for a cut-off depends on
anything dated on or after it (``tests/unit/test_history_fit.py`` shuffles
those dates and checks):

* a KNOWS tie known from **interactions** is judged again from the evidence
  counts dated before the cut-off, by the same rule and SQL as ``ties
  ingest`` (:func:`netgraph.io.interactions.ties_sql`, as of the day before):
  it exists when it qualified by then and had not faded into retirement, and
  its evidence strength is the one it had that day, to the places a store
  keeps (so recommend, on a store ingested that day, reads the same);
* any other KNOWS tie (declared, org chart, introduction) exists when its
  ``since`` is before the cut-off; an **undated** tie counts as always there,
  as ``evaluate --fit`` does. A declared or org-chart strength counts as
  given (the strongest source wins, :func:`netgraph.model.ties.effective_strength`);
* a mentorship counts from its ``since`` (undated: always), at
  ``mentor_tie_strength``; between two people the strongest link counts;
* people who left before the cut-off (``left_on``) are not in the network.

Units, levels and the org tree are today's: the store keeps no history of
them. Each tie also carries the day it was last seen before the cut-off
(the last evidence day, else its ``since``; undated: none), which the
recency feature ages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netgraph.io import interactions
from netgraph.model import rules
from netgraph.model.rules import RecommendSettings
from netgraph.model.ties import DEFAULT_SETTINGS, TieSettings, effective_strength, stored_evidence_strength
from netgraph.store.ports import EvidenceRow

Pair = tuple[str, str]


@dataclass(frozen=True)
class Tie:
    """One link of the network at a cut-off: its strength then, and the last day it was seen before it."""

    strength: float
    last_day: str | None


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


class History:
    """A store's ties through time: ask for the network as it stood at any cut-off day.

    ``document``: a store's export; ``evidence``: its ties-from-evidence
    counts (``store.tie_evidence()``). The evidence is loaded into DuckDB
    once and judged again for each day asked.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        evidence: Iterable[EvidenceRow] = (),
        *,
        settings: RecommendSettings | None = None,
        tie_settings: TieSettings = DEFAULT_SETTINGS,
    ) -> None:
        self.document = document
        self.settings = settings or RecommendSettings()
        self.tie_settings = tie_settings
        self._con = interactions.connect()
        self._con.execute(
            f"CREATE TEMP TABLE history_evidence (a VARCHAR, b VARCHAR, channel {interactions.CHANNEL_TYPE}, "
            "day DATE, events INTEGER, minutes DOUBLE)"
        )
        chunk: list[EvidenceRow] = []
        for row in evidence:
            chunk.append(row)
            if len(chunk) == 100_000:
                self._insert(chunk)
                chunk = []
        self._insert(chunk)
        self.evidence_days = self._con.execute(
            "SELECT count(*), strftime(min(day), '%Y-%m-%d'), strftime(max(day), '%Y-%m-%d') FROM history_evidence"
        ).fetchone()

    def _insert(self, rows: list[EvidenceRow]) -> None:
        if rows:
            self._con.execute(
                "INSERT INTO history_evidence SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), "
                "unnest($3::VARCHAR[]), unnest($4::VARCHAR[])::DATE, unnest($5::INTEGER[]), unnest($6::DOUBLE[])",
                [[r[c] for r in rows] for c in ("a", "b", "channel", "day", "events", "minutes")],
            )

    def close(self) -> None:
        self._con.close()

    def _evidence_ties(self, cutoff: date) -> dict[Pair, tuple[float, str, bool]]:
        """Pairs whose evidence before ``cutoff`` makes a tie: (strength, last day seen, faded then)."""
        as_of = cutoff - timedelta(days=1)
        found = self._con.execute(f"""
            SELECT a, b, strength, strftime(last_seen, '%Y-%m-%d'), retire
            FROM ({interactions.ties_sql("history_evidence", self.tie_settings, as_of=as_of)})""").fetchall()
        return {(a, b): (stored_evidence_strength(s), last, bool(retire)) for a, b, s, last, retire in found}

    def pair_evidence(self, cutoff: date) -> dict[Pair, tuple[float, float]]:
        """Every pair with evidence dated before ``cutoff``: (its events then, its evidence strength then).

        Whether or not the pair is a tie: most pairs that become one had met
        a few times below the rule before. The strength is the rule's
        (:func:`netgraph.model.ties.evidence_strength`, as of the day before
        the cut-off), without the qualification.
        """
        as_of = cutoff - timedelta(days=1)
        s = self.tie_settings
        weights = " ".join(f"WHEN '{c}' THEN {float(w)!r}" for c, w in s.channel_weights.items())
        found = self._con.execute(
            f"""SELECT a, b, sum(events)::DOUBLE,
                       1 - exp(-sum(events * (CASE channel {weights} ELSE 0.0 END)
                                    * pow(2.0, -(DATE '{as_of.isoformat()}' - day) / {float(s.half_life_days)!r}))
                               / {float(s.evidence_scale)!r})
                FROM history_evidence WHERE day <= DATE '{as_of.isoformat()}' GROUP BY a, b"""
        ).fetchall()
        return {(a, b): (float(n), float(strength)) for a, b, n, strength in found}

    def network(self, cutoff: date) -> dict[Pair, Tie]:
        """Every link ``(a, b)`` (a < b) as it stood at ``cutoff``, by the rules of the module docstring."""
        day = cutoff.isoformat()
        evidence = self._evidence_ties(cutoff)
        missing = self.settings.missing_strength
        links: dict[Pair, Tie] = {}
        gone = {p["id"] for p in self.document.get("people", []) if p.get("left_on") and p["left_on"] < day}
        for k in self.document.get("knows", []):
            pair = _pair(k["a"], k["b"])
            sources = list(k.get("sources") or ["declared"])
            others = [s for s in sources if s != "interactions"]
            judged = evidence.get(pair) if "interactions" in sources else None
            dated = k.get("since") is None or k["since"] < day
            if others and dated:
                given = effective_strength(k.get("declared_strength"), None, k.get("org_chart_strength"))
                if given is None and "interactions" not in sources:
                    given = k.get("strength")  # a link imported with its strength alone
                strength = effective_strength(given, judged[0] if judged else None, None)
            elif judged is not None and not judged[2]:
                strength = judged[0]
            else:
                continue
            last = judged[1] if judged is not None else (k.get("since") if dated else None)
            links[pair] = Tie(rules.link_strength(strength, missing), last)
        for m in self.document.get("mentorships", []):
            if m.get("since") is not None and m["since"] >= day:
                continue
            pair = _pair(m["mentor"], m["mentee"])
            before = links.get(pair)
            strength = self.settings.mentor_tie_strength
            if before is None or before.strength < strength:
                links[pair] = Tie(strength, m.get("since"))
        if gone:
            links = {p: t for p, t in links.items() if p[0] not in gone and p[1] not in gone}
        return links

    def new_ties(self, cutoff: date, window_days: int) -> set[Pair]:
        """The pairs linked at ``cutoff + window_days`` and not at ``cutoff``: the ties that formed in the window."""
        before = self.network(cutoff)
        after = self.network(cutoff + timedelta(days=window_days))
        return {pair for pair in after if pair not in before}

    def dated_days(self) -> list[str]:
        """Every day a tie is dated on (KNOWS ``since``, evidence days, mentorship ``since``), sorted."""
        days = {k["since"] for k in self.document.get("knows", []) if k.get("since")}
        days |= {m["since"] for m in self.document.get("mentorships", []) if m.get("since")}
        rows = self._con.execute("SELECT DISTINCT strftime(day, '%Y-%m-%d') FROM history_evidence").fetchall()
        days |= {d for (d,) in rows}
        return sorted(days)
