"""The reported loss, step by step with real processes: a CLI import while the server runs.

1. ``netgraph demo``; 2. ``netgraph serve`` on that store (not ``--demo``);
3. while it runs, ``netgraph import`` a document with one new person ("1 new");
4. propose an introduction in the web app. The new person must still be
there, for the server and for the next command, and so must the introduction.
(With the JSON file store, the server wrote its in-memory graph over the
file at step 4 and the person was gone without a word.)
"""

from __future__ import annotations

import json

from tests.store.processes import WebClient, accounts, exported, netgraph, served

NEW_PERSON = {"people": [{"id": "p-new", "name": "Noor Haddad", "title": "Data Engineer", "level": 3}]}


def test_a_person_imported_while_the_server_runs_survives_an_introduction_proposed_on_it(tmp_path):
    data = tmp_path / "graph.json"
    netgraph("--data", data, "demo")
    (tmp_path / "new.json").write_text(json.dumps(NEW_PERSON), "utf-8")
    with served(data, accounts(tmp_path)) as base:
        web = WebClient(base)
        assert web.get_json("/api/people/p-new")[0] == 404  # the server has read the store before the import

        imported = netgraph("--data", data, "import", tmp_path / "new.json").stdout
        assert "people: 1 new, 0 changed, 0 unchanged" in imported.splitlines()

        status, proposed = web.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084"})
        assert status == 201, proposed
        status, seen = web.get_json("/api/people/p-new")
        assert status == 200 and seen["name"] == "Noor Haddad"  # the server sees the CLI's write

    after = exported(data, tmp_path)
    assert "p-new" in {p["id"] for p in after["people"]}
    assert proposed["id"] in {i["id"] for i in after["introductions"]}
