"""``netgraph recommend`` and ``netgraph path``: introductions to suggest, and warm paths."""

from __future__ import annotations

from pathlib import Path

from netgraph.analysis.cohort import DEFAULT_MAX_EXPOSURE, DEFAULT_PER_PERSON, all_mentees, cohort, read_cohort_csv
from netgraph.analysis.paths import DEFAULT_MAX_HOPS, DEFAULT_SKILL_LIMIT, warm_path, warm_paths_to_skill
from netgraph.analysis.recommend import recommend
from netgraph.cli.output import iso_date, print_json
from netgraph.errors import InvalidInput, Problem

DEFAULT_LIMIT = 10


def register(commands) -> None:
    p = commands.add_parser(
        "recommend",
        help="whom to introduce a person (or a whole cohort) to, ranked and explained",
        description="One person: their ranked, explained suggestions. A cohort (--cohort FILE or --all-mentees): "
        "up to --per-person suggestions each, nobody suggested to more than --max-exposure people, "
        "chosen together to give the most total score.",
    )
    p.add_argument("person", metavar="PERSON_ID", nargs="?", help="the person (or give a cohort instead)")
    p.add_argument("--cohort", metavar="FILE", help="a CSV file with a 'person' column: recommend for all of them")
    p.add_argument("--all-mentees", action="store_true", help="recommend for everyone with an active mentor")
    p.add_argument(
        "--per-person",
        type=int,
        default=DEFAULT_PER_PERSON,
        metavar="K",
        help=f"cohort: suggestions per person (1-20, default {DEFAULT_PER_PERSON})",
    )
    p.add_argument(
        "--max-exposure",
        type=int,
        default=DEFAULT_MAX_EXPOSURE,
        metavar="N",
        help=f"cohort: most people one candidate is suggested to (default {DEFAULT_MAX_EXPOSURE})",
    )
    p.add_argument(
        "--via",
        default="mentors",
        metavar="mentors|all|ID",
        help="whose network to search: the person's active mentors (default), all their "
        "contacts, or one named contact (a cohort: mentors or all)",
    )
    p.add_argument("--limit", type=int, help=f"one person: how many results (1-100, default {DEFAULT_LIMIT})")
    p.add_argument("--skill", metavar="NAME", help="only people with this skill, scored on it")
    p.add_argument(
        "--as-of", type=iso_date, metavar="DATE", help="count recent introductions up to this date (default today)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_recommend, recommend_parser=p)

    p = commands.add_parser("path", help="the warmest chain of people to someone, or to a skill")
    p.add_argument("source", metavar="FROM_ID")
    p.add_argument("target", metavar="TO_ID", nargs="?")
    p.add_argument("--to-skill", metavar="NAME", help="the best few people with this skill instead of TO_ID")
    p.add_argument("--max-hops", type=int, default=DEFAULT_MAX_HOPS, help="longest chain (1-4, default 4)")
    p.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_SKILL_LIMIT,
        help=f"with --to-skill: how many people (default {DEFAULT_SKILL_LIMIT})",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_path, path_parser=p)


def run_recommend(context) -> None:
    a = context.args
    chosen = [
        name
        for name, given in (
            ("PERSON_ID", a.person is not None),
            ("--cohort", a.cohort is not None),
            ("--all-mentees", a.all_mentees),
        )
        if given
    ]
    if len(chosen) != 1:
        a.recommend_parser.error(
            "give one of PERSON_ID, --cohort FILE or --all-mentees"
            + (f", not {' and '.join(chosen)} together" if chosen else "")
        )
    if a.person is None:
        if a.limit is not None:
            a.recommend_parser.error("--limit is for one person; a cohort takes --per-person")
        run_cohort(context)
        return
    found = recommend(
        context.store,
        a.person,
        via=a.via,
        limit=DEFAULT_LIMIT if a.limit is None else a.limit,
        skill=a.skill,
        today=a.as_of,
        settings=context.settings.recommend,
    )
    if a.json:
        print_json(found)
        return
    if not found["results"]:
        print(f"no one to suggest for {a.person} via {a.via}")
    for rank, r in enumerate(found["results"], 1):
        print(
            f"{rank:>2}. {r['name']} ({r['candidate']})  score {r['score']:.2f}  "
            f"via {r['introducer_name']} ({r['introducer']})"
        )
        for reason in r["reasons"]:
            print(f"      - {reason}")


def read_cohort_file(path: str) -> list[str]:
    """The ids of a cohort CSV file, or an error naming the file."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as exc:
        raise InvalidInput([Problem(path, "", f"cannot read it: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError:
        raise InvalidInput([Problem(path, "", "is not UTF-8 text")]) from None
    return read_cohort_csv(text, where=path)


def run_cohort(context) -> None:
    a = context.args
    people = read_cohort_file(a.cohort) if a.cohort is not None else all_mentees(context.store)
    found = cohort(
        context.store,
        people,
        per_person=a.per_person,
        max_exposure=a.max_exposure,
        via=a.via,
        skill=a.skill,
        today=a.as_of,
        settings=context.settings.recommend,
    )
    if a.json:
        print_json(found)
        return
    for line in cohort_lines(found):
        print(line)


def _plural(n: int, word: str) -> str:
    """``n`` and the word, plural when ``n`` is not 1.

    >>> _plural(1, "person"), _plural(2, "person"), _plural(2, "suggestion")
    ('1 person', '2 people', '2 suggestions')
    """
    return f"{n:,} {word if n == 1 else 'people' if word == 'person' else word + 's'}"


def cohort_lines(r: dict) -> list[str]:
    """A cohort run as a person reads it: the summary, who got nothing and why, then each person's suggestions."""
    people, score, exposure = r["people"], r["score"], r["exposure"]
    lines = [
        f"{_plural(people['asked'], 'person')} asked, via {r['via']}: {_plural(len(r['rows']), 'suggestion')} "
        f"to {people['suggested']:,}, at most {r['per_person']} each, nobody suggested to more than "
        f"{_plural(r['max_exposure'], 'person')}",
        f"total score {score['assigned']:.2f} against {score['uncapped']:.2f} uncapped: the caps give up "
        f"{score['given_up']:.2f} ({score['given_up_share']:.1%}); a greedy pass would keep {score['greedy']:.2f}",
        f"exposure Gini {exposure['gini_uncapped']:.2f} uncapped -> {exposure['gini_assigned']:.2f} "
        f"(the most suggested person: to {exposure['most_uncapped']:,} -> {exposure['most_assigned']:,}; "
        f"{exposure['candidates']:,} candidates in all)",
    ]
    if people["short"]:
        lines.append(f"{_plural(people['short'], 'person')} got fewer suggestions than without the caps")
    if r["without"]:
        lines.append(f"no suggestion for {_plural(len(r['without']), 'person')}:")
        lines += [f"  {w['person']}" + (f" {w['name']}" if w["name"] else "") + f": {w['why']}" for w in r["without"]]
    person = None
    for row in r["rows"]:
        if row["person"] != person:
            person = row["person"]
            lines += ["", f"{row['person_name']} ({person})"]
        lines.append(
            f"  {row['name']} ({row['candidate']})  score {row['score']:.2f}  "
            f"via {row['introducer_name']} ({row['introducer']})  (their #{row['place']})"
        )
    return lines


def run_path(context) -> None:
    a = context.args
    if (a.target is None) == (a.to_skill is None):
        a.path_parser.error("give either TO_ID or --to-skill NAME")
    if a.to_skill is not None:
        found = warm_paths_to_skill(
            context.store, a.source, a.to_skill, max_hops=a.max_hops, limit=a.limit, settings=context.settings.recommend
        )
    else:
        found = warm_path(context.store, a.source, a.target, max_hops=a.max_hops, settings=context.settings.recommend)
    if a.json:
        print_json(found)
        return
    if not found["paths"]:
        goal = f"anyone with {a.to_skill}" if a.to_skill else a.target
        print(
            f"no warm path from {a.source} to {goal} within {a.max_hops} links (through people open to introductions)"
        )
    for path in found["paths"]:
        chain = " -> ".join(f"{name} ({pid})" for pid, name in zip(path["people"], path["names"], strict=True))
        print(f"{path['strength']:.2f}  {chain}")
