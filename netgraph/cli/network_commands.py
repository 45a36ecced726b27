"""``netgraph recommend`` and ``netgraph path``: introductions to suggest, and warm paths."""

from __future__ import annotations

from netgraph.analysis.paths import DEFAULT_MAX_HOPS, DEFAULT_SKILL_LIMIT, warm_path, warm_paths_to_skill
from netgraph.analysis.recommend import recommend
from netgraph.cli.output import iso_date, print_json


def register(commands) -> None:
    p = commands.add_parser("recommend", help="whom to introduce a person to, ranked and explained")
    p.add_argument("person", metavar="PERSON_ID")
    p.add_argument("--via", default="mentors", metavar="mentors|all|ID",
                   help="whose network to search: the person's active mentors (default), all their "
                        "contacts, or one named contact")
    p.add_argument("--limit", type=int, default=10, help="how many results (1-100, default 10)")
    p.add_argument("--skill", metavar="NAME", help="only people with this skill, scored on it")
    p.add_argument("--as-of", type=iso_date, metavar="DATE",
                   help="count recent introductions up to this date (default today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_recommend)

    p = commands.add_parser("path", help="the warmest chain of people to someone, or to a skill")
    p.add_argument("source", metavar="FROM_ID")
    p.add_argument("target", metavar="TO_ID", nargs="?")
    p.add_argument("--to-skill", metavar="NAME", help="the best few people with this skill instead of TO_ID")
    p.add_argument("--max-hops", type=int, default=DEFAULT_MAX_HOPS, help="longest chain (1-4, default 4)")
    p.add_argument("--limit", type=int, default=DEFAULT_SKILL_LIMIT,
                   help=f"with --to-skill: how many people (default {DEFAULT_SKILL_LIMIT})")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_path, path_parser=p)


def run_recommend(context) -> None:
    a = context.args
    found = recommend(context.store, a.person, via=a.via, limit=a.limit, skill=a.skill, today=a.as_of,
                      settings=context.settings.recommend)
    if a.json:
        print_json(found)
        return
    if not found["results"]:
        print(f"no one to suggest for {a.person} via {a.via}")
    for rank, r in enumerate(found["results"], 1):
        print(f"{rank:>2}. {r['name']} ({r['candidate']})  score {r['score']:.2f}  "
              f"via {r['introducer_name']} ({r['introducer']})")
        for reason in r["reasons"]:
            print(f"      - {reason}")


def run_path(context) -> None:
    a = context.args
    if (a.target is None) == (a.to_skill is None):
        a.path_parser.error("give either TO_ID or --to-skill NAME")
    if a.to_skill is not None:
        found = warm_paths_to_skill(context.store, a.source, a.to_skill, max_hops=a.max_hops, limit=a.limit,
                                    settings=context.settings.recommend)
    else:
        found = warm_path(context.store, a.source, a.target, max_hops=a.max_hops,
                          settings=context.settings.recommend)
    if a.json:
        print_json(found)
        return
    if not found["paths"]:
        goal = f"anyone with {a.to_skill}" if a.to_skill else a.target
        print(f"no warm path from {a.source} to {goal} within {a.max_hops} links "
              "(through people open to introductions)")
    for path in found["paths"]:
        chain = " -> ".join(f"{name} ({pid})" for pid, name in zip(path["people"], path["names"], strict=True))
        print(f"{path['strength']:.2f}  {chain}")
