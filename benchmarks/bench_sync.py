"""The nightly HR sync at 100k people: a first sync, then a night with 1 % changed, 0.5 % left, 0.5 % new.

The export is synthetic but shaped like a real one: an eight-way management
tree, about 50 people per department in a department tree, a seat of their
own for most (``position_id`` empty) and a shared seat for some. Night two
changes the titles of 1 % of the people, drops 0.5 % who manage no one (they
leave) and adds 0.5 % new people under existing managers. Each store is
timed from reading the file until the write has committed (plan and apply),
with ``sync people`` as the command runs it.
"""

from __future__ import annotations

import csv
import random
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.common import WORK, neo4j_server, run_from_command_line, timed
from netgraph.analysis.sync import sync_people
from netgraph.io.hr_snapshot import COLUMNS
from netgraph.store import EmbeddedStore

FIRST_NIGHT, SECOND_NIGHT = date(2026, 11, 30), date(2026, 12, 1)
TITLES = ("Engineer", "Analyst", "Designer", "Account Executive", "Recruiter", "Accountant")


def employees(people: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for n in range(1, people + 1):
        manager = (n - 2) // 8 + 1 if n > 1 else None
        department = (n - 1) // 50
        rows.append(
            {
                "employee_id": f"e{n}",
                "name": f"Person {n}",
                "email": f"person.{n}@example.com",
                "manager_id": f"e{manager}" if manager else "",
                "department_id": f"D{department}",
                "department_name": f"Department {department}",
                "parent_department_id": f"D{(department - 1) // 4}" if department else "",
                "position_id": f"P-{department}-shared" if n % 10 == 0 and n > 1 else "",
                "job_title": rng.choice(TITLES),
                "level": str(min(8, 1 + rng.randrange(5))),
                "location": rng.choice(("Accra", "Madrid", "Tokyo", "Zagreb")),
                "hire_date": f"{2010 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "critical": "yes" if n % 97 == 0 else "no",
                "flight_risk": rng.choice(("low", "medium", "high", "")),
            }
        )
    # a shared seat: its holders must share a department and their managers a seat
    for row in rows:
        if row["position_id"]:
            row["position_id"] = f"P-{row['department_id']}-{row['manager_id']}"
    return rows


def second_night(rows: list[dict], seed: int = 2) -> tuple[list[dict], dict]:
    rng = random.Random(seed)
    managers = {r["manager_id"] for r in rows}
    leaves = set(rng.sample([r["employee_id"] for r in rows if r["employee_id"] not in managers], len(rows) // 200))
    changed = set(rng.sample([r["employee_id"] for r in rows if r["employee_id"] not in leaves], len(rows) // 100))
    night = []
    for r in rows:
        if r["employee_id"] in leaves:
            continue
        night.append({**r, "job_title": "Senior " + r["job_title"]} if r["employee_id"] in changed else r)
    start = len(rows) + 1
    for n in range(start, start + len(rows) // 200):
        boss = rng.choice(night)
        night.append(
            {
                **boss,
                "employee_id": f"e{n}",
                "name": f"Person {n}",
                "email": f"person.{n}@example.com",
                "manager_id": boss["employee_id"],
                "position_id": "",
                "hire_date": "2026-12-01",
            }
        )
    return night, {"left": len(leaves), "changed": len(changed), "new": len(rows) // 200}


def write_export(rows: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def nights(store, first: Path, second: Path) -> dict:
    first_s, done = timed(sync_people, store, first, today=FIRST_NIGHT)
    plan_s, _ = timed(sync_people, store, second, dry_run=True, today=SECOND_NIGHT)
    second_s, done = timed(sync_people, store, second, today=SECOND_NIGHT)
    again_s, again = timed(sync_people, store, second, today=SECOND_NIGHT)
    counts = done.plan.counts["people"]
    return {
        "first_s": round(first_s, 1),
        "plan_s": round(plan_s, 1),
        "second_s": round(second_s, 1),
        "again_s": round(again_s, 1),
        "counts": counts,
        "again_unchanged": again.plan.counts["people"]["unchanged"],
    }


def run(people: int) -> dict:
    WORK.mkdir(exist_ok=True)
    rows = employees(people)
    night, changes = second_night(rows)
    first = write_export(rows, WORK / f"hr-{people}-night1.csv")
    second = write_export(night, WORK / f"hr-{people}-night2.csv")
    result = {"people": people, "changes": changes}
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "graph.sqlite", freeze_graph=True)
        result["embedded"] = nights(store, first, second)
        store.close()
    from netgraph.store.neo4j_backend.store import Neo4jStore

    with neo4j_server() as uri:
        store = Neo4jStore(uri)
        try:
            store.clear()
            result["neo4j"] = nights(store, first, second)
            store.clear()  # the other benchmarks load their own organisation again
        finally:
            store.close()
    return result


def table(r: dict) -> str:
    e, n, c = r["embedded"], r["neo4j"], r["changes"]
    return "\n".join(
        [
            f"HR sync of a {r['people']:,}-person export (`sync people`, from reading the file until the write "
            f"commits); night two: {c['changed']:,} changed, {c['left']:,} left, {c['new']:,} new:",
            "",
            "| store | first sync (everyone new) | night two: plan only (`--dry-run`) | night two: plan and apply | "
            "the same file again (nothing to do) |",
            "|---|---|---|---|---|",
            f"| embedded (SQLite file) | {e['first_s']} s | {e['plan_s']} s | **{e['second_s']} s** | "
            f"{e['again_s']} s |",
            f"| Neo4j 5.26 | {n['first_s']} s | {n['plan_s']} s | **{n['second_s']} s** | {n['again_s']} s |",
        ]
    )


if __name__ == "__main__":
    run_from_command_line(run)
