"""A deterministic synthetic organisation of any size, for benchmarks and tests.

Real HR data cannot be shared, and speed has to be measured at 1k, 10k and
100k people, so this builds an organisation with the shapes that make graph
work hard or easy in practice:

* an org tree (about one unit per 15 people, 3-8 children per unit) with a
  head position per unit reporting to the parent unit's head, plus
  specialist positions (about one position per 10 people, ~15 % critical);
* a pyramid of levels, skills drawn mostly from the unit's domain, growth goals;
* KNOWS links that are clustered (mostly inside a unit, some to the parent
  or a child unit, a few long-range) with heavy-tailed degrees: every person
  has a Pareto-distributed "sociability" that weights who gets picked, so a
  few hubs know hundreds of people while the median knows a handful;
* mentorships (some ended, some reverse), successor nominations of mixed
  readiness, and introductions in every status made between two contacts of
  the introducer who did not know each other.

About 10-12 relationships per person overall (about 1.1M at 100k people).
Only ``random.Random(seed)`` is used, so the same arguments give the same
document, byte for byte.

:func:`generate_sections` hands the records out one at a time, section by
section, keeping only compact numbers about the organisation (a million
people's records would take more than 10 GB as dicts): ``netgraph generate
--people 1000000 OUT/`` writes the CSV folder as it goes
(:func:`netgraph.io.csv_folder.write_csv_sections`). :func:`generate_dataset`
collects the same records into one document, so both give one organisation.

Examples
--------
>>> doc = generate_dataset(20, seed=1)
>>> doc["people"][0]["id"], len(doc["people"]), doc == generate_dataset(20, seed=1)
('p01', 20, True)
"""

from __future__ import annotations

import bisect
import itertools
import random
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from netgraph.io.csv_folder import write_csv_sections
from netgraph.model.validate import complete_record
from netgraph.model.vocabulary import SECTIONS

_FIRST = [
    "Ada",
    "Bruno",
    "Chen",
    "Dana",
    "Emeka",
    "Fatima",
    "Giulia",
    "Hiroshi",
    "Ines",
    "Jamal",
    "Kavya",
    "Lars",
    "Mei",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sipho",
    "Tariq",
    "Uma",
    "Viktor",
    "Wanjiru",
    "Xavier",
    "Yara",
    "Zoltan",
    "Aiko",
    "Bilal",
    "Carmen",
    "Dmitri",
    "Elif",
    "Farid",
    "Grace",
    "Hana",
    "Ivan",
    "Jonas",
    "Kemal",
    "Leila",
    "Mateo",
    "Noor",
]
_LAST = [
    "Osei",
    "Díaz",
    "Wei",
    "Kovač",
    "Okafor",
    "Haddad",
    "Rossi",
    "Tanaka",
    "Silva",
    "Bakr",
    "Iyer",
    "Nilsson",
    "Lin",
    "Petrova",
    "Farouk",
    "Sharma",
    "Moreau",
    "García",
    "Dlamini",
    "Khan",
    "Nair",
    "Horvath",
    "Mwangi",
    "Dubois",
    "Costa",
    "Szabo",
    "Sato",
    "Ahmed",
    "López",
    "Volkov",
    "Yilmaz",
    "Rahimi",
    "Mensah",
    "Kim",
    "Novak",
    "Berg",
    "Demir",
    "Mansour",
    "Fernández",
    "Aziz",
]
_CITIES = ["Accra", "Berlin", "Lisbon", "Nairobi", "São Paulo", "Singapore", "Toronto", "Warsaw", "Bangalore", "Austin"]
_DOMAINS = [
    "data",
    "cloud",
    "security",
    "product",
    "sales",
    "finance",
    "people",
    "design",
    "marketing",
    "operations",
    "legal",
    "platform",
    "mobile",
    "web",
    "ml",
    "supply chain",
    "customer",
    "quality",
    "research",
    "strategy",
    "brand",
    "partner",
    "risk",
    "hardware",
    "content",
]
_CRAFTS = ["analysis", "architecture", "management", "strategy", "engineering", "operations", "coaching", "negotiation"]
SKILLS = [f"{d} {c}" for d in _DOMAINS for c in _CRAFTS]  # 200 names
_LEVEL_WEIGHTS = [30, 25, 18, 12, 7, 4, 2.5, 1.5]  # levels 1..8
_TITLES = {
    1: "Associate",
    2: "Specialist",
    3: "Senior Specialist",
    4: "Lead",
    5: "Manager",
    6: "Senior Manager",
    7: "Director",
    8: "Vice President",
}
_CONTEXTS = ["worked together", "same team", "project", "conference", "onboarding buddy", "community of practice"]
_INTRO_STATUS = (["proposed", "made", "accepted", "declined", "met"], [15, 15, 15, 10, 45])
_READINESS = (["ready_now", "ready_1_2_years", "ready_3_plus_years"], [30, 45, 25])
_LAST_DAY = date(2026, 11, 20).toordinal()


def _day(rng: random.Random, days_back_max: int, days_back_min: int = 0) -> str:
    return date.fromordinal(_LAST_DAY - rng.randint(days_back_min, days_back_max)).isoformat()


class _Builder:
    """Holds what later sections need to know about earlier ones; each method yields one section's records.

    The state is kept compact (lists of numbers, the KNOWS pairs as sorted
    integers, each person's contacts as one flat array) so that a million
    people fit in a small fraction of the memory their records would take:
    :func:`generate_sections` hands out the records one at a time.
    The methods must run in the order of ``SECTIONS``, each to its end: every
    one draws from the same random generator, and later ones read what earlier
    ones left.
    """

    def __init__(self, people: int, seed: int):
        self.n = people
        self.rng = random.Random(seed)
        self.pid = [f"p{i:0{len(str(people))}d}" for i in range(1, people + 1)]

    def org_units(self) -> Iterator[dict]:
        rng, count = self.rng, max(1, self.n // 15)
        width = len(str(count))
        self.parent, self.depth, frontier = [None], [0], deque([0])
        while len(self.parent) < count:
            unit = frontier.popleft()
            for _ in range(rng.randint(3, 8)):
                if len(self.parent) == count:
                    break
                self.parent.append(unit)
                self.depth.append(self.depth[unit] + 1)
                frontier.append(len(self.parent) - 1)
        self.uid = [f"u-{i:0{width}d}" for i in range(count)]
        self.children: list[list[int]] = [[] for _ in range(count)]
        for unit, parent in enumerate(self.parent):
            if parent is not None:
                self.children[parent].append(unit)
        self.domain = [rng.sample(SKILLS, 16) for _ in range(count)]
        for u, p in enumerate(self.parent):
            yield {
                "id": self.uid[u],
                "name": "Company" if u == 0 else f"{_DOMAINS[u % len(_DOMAINS)].title()} {u}",
                "parent": None if p is None else self.uid[p],
            }

    def people(self) -> Iterator[dict]:
        rng, units = self.rng, len(self.uid)
        sizes = [rng.lognormvariate(0, 0.6) for _ in range(units)]
        self.unit_of = [i if i < units else 0 for i in range(self.n)]
        rest = rng.choices(range(units), weights=sizes, k=max(0, self.n - units))
        self.unit_of[units:] = rest
        self.members: list[list[int]] = [[] for _ in range(units)]
        for person, unit in enumerate(self.unit_of):
            self.members[unit].append(person)
        self.level = rng.choices(range(1, 9), weights=_LEVEL_WEIGHTS, k=self.n)
        for unit in range(units):  # the first member heads the unit
            if unit < self.n:
                self.level[unit] = max(4, 8 - self.depth[unit])
        self.sociability = [rng.paretovariate(1.6) for _ in range(self.n)]
        self.first_goal: list[str | None] = []  # a mentorship's focus, read long after the record is gone
        for p in range(self.n):
            domain = self.domain[self.unit_of[p]]
            names = rng.sample(domain, rng.randint(2, 4)) + ([rng.choice(SKILLS)] if rng.random() < 0.3 else [])
            skills = {name: rng.randint(1, 5) for name in sorted(set(names))}
            goals = (
                sorted(
                    {rng.choice(domain if rng.random() < 0.6 else SKILLS) for _ in range(rng.randint(1, 2))}
                    - set(skills)
                )
                if rng.random() < 0.7
                else []
            )
            self.first_goal.append(goals[0] if goals else None)
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            risk = rng.choices(["low", "medium", "high", None], weights=[55, 25, 8, 12])[0]
            yield {
                "id": self.pid[p],
                "name": f"{first} {last}",
                "email": f"{first.lower()}.{last.lower()}.{p + 1}@example.com",
                "title": f"{_TITLES[self.level[p]]}, {_DOMAINS[self.unit_of[p] % len(_DOMAINS)]}",
                "level": self.level[p],
                "location": rng.choice(_CITIES),
                "joined_on": _day(rng, 365 * 15, 30),
                "open_to_intros": rng.random() > 0.07,
                "flight_risk": risk,
                "org_unit": self.uid[self.unit_of[p]],
                "skills": skills,
                "wants_to_grow": goals,
            }

    def positions(self) -> Iterator[dict]:
        rng, units = self.rng, len(self.uid)
        total = max(1, self.n // 10)
        width = len(str(total))
        heads = min(units, total)  # position i (i < heads) is the head of unit i, vacant or not

        def head_of(unit: int | None) -> str | None:
            return f"pos-{unit + 1:0{width}d}" if unit is not None and unit < heads else None

        plan = [("head", u) for u in range(heads)]
        plan += [("specialist", rng.randrange(units)) for _ in range(total - len(plan))]
        #: (id, unit, level, holders' ids) of every position, for the successors
        self.seats: list[tuple[str, int, int, frozenset[str]]] = []
        for index, (kind, unit) in enumerate(plan):
            pid = f"pos-{index + 1:0{width}d}"
            members = self.members[unit]
            if kind == "head":
                holders = [unit] if unit < self.n else []
                level = self.level[unit] if holders else 4
                critical = self.depth[unit] <= 1 or rng.random() < 0.15
                title = "Head of " + ("Company" if unit == 0 else f"{_DOMAINS[unit % len(_DOMAINS)].title()} {unit}")
                reports_to = head_of(self.parent[unit])
            else:
                holders = [rng.choice(members)] if members and rng.random() > 0.05 else []
                if holders and rng.random() < 0.02 and len(members) > 1:
                    holders.append(rng.choice([m for m in members if m != holders[0]]))
                level = self.level[holders[0]] if holders else rng.randint(3, 6)
                critical = rng.random() < 0.15
                title = f"{_TITLES[level]} {rng.choice(self.domain[unit]).title()}"
                reports_to = head_of(unit)
            if kind == "head" and rng.random() < 0.04:
                holders = []  # a vacant head seat
            record = {
                "id": pid,
                "title": title,
                "level": level,
                "critical": critical,
                "org_unit": self.uid[unit],
                "reports_to": reports_to,
                "requires": sorted(rng.sample(self.domain[unit], rng.randint(2, 4))),
                "holders": sorted(
                    ({"person": self.pid[h], "since": _day(rng, 365 * 6, 10)} for h in set(holders)),
                    key=lambda h: h["person"],
                ),
            }
            self.seats.append((pid, unit, level, frozenset(h["person"] for h in record["holders"])))
            yield record

    def _picker(self, people: list[int]) -> Callable[[], int]:
        """Draw from ``people`` weighted by sociability (cumulative weights + bisect)."""
        cumulative = list(itertools.accumulate(self.sociability[p] for p in people))
        total, rng = cumulative[-1], self.rng
        return lambda: people[min(bisect.bisect(cumulative, rng.random() * total), len(people) - 1)]

    def knows(self) -> Iterator[dict]:
        rng, n, target = self.rng, self.n, int(self.n * 4.5)
        anyone = self._picker(list(range(n)))
        in_unit = [self._picker(m) if len(m) > 1 else None for m in self.members]
        pairs: set[int] = set()  # a pair a < b as the number a * n + b: sorted numbers are sorted pairs
        attempts = 0
        while len(pairs) < target and attempts < target * 4:
            attempts += 1
            a = anyone()
            unit, roll = self.unit_of[a], rng.random()
            if roll < 0.78 and in_unit[unit]:
                b = in_unit[unit]()
            elif roll < 0.9:
                near = self.children[unit] + ([self.parent[unit]] if self.parent[unit] is not None else [])
                pool = [u for u in near if self.members[u]]
                b = rng.choice(self.members[rng.choice(pool)]) if pool else anyone()
            else:
                b = anyone()
            if a != b:
                pairs.add(a * n + b if a < b else b * n + a)
        del anyone, in_unit
        ordered = sorted(pairs)
        del pairs
        self.pairs = array("q", ordered)
        del ordered
        self._index_contacts()
        for key in self.pairs:
            a, b = divmod(key, n)
            since = _day(rng, 365 * 8, 5)
            strength = round(min(1.0, max(0.05, rng.betavariate(2, 2))), 2)
            yield {
                "a": self.pid[a],
                "b": self.pid[b],
                "since": since,
                "strength": strength,
                "context": rng.choice(_CONTEXTS),
                "declared_strength": strength,  # normalized: the strength typed in is the declared one
            }

    def _index_contacts(self) -> None:
        """Everybody's contacts, each person's in ascending order, as one flat array and where each starts."""
        n, degree = self.n, [0] * (self.n + 1)
        for key in self.pairs:
            a, b = divmod(key, n)
            degree[a] += 1
            degree[b] += 1
        self.contact_start = array("q", itertools.accumulate(degree, initial=0))
        fill = array("q", self.contact_start)
        self.contact_ids = array("i", bytes(4 * self.contact_start[-1]))
        for key in self.pairs:  # pairs ascending: a's earlier contacts (all < a) come first, then the later ones
            a, b = divmod(key, n)
            self.contact_ids[fill[a]] = b
            fill[a] += 1
            self.contact_ids[fill[b]] = a
            fill[b] += 1

    def _contacts(self, person: int) -> list[int]:
        return self.contact_ids[self.contact_start[person] : self.contact_start[person + 1]].tolist()

    def _knows(self, a: int, b: int) -> bool:
        key = min(a, b) * self.n + max(a, b)
        at = bisect.bisect_left(self.pairs, key)
        return at < len(self.pairs) and self.pairs[at] == key

    def mentorships(self) -> Iterator[dict]:
        rng, seen, records = self.rng, set(), []
        by_level = [[p for p in range(self.n) if self.level[p] == lvl] for lvl in range(9)]
        for mentee in rng.sample(range(self.n), int(self.n * 0.08)):
            reverse = rng.random() < 0.06
            if reverse:
                wanted = [lvl for lvl in range(1, self.level[mentee])]
            else:
                wanted = [lvl for lvl in range(self.level[mentee] + 1, min(8, self.level[mentee] + 3) + 1)]
            unit = self.unit_of[mentee]
            local = [
                m
                for m in self.members[unit] + (self.members[self.parent[unit]] if self.parent[unit] is not None else [])
                if self.level[m] in wanted and m != mentee
            ]
            pool = local or [m for lvl in wanted for m in by_level[lvl][:200] if m != mentee]
            if not pool:
                continue
            mentor = rng.choice(pool)
            if (mentor, mentee) in seen:
                continue
            seen.add((mentor, mentee))
            since = _day(rng, 365 * 4, 60)
            ended = rng.random() < 0.2
            until = (
                date.fromordinal(
                    min(_LAST_DAY, date.fromisoformat(since).toordinal() + rng.randint(60, 400))
                ).isoformat()
                if ended
                else None
            )
            goal = self.first_goal[mentee]
            records.append(
                {
                    "mentor": self.pid[mentor],
                    "mentee": self.pid[mentee],
                    "since": since,
                    "until": until,
                    "status": "ended" if ended else "active",
                    "kind": "reverse" if reverse else "standard",
                    "focus": [goal] if goal else [],
                }
            )
        yield from sorted(records, key=lambda r: (r["mentor"], r["mentee"]))

    def successors(self) -> Iterator[dict]:
        rng, records = self.rng, []
        for position, unit, level, holders in self.seats:
            if rng.random() > 0.7:
                continue
            pool = list(self.members[unit])
            for child in self.children[unit][:4]:
                pool.extend(self.members[child][:30])
            fit = [p for p in pool if level - 2 <= self.level[p] <= level and self.pid[p] not in holders]
            if not fit:
                continue
            for nominee in sorted(set(rng.sample(fit, min(len(fit), rng.randint(1, 3))))):
                records.append(
                    {
                        "person": self.pid[nominee],
                        "position": position,
                        "readiness": rng.choices(*_READINESS)[0],
                        "nominated_on": _day(rng, 700, 5),
                    }
                )
        yield from sorted(records, key=lambda r: (r["person"], r["position"]))

    def introductions(self) -> Iterator[dict]:
        rng, made = self.rng, 0
        count = int(self.n * 0.2)
        width = len(str(max(1, count)))
        tries = 0
        while made < count and tries < count * 10:
            tries += 1
            by = rng.randrange(self.n)
            if self.contact_start[by + 1] - self.contact_start[by] < 2:
                continue
            x, y = rng.sample(self._contacts(by), 2)
            if self._knows(x, y):
                continue
            status = rng.choices(*_INTRO_STATUS)[0]
            made += 1
            yield {
                "id": f"i{made:0{width}d}",
                "by": self.pid[by],
                "introduce": self.pid[x],
                "to": self.pid[y],
                "status": status,
                "created_on": _day(rng, 730),
                "note": None,
                "outcome": rng.randint(1, 5) if status == "met" else None,
            }


def generate_sections(people: int, *, seed: int = 0) -> Iterator[tuple[str, Iterator[dict]]]:
    """The sections of :func:`generate_dataset`'s document in order, each as its records one at a time.

    Read each section's records before asking for the next section: what a
    reader leaves unread is drawn (and dropped) then, so every later section
    is the same whatever the reader skipped.
    """
    if people < 1:
        raise ValueError("people must be at least 1")
    b = _Builder(people, seed)
    makers: dict[str, Callable[[], Iterator[dict]]] = {
        "org_units": b.org_units,
        "people": b.people,
        "positions": b.positions,
        "knows": b.knows,
        "mentorships": b.mentorships,
        "successors": b.successors,
        "introductions": b.introductions,
    }
    for section in SECTIONS:
        records = makers[section]()
        yield section, records
        for _ in records:  # what the reader left unread
            pass


def generate_dataset(people: int, *, seed: int = 0) -> dict:
    """A normalized interchange document describing ``people`` persons (all of it in memory)."""
    return {section: list(records) for section, records in generate_sections(people, seed=seed)}


def relationships_of(section: str, record: dict) -> int:
    """How many relationships one record becomes in the graph database."""
    if section == "org_units":
        return int(bool(record.get("parent")))
    if section == "people":
        return bool(record.get("org_unit")) + len(record.get("skills") or {}) + len(record.get("wants_to_grow") or [])
    if section == "positions":
        return (
            bool(record.get("org_unit"))
            + bool(record.get("reports_to"))
            + len(record.get("requires") or [])
            + len(record.get("holders") or [])
        )
    return 3 if section == "introductions" else 1


def count_relationships(document: dict) -> int:
    """How many relationships the document becomes in the graph database."""
    return sum(relationships_of(section, r) for section in SECTIONS for r in document.get(section, []))


def write_generated_csv(people: int, folder: str | Path, *, seed: int = 0) -> int:
    """Write the organisation of ``generate_dataset(people, seed=seed)`` to a CSV folder as it is generated.

    The files are those ``export --format csv`` writes once the document has
    been imported into an empty store (every field, defaults filled), byte for
    byte, without the document or the store: memory stays that of the
    generator's compact state. Returns how many relationships it describes.
    """
    counted = 0

    def completed(section: str, records: Iterator[dict]) -> Iterator[dict]:
        nonlocal counted
        for record in records:
            counted += relationships_of(section, record)
            yield complete_record(section, record)

    write_csv_sections(
        ((section, completed(section, records)) for section, records in generate_sections(people, seed=seed)), folder
    )
    return counted
