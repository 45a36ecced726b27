"""Erasure (GDPR Art. 17): remove a person's personal data, and keep them removed.

``erase`` removes, in the store:

* the person's node with every property, and every link naming them (KNOWS,
  MENTORS, HOLDS, SUCCESSOR_FOR, MEMBER_OF, their skills and goals);
* every introduction that names them (as introducer, introduced or
  introduced-to), with its note and outcome;
* skills nobody else has, wants or requires;
* their identifiers in past audit events: every value naming their id, name
  or email is redacted (the value and its salt go, the digest stays, so the
  trail still verifies), and a change row about them loses its values;
* web accounts linked to them (when the caller passes the accounts).

It keeps, without identifiers: the counts that other records already carry
(positions stay, vacant; the other people's records and links stay), and
one audit event ``erase`` with the reason (the person's id, name and email
are cut out of the reason too) and no entity.

**Erasure sticks.** A tombstone keeps a keyed hash (HMAC-SHA256 with a key
kept in the store) of the erased id and of the email, never the values
themselves. Import and sync skip records whose id or email matches one, and
say so; an old export or the next nightly sync cannot bring the person back.
"""

from __future__ import annotations

from netgraph.analysis.people import known_people
from netgraph.errors import InvalidInput, Problem
from netgraph.model.audit import entry, redact, tombstone
from netgraph.model.limits import TEXT_MAX
from netgraph.store.ports import Store

ERASED = "[erased]"


def erase(store: Store, person: str, *, reason: str, accounts=None) -> dict:
    """Erase ``person`` (see the module docstring); return what was done, without identifiers."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput([Problem("request", "reason", "is required: say why (for example the request's date)")])
    if len(reason) > TEXT_MAX["note"]:
        raise InvalidInput([Problem("request", "reason", f"more than {TEXT_MAX['note']} characters")])
    record = known_people(store, [person])[person]
    texts = {t for t in (record["name"], record["email"]) if t}
    key = store.erasure_key()
    stones = [tombstone(key, "id", person)] + ([tombstone(key, "email", record["email"])] if record["email"] else [])
    with store.transaction():
        events = store.audit_events()
        redacted = redact(events, {person}, texts)
        changed = [new for old, new in zip(events, redacted, strict=True) if new != old]
        if changed:
            store.replace_audit_events(changed)
        clean_reason = reason
        for text in sorted(texts | {person}, key=len, reverse=True):
            clean_reason = _cut(clean_reason, text)
        store.erase_person(person, tombstones=stones, audit=entry("erase", [], note=clean_reason))
    removed_accounts = 0
    if accounts is not None:
        for account in accounts.list():
            if account.get("person") == person:
                accounts.remove(account["name"])
                removed_accounts += 1
    store.scrub()
    return {"erased": True, "audit_events_redacted": len(changed), "accounts_removed": removed_accounts}


def _cut(text: str, needle: str) -> str:
    lower, folded = text.casefold(), needle.casefold()
    out, start = [], 0
    while (found := lower.find(folded, start)) >= 0:
        out += [text[start:found], ERASED]
        start = found + len(needle)
    return "".join(out) + text[start:]
