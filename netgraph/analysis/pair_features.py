"""Features of every two-link candidate pair of a network, as sparse-matrix products over an integer projection.

People become rows 0..n-1; the network becomes three sparse symmetric
matrices: ``A`` (1 per link), ``W`` (the link's strength) and ``R`` (its
recency, ``2 ** (-age / half_life)`` with ``age`` the days from the day the
link was last seen to the cut-off; undated links 0). With ``D`` the diagonal
of ``1 / log(degree)`` (0 below degree 2) and ``V`` that of ``1 / degree``,
each feature of the pairs (i, j), j a candidate of person i (two links
away, not linked), is one product read at the candidates' coordinates:

==========================  ===================================================================
adamic_adar                 ``A D A``: the plain Adamic-Adar index
resource_allocation         ``A V A``
common_contacts             ``A A``
strength_adamic_adar        ``W D W``: today's plausibility (strength-weighted Adamic-Adar)
strongest_path              max over common contacts z of ``W[i, z] * W[z, j]`` (grouped maximum)
person_strength             ``W A``: the person's summed strengths to the common contacts
candidate_strength          ``A W``: the candidate's
person_degree               the person's number of links
candidate_degree            the candidate's
recent_common               ``R R``: common contacts weighed by how recently both links were seen
same_unit                   1 when both work in the same org unit
unit_distance               steps between the two units in today's org tree (through their lowest
                            common ancestor; an unknown unit counts as ``UNKNOWN_UNIT_DISTANCE``)
level_gap                   candidate's level minus the person's (either unknown: 0)
pair_contacts               the pair's own events before the cut-off (below the tie rule, or faded)
pair_evidence               the pair's own evidence strength before the cut-off (the tie rule's, unqualified)
pair_met                    1 when the pair had any event before the cut-off
==========================  ===================================================================

No loop runs over pairs in Python: the strongest path expands the two-link
paths as arrays and takes a grouped maximum; unit distances are computed
once per pair of units that occurs. ``rows`` restricts the persons (a
stated sample, for very large organisations); the candidates are then
every pair (i, j) with i among them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse as sp

from netgraph.analysis.history import Pair, Tie

#: The features, in the order the design matrix holds them.
FEATURES: tuple[str, ...] = (
    "adamic_adar",
    "resource_allocation",
    "common_contacts",
    "strength_adamic_adar",
    "strongest_path",
    "person_strength",
    "candidate_strength",
    "person_degree",
    "candidate_degree",
    "recent_common",
    "same_unit",
    "unit_distance",
    "level_gap",
    "pair_contacts",
    "pair_evidence",
    "pair_met",
)

#: What unit_distance counts when either side has no unit.
UNKNOWN_UNIT_DISTANCE = 10.0


@dataclass
class Projection:
    """People as integers, and the network as sparse matrices over them."""

    ids: list[str]
    index: dict[str, int]
    links: sp.csr_matrix  # A
    strengths: sp.csr_matrix  # W
    recency: sp.csr_matrix  # R
    degree: np.ndarray
    #: the pair's own events and evidence strength before the cut-off (whether a tie or not)
    contacts: sp.csr_matrix | None = None
    evidence: sp.csr_matrix | None = None


@dataclass
class Candidates:
    """The two-link pairs (person, candidate) as integer arrays, and their features (one column each)."""

    person: np.ndarray
    candidate: np.ndarray
    features: np.ndarray  # (pairs, len(FEATURES)), float64

    def column(self, name: str) -> np.ndarray:
        return self.features[:, FEATURES.index(name)]


def recency(last_day: str | None, cutoff: date, half_life_days: float) -> float:
    """``2 ** (-age / half_life_days)``, ``age`` the whole days from ``last_day`` to the day before ``cutoff``.

    >>> recency("2026-01-09", date(2026, 1, 10), 30.0), recency(None, date(2026, 1, 10), 30.0)
    (1.0, 0.0)
    """
    if last_day is None:
        return 0.0
    age = (cutoff - date.fromisoformat(last_day)).days - 1
    return float(2.0 ** (-max(age, 0) / half_life_days))


def project(
    people: Iterable[str],
    network: Mapping[Pair, Tie],
    cutoff: date,
    half_life_days: float,
    met: Mapping[Pair, tuple[float, float]] | None = None,
) -> Projection:
    """The integer projection of ``network`` over ``people`` (sorted ids; links naming others are left out).

    ``met``: each pair's own (events, evidence strength) before the cut-off (:meth:`History.pair_evidence`).
    """
    ids = sorted(set(people))
    index = {p: i for i, p in enumerate(ids)}
    kept = [(index[a], index[b], t) for (a, b), t in network.items() if a in index and b in index]
    n = len(ids)
    rows = np.fromiter((a for a, _, _ in kept), dtype=np.int64, count=len(kept))
    cols = np.fromiter((b for _, b, _ in kept), dtype=np.int64, count=len(kept))
    weights = np.fromiter((t.strength for _, _, t in kept), dtype=np.float64, count=len(kept))
    cache: dict[str | None, float] = {}
    recent = np.fromiter(
        (
            cache[t.last_day]
            if t.last_day in cache
            else cache.setdefault(t.last_day, recency(t.last_day, cutoff, half_life_days))
            for _, _, t in kept
        ),
        dtype=np.float64,
        count=len(kept),
    )

    def symmetric(values: np.ndarray) -> sp.csr_matrix:
        m = sp.coo_matrix(
            (np.concatenate([values, values]), (np.concatenate([rows, cols]), np.concatenate([cols, rows]))),
            shape=(n, n),
        ).tocsr()
        m.sort_indices()
        return m

    links = symmetric(np.ones(len(kept)))
    degree = np.diff(links.indptr).astype(np.float64)
    seen = [(index[a], index[b], v) for (a, b), v in (met or {}).items() if a in index and b in index]

    def paired(values: np.ndarray) -> sp.csr_matrix:
        r = np.fromiter((a for a, _, _ in seen), dtype=np.int64, count=len(seen))
        c = np.fromiter((b for _, b, _ in seen), dtype=np.int64, count=len(seen))
        m = sp.coo_matrix((np.r_[values, values], (np.r_[r, c], np.r_[c, r])), shape=(n, n)).tocsr()
        m.sum_duplicates()
        return m

    contacts = paired(np.array([v[0] for _, _, v in seen], dtype=np.float64))
    evidence = paired(np.array([v[1] for _, _, v in seen], dtype=np.float64))
    return Projection(ids, index, links, symmetric(weights), symmetric(recent), degree, contacts, evidence)


def _diag(values: np.ndarray) -> sp.dia_matrix:
    return sp.diags(values, format="csr")


def _at(matrix: sp.spmatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The entries of ``matrix`` at (rows, cols), as a flat array (0 where none is stored).

    The matrix is put in canonical form first (sorted indices), so each
    lookup is a binary search within its row.
    """
    csr = sp.csr_matrix(matrix)
    csr.sum_duplicates()
    return np.asarray(csr[rows, cols]).ravel().astype(np.float64)


def _strongest_path(p: Projection, chosen: np.ndarray, person: np.ndarray, candidate: np.ndarray) -> np.ndarray:
    """max over common contacts z of W[i, z] * W[z, j] for each pair, by expanding the two-link paths as arrays."""
    n = len(p.ids)
    w = p.strengths
    first = w[chosen].tocoo()  # (row in chosen, z, W[i, z])
    i = chosen[first.row]
    z = first.col
    lengths = np.diff(w.indptr)[z]
    starts = np.repeat(w.indptr[z], lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    at = starts + offsets
    path_i = np.repeat(i, lengths)
    path_j = w.indices[at]
    path_w = np.repeat(first.data, lengths) * w.data[at]
    keys = path_i.astype(np.int64) * n + path_j
    order = np.argsort(keys, kind="stable")
    keys, path_w = keys[order], path_w[order]
    unique, starts_of = np.unique(keys, return_index=True)
    best = np.maximum.reduceat(path_w, starts_of) if len(path_w) else np.zeros(0)
    wanted = person.astype(np.int64) * n + candidate
    return best[np.searchsorted(unique, wanted)] if len(wanted) else np.zeros(0)


def unit_distance(x: str, y: str, parents: Mapping[str, str | None]) -> int:
    """Steps between two units in the org tree (through their lowest common ancestor).

    Units in separate trees meet at an imagined root above them all.

    >>> tree = {"a": None, "b": "a", "c": "a", "d": "b", "e": None}
    >>> unit_distance("b", "d", tree), unit_distance("c", "d", tree), unit_distance("d", "e", tree)
    (1, 3, 4)
    """
    return _distance(x, y, parents, {})


def _distance(x: str, y: str, parents: Mapping[str, str | None], cache: dict[str | None, list[str]]) -> int:
    up = {u: k for k, u in enumerate(_chain(x, parents, cache))}
    other = _chain(y, parents, cache)
    for k, u in enumerate(other):
        if u in up:
            return k + up[u]
    return len(up) + len(other)


def _chain(unit: str | None, parents: Mapping[str, str | None], cache: dict[str | None, list[str]]) -> list[str]:
    """The unit and its ancestors, nearest first (``cache``: chains already walked)."""
    if unit in cache:
        return cache[unit]
    key = unit
    seen: list[str] = []
    while unit is not None and unit not in seen:
        seen.append(unit)
        unit = parents.get(unit)
    cache[key] = seen
    return seen


def candidate_features(
    p: Projection,
    units: Mapping[str, str | None],
    levels: Mapping[str, int | None],
    parents: Mapping[str, str | None],
    rows: Sequence[str] | None = None,
) -> Candidates:
    """Every two-link pair (person, candidate) with a person among ``rows`` (default all), and its features."""
    chosen = np.arange(len(p.ids)) if rows is None else np.array(sorted(p.index[r] for r in rows), dtype=np.int64)
    a, w, r = p.links, p.strengths, p.recency
    a_rows, w_rows = a[chosen], w[chosen]
    common = (a_rows @ a).tocoo()
    person = chosen[common.row]
    candidate = common.col
    keep = (person != candidate) & (_at(a, person, candidate) == 0)
    person, candidate = person[keep], candidate[keep]
    order = np.lexsort((candidate, person))
    person, candidate = person[order], candidate[order]
    deg = p.degree
    inv_log = np.divide(1.0, np.log(np.maximum(deg, 1.0)), out=np.zeros_like(deg), where=deg > 1)
    inv_deg = np.divide(1.0, deg, out=np.zeros_like(deg), where=deg > 0)
    by_row = {c: k for k, c in enumerate(chosen)}
    local = np.fromiter((by_row[i] for i in person), dtype=np.int64, count=len(person)) if rows is not None else person

    def read(product: sp.spmatrix) -> np.ndarray:
        return _at(product, local, candidate)

    known_units = sorted({u for u in units.values() if u is not None})
    unit_code = {u: k for k, u in enumerate(known_units)}
    code_of = np.array([unit_code.get(units.get(i) or "", -1) for i in p.ids], dtype=np.int64)
    level_of = np.array([np.nan if levels.get(i) is None else levels[i] for i in p.ids], dtype=np.float64)
    pu, cu = code_of[person], code_of[candidate]
    distance = _unit_distance_column(pu, cu, known_units, parents)
    gap = level_of[candidate] - level_of[person]
    columns = {
        "adamic_adar": read(a_rows @ _diag(inv_log) @ a),
        "resource_allocation": read(a_rows @ _diag(inv_deg) @ a),
        "common_contacts": read(a_rows @ a),
        "strength_adamic_adar": read(w_rows @ _diag(inv_log) @ w),
        "strongest_path": _strongest_path(p, chosen, person, candidate),
        "person_strength": read(w_rows @ a),
        "candidate_strength": read(a_rows @ w),
        "person_degree": deg[person],
        "candidate_degree": deg[candidate],
        "recent_common": read(r[chosen] @ r),
        "same_unit": ((pu == cu) & (pu >= 0)).astype(np.float64),
        "unit_distance": distance,
        "level_gap": np.nan_to_num(gap, nan=0.0),
        "pair_contacts": _at(p.contacts, person, candidate) if p.contacts is not None else np.zeros(len(person)),
        "pair_evidence": _at(p.evidence, person, candidate) if p.evidence is not None else np.zeros(len(person)),
    }
    columns["pair_met"] = (columns["pair_contacts"] > 0).astype(np.float64)
    features = np.empty((len(person), len(FEATURES)), dtype=np.float64)
    for f, name in enumerate(FEATURES):
        features[:, f] = columns[name]
    return Candidates(person, candidate, features)


def _unit_distance_column(
    pu: np.ndarray, cu: np.ndarray, known_units: Sequence[str], parents: Mapping[str, str | None]
) -> np.ndarray:
    """unit_distance for unit codes (-1: unknown), computed once per pair of codes that occurs.

    An unknown unit on either side counts as :data:`UNKNOWN_UNIT_DISTANCE`.
    """
    if not len(pu):
        return np.zeros(0)
    width = len(known_units) + 1
    unique, back = np.unique((pu + 1) * width + (cu + 1), return_inverse=True)
    values = np.empty(len(unique), dtype=np.float64)
    cache: dict[str | None, list[str]] = {}
    for k, key in enumerate(unique):
        x, y = divmod(int(key), width)
        if x == 0 or y == 0:
            values[k] = UNKNOWN_UNIT_DISTANCE
        else:
            values[k] = _distance(known_units[x - 1], known_units[y - 1], parents, cache)
    return values[back]


def as_dicts(c: Candidates, ids: Sequence[str]) -> dict[tuple[str, str], dict[str, float]]:
    """(person id, candidate id) -> {feature: value}: for tests and small reports."""
    return {
        (ids[i], ids[j]): {name: float(c.features[k, f]) for f, name in enumerate(FEATURES)}
        for k, (i, j) in enumerate(zip(c.person, c.candidate, strict=True))
    }
