"""Keep erased people out: imports and syncs skip every record naming one (netgraph.analysis.erasure).

A tombstone is a keyed hash of an erased id or email
(:func:`netgraph.model.audit.tombstone`); a person record whose id or email
matches one, and every link, nomination, holder and introduction naming such
an id, is left out of the document before it is validated, and counted.
"""

from __future__ import annotations

from netgraph.model.audit import tombstone
from netgraph.store.ports import AuditTrail


def skip_erased(store: AuditTrail, document: dict) -> tuple[dict, int]:
    """``document`` without the people erased before and any record naming them; and how many were skipped."""
    stones = store.tombstones()
    if not stones:
        return document, 0
    key = store.erasure_key()
    gone = {
        p["id"]
        for p in document.get("people") or []
        if tombstone(key, "id", p["id"]) in stones or (p.get("email") and tombstone(key, "email", p["email"]) in stones)
    }
    named = _names(document)
    gone |= {i for i in named if tombstone(key, "id", i) in stones}
    if not gone:
        return document, 0
    skipped = 0
    out: dict = {}
    for section, records in document.items():
        kept = []
        for r in records:
            if _mentions_any(section, r, gone):
                skipped += 1
                continue
            if section == "positions" and any(h["person"] in gone for h in r.get("holders", [])):
                r = {**r, "holders": [h for h in r["holders"] if h["person"] not in gone]}
            kept.append(r)
        out[section] = kept
    return out, skipped


_PERSON_FIELDS = {
    "people": ("id",),
    "knows": ("a", "b"),
    "mentorships": ("mentor", "mentee"),
    "successors": ("person",),
    "introductions": ("by", "introduce", "to"),
}


def _mentions_any(section: str, record: dict, gone: set[str]) -> bool:
    return any(record.get(f) in gone for f in _PERSON_FIELDS.get(section, ()))


def _names(document: dict) -> set[str]:
    found = set()
    for section, fields in _PERSON_FIELDS.items():
        for r in document.get(section) or []:
            found.update(r.get(f) for f in fields if isinstance(r.get(f), str))
    for p in document.get("positions") or []:
        found.update(h["person"] for h in p.get("holders", []) if isinstance(h, dict) and "person" in h)
    return found
