"""Import a document into a store: validate everything, then write it at once.

The order is the whole point: the document is parsed, checked against the
schema and against what the store already holds, and only a document with
no problem at all is written, in one atomic store write. A failed import
therefore leaves the store exactly as it was.

A record changes only the fields it carries: a field it leaves out (a CSV
column, a JSON key) keeps the stored value, and a new record gets the
defaults. The report says, per section, how many records are new, changed
and unchanged, and how many changed each field, the same for a dry run and
for the import itself.

An import builds millions of acyclic dicts (the parsed document, its
normalized records, the store's rows), so it runs with Python's cycle
collector paused (:mod:`netgraph.collector`).

Examples
--------
>>> from netgraph.store import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> doc = {"people": [{"id": "p1", "name": "Ada"}, {"id": "p2", "name": "Bo"}],
...        "knows": [{"a": "p1", "b": "p2", "strength": 0.7}]}
>>> import_document(store, doc).counts["people"]
{'new': 2, 'changed': 0, 'unchanged': 0, 'fields': {}}
>>> report = import_document(store, {"people": [{"id": "p2", "title": "CTO", "name": "Bo"}]}, dry_run=True)
>>> report.lines()
['people: 0 new, 1 changed, 0 unchanged', '  title: 1 changed']
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field

from netgraph.collector import cycle_collector_paused
from netgraph.io.erased import skip_erased
from netgraph.model.audit import diff, summarised
from netgraph.model.validate import Where, record_key, validate, with_defaults
from netgraph.model.vocabulary import FIELDS, KEY_FIELDS
from netgraph.store.ports import AuditedPersistence, Progress

#: A document with no name (places are just ``people[3]``).
NOWHERE = Where()


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do), per section.

    ``counts[section]``: ``new``, ``changed`` and ``unchanged`` records, and
    ``fields``: how many records each field changes in.
    """

    dry_run: bool
    counts: dict[str, dict] = field(default_factory=dict)
    #: records left out because they name a person who was erased
    skipped_erased: int = 0

    def lines(self) -> list[str]:
        out = []
        if self.skipped_erased:
            out.append(f"skipped {self.skipped_erased} records naming people who were erased (they stay erased)")
        for section, c in self.counts.items():
            out.append(
                f"{section.replace('_', ' ')}: {c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged"
            )
            out += [f"  {name}: {n} changed" for name, n in c["fields"].items()]
        return out or ["nothing to import: the document has no records"]

    def to_json(self) -> dict:
        """``{"people": {"new": 0, "changed": 1, "unchanged": 149, "fields": {"title": 1}}, ...}``."""
        return {**self.counts, "dry_run": self.dry_run, "skipped_erased": self.skipped_erased}


def import_document(
    store: AuditedPersistence,
    document: object,
    where: Where = NOWHERE,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate ``document`` against ``store`` and (unless ``dry_run``) merge it in.

    The checks against the store and the write are one transaction
    (``store.transaction()``), so another process's change cannot slip
    between them; a dry run takes no lock and writes nothing. Only the
    records of the document's keys are read back (``store.stored_records``),
    and none on a first import.
    """
    with cycle_collector_paused(), nullcontext() if dry_run else store.transaction():
        if isinstance(document, dict):
            document, skipped = skip_erased(store, document)
        else:
            skipped = 0
        clean = validate(document, where=where, existing=store)
        report = ImportReport(dry_run=dry_run, skipped_erased=skipped)
        stored_people: dict = {}
        for section, records in clean.items():
            stored = store.stored_records(section, [record_key(section, r) for r in records]) if records else {}
            if section == "people":
                stored_people = stored
            report.counts[section] = section_changes(section, records, stored)
        if not dry_run:
            store.write(clean, progress=progress, audit=import_event(clean, where, stored_people))
    return report


def section_changes(section: str, records: list[dict], stored: dict) -> dict:
    """New, changed and unchanged records of one section, and how many records each field changes in
    (fields in the documented order).

    >>> section_changes("people", [{"id": "p1", "title": "CTO"}, {"id": "p2", "name": "Bo"}, {"id": "p3"}],
    ...                 {"p1": {"id": "p1", "title": "VP"}, "p3": {"id": "p3", "title": "VP"}})
    {'new': 1, 'changed': 1, 'unchanged': 1, 'fields': {'title': 1}}
    """
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    fields: dict[str, int] = {}
    for record in records:
        before = stored.get(record_key(section, record))
        if before is None:
            counts["new"] += 1
            continue
        changed = changed_fields(section, record, before)
        counts["changed" if changed else "unchanged"] += 1
        for name in changed:
            fields[name] = fields.get(name, 0) + 1
    return {**counts, "fields": {name: fields[name] for name in FIELDS[section] if name in fields}}


def changed_fields(section: str, record: dict, stored: dict) -> list[str]:
    """The fields a normalized record carries whose value differs from the stored record's.

    A KNOWS record is first merged with the stored link as a write would merge it
    (its strength and sources follow from the evidence the link keeps).

    >>> changed_fields("people", {"id": "p1", "title": "CTO", "level": 5}, {"id": "p1", "title": "VP", "level": 5})
    ['title']
    """
    if section == "knows":
        record = with_defaults("knows", record, stored)
    keys = KEY_FIELDS[section]
    return [name for name, value in record.items() if name not in keys and value != stored.get(name)]


def import_event(clean: dict, where: Where, stored_people: dict, action: str = "import") -> dict:
    """The audit event of an import: every record's key, and the changed fields of each person already
    stored (``stored_people``: id -> their record before the import; a first import has none)."""
    entities = [f"{section}:{_key_text(record_key(section, r))}" for section, rs in clean.items() for r in rs]
    changes = [
        row
        for p in clean.get("people") or []
        if p["id"] in stored_people
        for row in diff(f"people:{p['id']}", stored_people[p["id"]], p, fields=[f for f in p if f != "id"])
    ]
    note = f"from {where.document}" if where.document else None
    return summarised(action, entities, changes, note)


def _key_text(key) -> str:
    return key if isinstance(key, str) else "/".join(key)
