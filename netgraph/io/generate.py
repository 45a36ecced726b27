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
from datetime import date

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
    """Holds the intermediate state; each method adds one section."""

    def __init__(self, people: int, seed: int):
        self.n = people
        self.rng = random.Random(seed)
        self.pid = [f"p{i:0{len(str(people))}d}" for i in range(1, people + 1)]

    def org_units(self) -> list[dict]:
        rng, count = self.rng, max(1, self.n // 15)
        width = len(str(count))
        self.parent, self.depth, frontier = [None], [0], [0]
        while len(self.parent) < count:
            unit = frontier.pop(0)
            for _ in range(rng.randint(3, 8)):
                if len(self.parent) == count:
                    break
                self.parent.append(unit)
                self.depth.append(self.depth[unit] + 1)
                frontier.append(len(self.parent) - 1)
        self.uid = [f"u-{i:0{width}d}" for i in range(count)]
        self.children = [[] for _ in range(count)]
        for unit, parent in enumerate(self.parent):
            if parent is not None:
                self.children[parent].append(unit)
        self.domain = [rng.sample(SKILLS, 16) for _ in range(count)]
        return [
            {
                "id": self.uid[u],
                "name": "Company" if u == 0 else f"{_DOMAINS[u % len(_DOMAINS)].title()} {u}",
                "parent": None if p is None else self.uid[p],
            }
            for u, p in enumerate(self.parent)
        ]

    def people(self) -> list[dict]:
        rng, units = self.rng, len(self.uid)
        sizes = [rng.lognormvariate(0, 0.6) for _ in range(units)]
        self.unit_of = [i if i < units else 0 for i in range(self.n)]
        rest = rng.choices(range(units), weights=sizes, k=max(0, self.n - units))
        self.unit_of[units:] = rest
        self.members = [[] for _ in range(units)]
        for person, unit in enumerate(self.unit_of):
            self.members[unit].append(person)
        self.level = rng.choices(range(1, 9), weights=_LEVEL_WEIGHTS, k=self.n)
        for unit in range(units):  # the first member heads the unit
            if unit < self.n:
                self.level[unit] = max(4, 8 - self.depth[unit])
        self.sociability = [rng.paretovariate(1.6) for _ in range(self.n)]
        self.skills = []
        records = []
        for p in range(self.n):
            domain = self.domain[self.unit_of[p]]
            names = rng.sample(domain, rng.randint(2, 4)) + ([rng.choice(SKILLS)] if rng.random() < 0.3 else [])
            skills = {name: rng.randint(1, 5) for name in sorted(set(names))}
            self.skills.append(skills)
            goals = (
                sorted(
                    {rng.choice(domain if rng.random() < 0.6 else SKILLS) for _ in range(rng.randint(1, 2))}
                    - set(skills)
                )
                if rng.random() < 0.7
                else []
            )
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            risk = rng.choices(["low", "medium", "high", None], weights=[55, 25, 8, 12])[0]
            records.append(
                {
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
            )
        return records

    def positions(self) -> list[dict]:
        rng, units = self.rng, len(self.uid)
        total = max(1, self.n // 10)
        width = len(str(total))
        head_pos = {}
        plan = [("head", u) for u in range(min(units, total))]
        plan += [("specialist", rng.randrange(units)) for _ in range(total - len(plan))]
        records = []
        for index, (kind, unit) in enumerate(plan):
            pid = f"pos-{index + 1:0{width}d}"
            members = self.members[unit]
            if kind == "head":
                head_pos[unit] = pid
                holders = [unit] if unit < self.n else []
                level = self.level[unit] if holders else 4
                critical = self.depth[unit] <= 1 or rng.random() < 0.15
                title = "Head of " + ("Company" if unit == 0 else f"{_DOMAINS[unit % len(_DOMAINS)].title()} {unit}")
            else:
                holders = [rng.choice(members)] if members and rng.random() > 0.05 else []
                if holders and rng.random() < 0.02 and len(members) > 1:
                    holders.append(rng.choice([m for m in members if m != holders[0]]))
                level = self.level[holders[0]] if holders else rng.randint(3, 6)
                critical = rng.random() < 0.15
                title = f"{_TITLES[level]} {rng.choice(self.domain[unit]).title()}"
            if kind == "head" and rng.random() < 0.04:
                holders = []  # a vacant head seat
            records.append(
                {
                    "id": pid,
                    "title": title,
                    "level": level,
                    "critical": critical,
                    "org_unit": self.uid[unit],
                    "reports_to": None,
                    "requires": sorted(rng.sample(self.domain[unit], rng.randint(2, 4))),
                    "holders": sorted(
                        ({"person": self.pid[h], "since": _day(rng, 365 * 6, 10)} for h in set(holders)),
                        key=lambda h: h["person"],
                    ),
                    "_unit": unit,
                    "_kind": kind,
                }
            )
        for record in records:
            unit = record["_unit"]
            if record["_kind"] == "head":
                parent = self.parent[unit]
                record["reports_to"] = head_pos.get(parent) if parent is not None else None
            else:
                record["reports_to"] = head_pos.get(unit)
        self.position_plan = records
        return [{k: v for k, v in r.items() if not k.startswith("_")} for r in records]

    def _picker(self, people: list[int]):
        """Draw from ``people`` weighted by sociability (cumulative weights + bisect)."""
        cumulative = list(itertools.accumulate(self.sociability[p] for p in people))
        total, rng = cumulative[-1], self.rng
        return lambda: people[min(bisect.bisect(cumulative, rng.random() * total), len(people) - 1)]

    def knows(self) -> list[dict]:
        rng, target = self.rng, int(self.n * 4.5)
        anyone = self._picker(list(range(self.n)))
        in_unit = [self._picker(m) if len(m) > 1 else None for m in self.members]
        pairs: set[tuple[int, int]] = set()
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
                pairs.add((a, b) if a < b else (b, a))
        self.contacts = [[] for _ in range(self.n)]
        for a, b in sorted(pairs):
            self.contacts[a].append(b)
            self.contacts[b].append(a)
        self.pairs = pairs
        links = [
            {
                "a": self.pid[a],
                "b": self.pid[b],
                "since": _day(rng, 365 * 8, 5),
                "strength": round(min(1.0, max(0.05, rng.betavariate(2, 2))), 2),
                "context": rng.choice(_CONTEXTS),
            }
            for a, b in sorted(pairs)
        ]
        for link in links:  # normalized: the strength typed in is the declared one (netgraph/model/ties.py)
            link["declared_strength"] = link["strength"]
        return links

    def mentorships(self, people: list[dict]) -> list[dict]:
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
            goals = people[mentee]["wants_to_grow"]
            records.append(
                {
                    "mentor": self.pid[mentor],
                    "mentee": self.pid[mentee],
                    "since": since,
                    "until": until,
                    "status": "ended" if ended else "active",
                    "kind": "reverse" if reverse else "standard",
                    "focus": goals[:1] if goals else [],
                }
            )
        return sorted(records, key=lambda r: (r["mentor"], r["mentee"]))

    def successors(self) -> list[dict]:
        rng, records = self.rng, []
        for position in self.position_plan:
            if rng.random() > 0.7:
                continue
            unit, holders = position["_unit"], {h["person"] for h in position["holders"]}
            pool = list(self.members[unit])
            for child in self.children[unit][:4]:
                pool.extend(self.members[child][:30])
            fit = [
                p
                for p in pool
                if position["level"] - 2 <= self.level[p] <= position["level"] and self.pid[p] not in holders
            ]
            if not fit:
                continue
            for nominee in sorted(set(rng.sample(fit, min(len(fit), rng.randint(1, 3))))):
                records.append(
                    {
                        "person": self.pid[nominee],
                        "position": position["id"],
                        "readiness": rng.choices(*_READINESS)[0],
                        "nominated_on": _day(rng, 700, 5),
                    }
                )
        return sorted(records, key=lambda r: (r["person"], r["position"]))

    def introductions(self) -> list[dict]:
        rng, records = self.rng, []
        count = int(self.n * 0.2)
        width = len(str(max(1, count)))
        tries = 0
        while len(records) < count and tries < count * 10:
            tries += 1
            by = rng.randrange(self.n)
            if len(self.contacts[by]) < 2:
                continue
            x, y = rng.sample(self.contacts[by], 2)
            if (min(x, y), max(x, y)) in self.pairs:
                continue
            status = rng.choices(*_INTRO_STATUS)[0]
            records.append(
                {
                    "id": f"i{len(records) + 1:0{width}d}",
                    "by": self.pid[by],
                    "introduce": self.pid[x],
                    "to": self.pid[y],
                    "status": status,
                    "created_on": _day(rng, 730),
                    "note": None,
                    "outcome": rng.randint(1, 5) if status == "met" else None,
                }
            )
        return records


def generate_dataset(people: int, *, seed: int = 0) -> dict:
    """A normalized interchange document describing ``people`` persons."""
    if people < 1:
        raise ValueError("people must be at least 1")
    b = _Builder(people, seed)
    org_units = b.org_units()
    persons = b.people()
    positions = b.positions()
    knows = b.knows()
    return {
        "org_units": org_units,
        "people": persons,
        "positions": positions,
        "knows": knows,
        "mentorships": b.mentorships(persons),
        "successors": b.successors(),
        "introductions": b.introductions(),
    }


def count_relationships(document: dict) -> int:
    """How many relationships the document becomes in the graph database."""
    people, positions = document.get("people", []), document.get("positions", [])
    return (
        sum(1 for u in document.get("org_units", []) if u.get("parent"))
        + sum(bool(p.get("org_unit")) + len(p.get("skills") or {}) + len(p.get("wants_to_grow") or []) for p in people)
        + sum(
            bool(p.get("org_unit"))
            + bool(p.get("reports_to"))
            + len(p.get("requires") or [])
            + len(p.get("holders") or [])
            for p in positions
        )
        + len(document.get("knows", []))
        + len(document.get("mentorships", []))
        + len(document.get("successors", []))
        + 3 * len(document.get("introductions", []))
    )
