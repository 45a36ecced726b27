"""Two kinds of writer, each run as a process of its own by ``test_concurrent_writers.py``.

``python -m tests.store.writers cli DATA FOLDER N``: N runs of the command line's
``import``, each with one new person who knows someone in the demo (each run
opens the store, validates, writes and closes it, as ``netgraph import`` does).

``python -m tests.store.writers web DATA USERS N``: the web app on the same
store (Flask's test client, one logged-in ``hr`` account) proposes N
introductions among demo people.

Each prints one JSON line: what it committed (ids) and when it started and
ended, so the test can check that they overlapped and that nothing is lost.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "netgraph.json"


def introductions_to_propose(count: int) -> list[tuple[str, str, str]]:
    """(by, introduce, to) allowed on the demo: by knows both, they do not know each other, never introduced."""
    from netgraph.io.documents import read_document
    from netgraph.model.validate import complete, validate

    demo = complete(validate(read_document(DEMO)[0]))
    contacts: dict[str, set[str]] = {}
    for a, b in [(k["a"], k["b"]) for k in demo["knows"]] + [(m["mentor"], m["mentee"]) for m in demo["mentorships"]]:
        contacts.setdefault(a, set()).add(b)
        contacts.setdefault(b, set()).add(a)
    closed = {p["id"] for p in demo["people"] if not p["open_to_intros"]}
    taken = {frozenset((i["introduce"], i["to"])) for i in demo["introductions"]}
    found = []
    for by in sorted(contacts):
        open_contacts = sorted(contacts[by] - closed)
        for n, introduce in enumerate(open_contacts):
            for to in open_contacts[n + 1 :]:
                pair = frozenset((introduce, to))
                if to not in contacts[introduce] and pair not in taken:
                    taken.add(pair)
                    found.append((by, introduce, to))
                    if len(found) == count:
                        return found
    raise AssertionError("the demo has too few possible introductions")


def run_cli(data: str, folder: str, count: int) -> dict:
    from netgraph.cli import main

    committed, started = [], time.time()
    for n in range(count):
        document = {
            "people": [{"id": f"p-cli-{n}", "name": f"Imported {n}"}],
            "knows": [{"a": f"p-cli-{n}", "b": f"p{n % 150 + 1:03d}", "strength": 0.5}],
        }
        path = Path(folder) / f"import-{n}.json"
        path.write_text(json.dumps(document), "utf-8")
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(["--data", data, "import", str(path)])
        if code == 0 and "1 new" in out.getvalue():
            committed.append(f"p-cli-{n}")
    return {"committed": committed, "started": started, "ended": time.time()}


def run_web(data: str, users: str, count: int) -> dict:
    from netgraph.web import create_app
    from tests.store.processes import PASSWORD, WebClient

    planned = introductions_to_propose(count)
    app = create_app({"SECRET_KEY": "tests", "NETGRAPH_DATA": data, "NETGRAPH_USERS": users})
    client = app.test_client()
    token = WebClient._token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"name": "hr", "password": PASSWORD, "csrf_token": token})
    token = WebClient._token(client.get("/search").get_data(as_text=True))
    committed, refused, started = [], [], time.time()
    for by, introduce, to in planned:
        response = client.post(
            "/api/introductions", json={"by": by, "introduce": introduce, "to": to}, headers={"X-CSRFToken": token}
        )
        if response.status_code == 201:
            committed.append(response.get_json()["id"])
        else:
            refused.append([response.status_code, response.get_json()])
    return {"committed": committed, "refused": refused, "started": started, "ended": time.time()}


if __name__ == "__main__":
    kind, data, other, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    result = run_cli(data, other, count) if kind == "cli" else run_web(data, other, count)
    print(json.dumps(result))
