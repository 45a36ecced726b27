"""The TieEvidence port of the embedded store (the tables are ``evidence.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from netgraph.model.records import KnowsRecord
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.records import knows_record, ordered_record, target_of
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import EvidenceRow, SignalPerson, TieFiguresRow


class EmbeddedTieEvidence(EmbeddedState):
    """The :class:`~netgraph.store.ports.TieEvidence` port."""

    def tie_batches(self) -> set[str]:
        return self._evidence.batches()

    def add_tie_evidence(
        self,
        batch: str,
        rows: Iterable[EvidenceRow],
        *,
        files: list[tuple[str, str]],
        events: Iterable[tuple[str, str]] = (),
        figures: Iterable[TieFiguresRow] = (),
        new_pairs: Iterable[tuple[str, str]] = (),
    ) -> int:
        # new_pairs saves nothing here: a pair's counts are found in memory
        return self._evidence.add_batch(batch, rows, files=files, events=events, figures=figures)

    def tie_event_key(self) -> bytes:
        return self._evidence.event_key()

    def counted_events(self) -> Iterator[str]:
        return self._evidence.counted_events()

    def forget_counted_events(self, before: str) -> int:
        return self._evidence.forget_events(before)

    def tie_evidence(self, pairs: list[tuple[str, str]] | None = None) -> Iterator[EvidenceRow]:
        return self._evidence.evidence(pairs)

    def tie_figures(self, pairs: list[tuple[str, str]]) -> Iterator[TieFiguresRow]:
        return self._evidence.figures(pairs)

    def tie_figures_or_counts(
        self, pairs: list[tuple[str, str]], rule: str
    ) -> tuple[list[TieFiguresRow], list[EvidenceRow]]:
        figures = [f for f in self._evidence.figures(pairs) if f.rule == rule and f.qualified_by]
        judged = {(f.a, f.b) for f in figures}
        return figures, list(self._evidence.evidence([p for p in pairs if p not in judged]))

    def purge_tie_evidence(self, people: list[str]) -> int:
        return self._evidence.purge(people)

    def note_removed_tie(self, a: str, b: str, on: str) -> None:
        self._evidence.note_removed(a, b, on)

    def removed_ties(self) -> dict[tuple[str, str], str]:
        return self._evidence.removed()

    def knows_links(self, pairs: list[tuple[str, str]]) -> list[KnowsRecord]:
        with self._reading():
            found: list[KnowsRecord] = []
            for a, b in pairs:
                u, v = ("Person", a), ("Person", b)
                data = out_links(self.graph).get(u, {}).get(v, {}).get("KNOWS")
                if data is None:
                    data = out_links(self.graph).get(v, {}).get(u, {}).get("KNOWS")
                if data is not None:
                    found.append(cast(KnowsRecord, ordered_record("knows", {"a": a, "b": b, **knows_record(data)})))
            return found

    def links_with_source(self, source: str, people: list[str] | None = None) -> list[KnowsRecord]:
        wanted = set(people) if people is not None else None
        with self._reading():
            found: list[KnowsRecord] = []
            for u, v, key, data in self.graph.edges(keys=True, data=True):
                if key != "KNOWS" or (wanted is not None and u[1] not in wanted and v[1] not in wanted):
                    continue
                record = knows_record(data)
                if source in record["sources"]:
                    a, b = sorted((u[1], v[1]))
                    found.append(cast(KnowsRecord, ordered_record("knows", {"a": a, "b": b, **record})))
            return sorted(found, key=lambda r: (r["a"], r["b"]))

    def signal_people(self) -> list[SignalPerson]:
        with self._reading():
            graph = self.graph
            return [
                {
                    "id": node[1],
                    "email": data.get("email"),
                    "status": data.get("status") or "active",
                    "signals_opt_out": bool(data.get("signals_opt_out")),
                    "org_unit": target_of(graph, node, "MEMBER_OF"),
                }
                for node, data in sorted(graph.nodes(data=True))
                if node[0] == "Person"
            ]

    def manager_pairs(self) -> list[tuple[str, str]]:
        with self._reading():
            graph, found = self.graph, set[tuple[str, str]]()
            nodes, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
            for node in graph.nodes:
                if node[0] != "Position":
                    continue
                boss = next((t for t, keyed in succ[node].items() if "REPORTS_TO" in keyed), None)
                if boss is None:
                    continue
                reports = [p for p, keyed in pred[node].items() if "HOLDS" in keyed]
                managers = [p for p, keyed in pred[boss].items() if "HOLDS" in keyed]
                found.update(
                    (m[1], r[1])
                    for m in managers
                    for r in reports
                    if m != r and nodes[m].get("status") != "left" and nodes[r].get("status") != "left"
                )
            return sorted(found)
