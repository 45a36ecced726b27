"""Import a document into a store: validate everything, then write it at once.

The order is the whole point: the document is parsed, checked against the
schema and against what the store already holds, and only a document with
no problem at all is written, in one atomic store write. A failed import
therefore leaves the store exactly as it was.

Examples
--------
>>> from netgraph.store import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> doc = {"people": [{"id": "p1", "name": "Ada"}, {"id": "p2", "name": "Bo"}],
...        "knows": [{"a": "p1", "b": "p2", "strength": 0.7}]}
>>> import_document(store, doc).counts["people"]
{'records': 2, 'new': 2, 'updated': 0}
>>> import_document(store, doc, dry_run=True).counts["knows"]
{'records': 1, 'new': 0, 'updated': 1}
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field

from netgraph.io.erased import skip_erased
from netgraph.model.audit import diff, summarised
from netgraph.model.validate import Where, record_key, validate
from netgraph.store.ports import Progress, Store

#: A document with no name (places are just ``people[3]``).
NOWHERE = Where()


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do), per section."""

    dry_run: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    #: records left out because they name a person who was erased
    skipped_erased: int = 0

    def lines(self) -> list[str]:
        verb = "would import" if self.dry_run else "imported"
        out = []
        if self.skipped_erased:
            out.append(f"skipped {self.skipped_erased} records naming people who were erased (they stay erased)")
        for section, c in self.counts.items():
            out.append(f"{verb} {c['records']} {section.replace('_', ' ')}: {c['new']} new, {c['updated']} updated")
        return out or [f"{verb} nothing: the document has no records"]


def import_document(store: Store, document: object, where: Where = NOWHERE, *, dry_run: bool = False,
                    progress: Progress | None = None) -> ImportReport:
    """Validate ``document`` against ``store`` and (unless ``dry_run``) merge it in.

    The checks against the store and the write are one transaction
    (``store.transaction()``), so another process's change cannot slip
    between them; a dry run takes no lock and writes nothing.
    """
    with nullcontext() if dry_run else store.transaction():
        if isinstance(document, dict):
            document, skipped = skip_erased(store, document)
        else:
            skipped = 0
        clean = validate(document, where=where, existing=store)
        report = ImportReport(dry_run=dry_run, skipped_erased=skipped)
        stored_people: set = set()
        for section, records in clean.items():
            keys = [record_key(section, r) for r in records]
            existing = store.existing_keys(section, keys) if keys else set()
            if section == "people":
                stored_people = existing
            updated = len(existing)
            report.counts[section] = {"records": len(records), "new": len(records) - updated, "updated": updated}
        if not dry_run:
            store.write(clean, progress=progress, audit=import_event(store, clean, where, stored_people))
    return report


def import_event(store: Store, clean: dict, where: Where, stored_people: set, action: str = "import") -> dict:
    """The audit event of an import: every record's key, and the changed fields of each person already
    stored (``stored_people``: their ids; only they are read back, so a first import reads nothing)."""
    entities = [f"{section}:{_key_text(record_key(section, r))}" for section, rs in clean.items() for r in rs]
    people = [p for p in clean.get("people") or [] if p["id"] in stored_people]
    before = store.people([p["id"] for p in people]) if people else {}
    changes = [row for p in people if p["id"] in before
               for row in diff(f"people:{p['id']}", before[p["id"]], p, fields=[f for f in p if f != "id"])]
    note = f"from {where.document}" if where.document else None
    return summarised(action, entities, changes, note)


def _key_text(key) -> str:
    return key if isinstance(key, str) else "/".join(key)
