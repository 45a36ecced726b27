"""Whose networks a recommendation searches: the rule both stores and the analysis share.

``via`` names the introducers among a person's contacts (rows as
``Store.contacts`` gives them): ``"mentors"`` their active mentors, ``"all"``
every contact, anything else the one contact with that id. The Neo4j store
applies the same rule inside ``cypher/recommendation_inputs.cypher``; the
analysis turns an empty answer into the right error for the user.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

VIA_MENTORS = "mentors"
VIA_ALL = "all"


def introducer_ids(contacts: Sequence[Mapping[str, Any]], via: str) -> list[str]:
    """The ids of the introducers ``via`` names, in the order of ``contacts``.

    >>> contacts = [{"id": "p1", "mentors_them": "active"}, {"id": "p2", "mentors_them": "ended"}]
    >>> introducer_ids(contacts, "mentors"), introducer_ids(contacts, "all")
    (['p1'], ['p1', 'p2'])
    >>> introducer_ids(contacts, "p2"), introducer_ids(contacts, "p9")
    (['p2'], [])
    """
    if via == VIA_MENTORS:
        return [c["id"] for c in contacts if c["mentors_them"] == "active"]
    if via == VIA_ALL:
        return [c["id"] for c in contacts]
    return [c["id"] for c in contacts if c["id"] == via]
