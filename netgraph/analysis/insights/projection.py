"""The contact network as a projection: integer vertices, weighted edges, and each person's unit.

Both stores hand over the same :class:`~netgraph.store.ports.ContactNetwork`
(people sorted by id, links sorted by pair), so every measure computed on the
projection is the same on both. The global measures run on igraph's C core
(:func:`Projection.igraph`); the tests compare them with networkx
(:func:`Projection.networkx`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any
from uuid import uuid4

import igraph
import networkx as nx
import numpy as np
from scipy import sparse

from netgraph.errors import InvalidInput, Problem
from netgraph.model.rules import RecommendSettings
from netgraph.store.ports import InsightQueries


@dataclass(frozen=True)
class Projection:
    """The contact network in integer ids: person ``i`` is ``people[i]``, in unit ``units[i]``.

    ``sources``/``targets``/``strengths``: one entry per linked pair (source < target), sorted.
    ``unit_parents``: every org unit -> its parent (None at the top).
    """

    people: list[str]
    units: list[str | None]
    sources: np.ndarray
    targets: np.ndarray
    strengths: np.ndarray
    unit_parents: dict[str, str | None]

    @property
    def size(self) -> int:
        return len(self.people)

    @cached_property
    def igraph(self) -> igraph.Graph:
        """The undirected igraph graph (edge attribute ``strength``), built once."""
        return _graph(self.size, self.sources, self.targets, self.strengths)

    @cached_property
    def adjacency(self) -> sparse.csr_matrix:
        """The symmetric 0/1 adjacency matrix (a link of strength 0 is still a link)."""
        return self._symmetric(np.ones(len(self.sources)))

    @cached_property
    def weights(self) -> sparse.csr_matrix:
        """The symmetric matrix of strengths."""
        return self._symmetric(self.strengths)

    def _symmetric(self, values: np.ndarray) -> sparse.csr_matrix:
        rows = np.concatenate([self.sources, self.targets])
        cols = np.concatenate([self.targets, self.sources])
        data = np.concatenate([values, values]).astype(float)
        return sparse.csr_matrix((data, (rows, cols)), shape=(self.size, self.size))

    @cached_property
    def group_codes(self) -> np.ndarray:
        """One integer per person naming their unit; someone without a unit gets a code of their own."""
        codes = {unit: code for code, unit in enumerate(sorted({u for u in self.units if u is not None}))}
        return np.array(
            [codes[u] if u is not None else len(codes) + i for i, u in enumerate(self.units)], dtype=np.int64
        )

    def networkx(self) -> nx.Graph:
        """The same network as a networkx graph over person ids (``strength`` on each edge): the tests' oracle."""
        graph = nx.Graph()
        graph.add_nodes_from((p, {"unit": u}) for p, u in zip(self.people, self.units, strict=True))
        graph.add_weighted_edges_from(
            (
                (self.people[a], self.people[b], float(w))
                for a, b, w in zip(self.sources, self.targets, self.strengths, strict=True)
            ),
            weight="strength",
        )
        return graph


def _graph(size: int, sources: np.ndarray, targets: np.ndarray, strengths: np.ndarray) -> igraph.Graph:
    graph = igraph.Graph(n=size, edges=np.column_stack([sources, targets]).tolist())
    graph.es["strength"] = strengths.tolist()
    return graph


#: The graph a worker process last rebuilt, by its network's key: later calls of the same refresh reuse it.
_rebuilt: dict[str, igraph.Graph] = {}


class Network:
    """The projection's graph as calls in other processes (:mod:`netgraph.workers`) receive it.

    Sent to a worker, it carries the links only and the worker rebuilds the same graph once per refresh
    (``key``); in the process that made it, it hands out the projection's own graph.
    """

    def __init__(self, projection: Projection) -> None:
        self.key = uuid4().hex
        self.size = projection.size
        self.sources, self.targets, self.strengths = projection.sources, projection.targets, projection.strengths
        self._graph: igraph.Graph | None = projection.igraph

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_graph": None}

    def graph(self) -> igraph.Graph:
        if self._graph is None:
            if self.key not in _rebuilt:
                _rebuilt.clear()
                _rebuilt[self.key] = _graph(self.size, self.sources, self.targets, self.strengths)
            self._graph = _rebuilt[self.key]
        return self._graph


def load_projection(store: InsightQueries, recommend: RecommendSettings) -> Projection:
    """Read the contact network once; strengths as recommendations and the what-if count them.

    An empty network (nobody active) is refused with a clear message: no measure means anything there.
    """
    found = store.contact_network(
        mentor_strength=recommend.mentor_tie_strength, missing_strength=recommend.missing_strength
    )
    if not found["people"]:
        raise InvalidInput([Problem("insights", "", "the network is empty: nobody who has not left is stored")])
    links = np.array(found["links"], dtype=float).reshape(-1, 3)
    return Projection(
        people=found["people"],
        units=found["units"],
        sources=links[:, 0].astype(np.int64),
        targets=links[:, 1].astype(np.int64),
        strengths=links[:, 2],
        unit_parents=found["unit_parents"],
    )
