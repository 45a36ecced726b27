"""``netgraph match``: a mentoring programme's round, opened, matched, adjusted by HR and closed."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from netgraph.analysis.matching import learn, rounds, workflow
from netgraph.cli.output import iso_date, print_json
from netgraph.errors import InvalidInput, NotFound, Problem
from netgraph.io.round_file import read_round_file


def level_range(text: str) -> tuple[int, int]:
    """``A-B`` (or one level ``A``) as (A, B), levels 1-8.

    >>> level_range("1-3"), level_range("4")
    ((1, 3), (4, 4))
    """
    low, _, high = text.partition("-")
    try:
        found = (int(low), int(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"levels must be A-B (whole numbers), not {text!r}") from None
    if not 1 <= found[0] <= found[1] <= 8:
        raise argparse.ArgumentTypeError(f"levels must be A-B with 1 <= A <= B <= 8, not {text!r}")
    return found


def positive(text: str) -> int:
    """A whole number of at least 1 (a mentor's places)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def register(commands) -> None:
    match = commands.add_parser("match", help="mentor matching for a programme round (optimal, explained)")
    sub = match.add_subparsers(dest="match_command", metavar="WHAT", required=True)

    p = sub.add_parser("open", help="open a round from a CSV pool or an org unit (nothing is matched yet)")
    p.add_argument("name", metavar="NAME", help="the round's name, which is its id (letters, digits, . _ -)")
    p.add_argument("--deadline", type=iso_date, metavar="DATE", required=True, help="when the round's pairs start")
    pool = p.add_mutually_exclusive_group(required=True)
    pool.add_argument("--csv", metavar="FILE", help="the pool: person, side, capacity, preferences")
    pool.add_argument("--unit", metavar="ID", help="the pool: people of this unit and the units under it")
    p.add_argument("--levels", type=level_range, default=(1, 3), metavar="A-B", help="--unit: mentee levels (1-3)")
    p.add_argument("--wants", metavar="SKILL", help="--unit: only mentees who want to grow this skill")
    p.add_argument("--capacity", type=positive, default=1, metavar="N", help="--unit: each mentor's places (1)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_open)

    p = sub.add_parser("run", help="propose the round's matching and store it (again after locks or forbids)")
    p.add_argument("round", metavar="ROUND")
    p.add_argument("--stable", action="store_true", help="stable matching (deferred acceptance) on the rankings")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the random baseline (0)")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="count recent mentorships up to this date (today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_run)

    p = sub.add_parser("show", help="the round: proposals with their reasons, figures beside the baselines")
    p.add_argument("round", metavar="ROUND")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_show)

    for name, what in (("lock", "lock a pair in (placed first)"), ("forbid", "forbid a pair (never proposed)")):
        p = sub.add_parser(name, help=what)
        p.add_argument("round", metavar="ROUND")
        p.add_argument("mentor", metavar="MENTOR")
        p.add_argument("mentee", metavar="MENTEE")
        p.add_argument("--json", action="store_true", help="print JSON")
        p.set_defaults(run=run_lock if name == "lock" else run_forbid)

    p = sub.add_parser("send", help="send the proposals: each side may then accept or decline")
    p.add_argument("round", metavar="ROUND")
    p.add_argument("--answer-by", metavar="DATE", help="the last day to answer (the round's deadline)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_send)

    p = sub.add_parser("answer", help="record a side's answer to a sent proposal (given by other means)")
    p.add_argument("round", metavar="ROUND")
    p.add_argument("mentor", metavar="MENTOR")
    p.add_argument("mentee", metavar="MENTEE")
    p.add_argument("--side", choices=("mentor", "mentee"), required=True, help="whose answer it is")
    # checked by the workflow, so a wrong word is one located line like every other refusal
    p.add_argument("choice", metavar="accept|decline")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_answer)

    p = sub.add_parser("feedback", help="record a side's rating (1-5) of its mentorship from the round, once ended")
    p.add_argument("round", metavar="ROUND")
    p.add_argument("mentor", metavar="MENTOR")
    p.add_argument("mentee", metavar="MENTEE")
    p.add_argument("--side", choices=("mentor", "mentee"), required=True, help="whose feedback it is")
    # checked by the workflow (1-5), so 0, 6 or 'x' is one located line like every other refusal
    p.add_argument("rating", type=_whole_or_text, metavar="RATING", help="1 (poor) to 5 (excellent)")
    p.add_argument("--again", choices=("yes", "no"), required=True, help="would they do it again?")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_feedback)

    p = sub.add_parser("fit", help="fit the fit's weights to the stored rounds' ratings, judged round by round")
    p.add_argument("--out", metavar="FILE.toml", help="write the fitted weights as a [match.weights] table")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_fit)

    p = sub.add_parser("close", help="close the round: its pairs and figures stay, nothing changes after")
    p.add_argument("round", metavar="ROUND")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_close)


def _whole_or_text(text: str) -> int | str:
    """A whole number as typed, else the text itself (for the check that refuses it with its reason).

    >>> _whole_or_text("4"), _whole_or_text("x")
    (4, 'x')
    """
    try:
        return int(text)
    except ValueError:
        return text


def _print_summary(found: dict) -> None:
    s = rounds.summary(found)
    print(
        f"round {s['id']} ({s['status']}, deadline {s['deadline']}): {s['mentees']} mentees, "
        f"{s['mentors']} mentors with {s['places']} places; {len(s['locks'])} locked, {len(s['forbids'])} forbidden"
        + ("" if s["matched"] is None else f"; {s['matched']} matched")
    )


def _answer(found: dict, *, as_json: bool) -> None:
    if as_json:
        print_json(rounds.summary(found))
    else:
        _print_summary(found)


def run_open(context) -> None:
    a = context.args
    settings = context.settings.match
    if a.csv:
        rows, source = read_round_file(a.csv), {"csv": a.csv}
    else:
        rows = rounds.pool_of_unit(
            context.store, a.unit, levels=a.levels, wants=a.wants, capacity=a.capacity, settings=settings
        )
        source = {"unit": a.unit, "levels": list(a.levels), "wants": a.wants, "capacity": a.capacity}
    found = rounds.open_round(
        context.store, a.name, deadline=a.deadline, today=date.today(), rows=rows, source=source, settings=settings
    )
    _answer(found, as_json=a.json)


def run_run(context) -> None:
    a = context.args
    found = rounds.run(
        context.store, a.round, context.settings.match, today=a.as_of or date.today(), stable=a.stable, seed=a.seed
    )
    if a.json:
        print_json(found)
        return
    _print_report(found)


def _figures_line(name: str, f: dict) -> str:
    load = f["mentor_load"]
    return (
        f"{name:<8} {f['matched']:>6} of {f['mentees']:<6} {f['total_fit']:>9.2f} {f['mean_fit']:>6.3f} "
        f"{f['cross_unit_share']:>6.0%}   {load['min']}-{load['max']} ({load['idle_mentors']} idle)  "
        f"{f['blocking_pairs']:>5}"
    )


def _print_report(found: dict) -> None:
    _print_summary(found)
    if found["figures"] is None:
        print("not run yet: netgraph match run " + found["id"])
        return
    print(f"{found['mode']} matching of {found['ran_on']}:")
    print(f"{'':<8} {'matched':>16} {'total fit':>9} {'mean':>6} {'cross':>6}   load (idle)  blocking")
    for name, figures in found["figures"].items():
        print(_figures_line("chosen" if name == "chosen" else name, figures))
    for p in found["proposals"]:
        lock_mark = " [locked]" if p["locked"] else ""
        print(f"  {p['mentor']} -> {p['mentee']}  fit {p['fit']:.3f}{lock_mark}: " + "; ".join(p["why"]))
    for u in found["unmatched"]:
        refused = ", ".join(f"{name} {n}" for name, n in sorted(u["constraints"].items()))
        freeing = ", ".join(f"{name} {n}" for name, n in sorted(u.get("would_free", {}).items()))
        print(
            f"  unmatched {u['mentee']}: {u['reason']}"
            + (f" (refused by {refused})" if refused else "")
            + (f"; relaxing would free: {freeing}" if freeing else "")
        )
    for item in found["left_out"]:
        print(f"  left out {item['person']}: {item['reason']}")


def run_show(context) -> None:
    a = context.args
    found = rounds.stored_round(context.store, a.round)
    if a.json:
        print_json(found)
        return
    _print_report(found)
    for p in workflow.round_proposals(context.store, a.round, date.today()):
        if p["status"] != "proposed":
            print(
                f"  {p['mentor']} -> {p['mentee']}: {p['status']} (mentor {p['mentor_state']}, "
                f"mentee {p['mentee_state']}; answer by {p['answer_by']})"
            )
    feedback = workflow.round_feedback(context.store, a.round)
    if feedback["ratings"]:
        print(
            f"feedback: {feedback['ratings']} rating(s), mean {feedback['mean_rating']:.1f}, "
            f"{feedback['again_share']:.0%} would do it again"
        )


def run_feedback(context) -> None:
    a = context.args
    seen = workflow.rate(
        context.store,
        a.round,
        a.mentor,
        a.mentee,
        person=a.mentor if a.side == "mentor" else a.mentee,
        rating=a.rating,
        again=a.again == "yes",
        today=date.today(),
    )
    if a.json:
        print_json(seen)
        return
    print(f"{a.mentor} -> {a.mentee}: the {a.side} rated it {a.rating}, again: {a.again}")


def run_send(context) -> None:
    a = context.args
    answer_by = _answer_by(a.round, a.answer_by)
    sent = workflow.send(context.store, a.round, today=date.today(), answer_by=answer_by, mail=context.settings.mail)
    if a.json:
        print_json(sent)
        return
    print(f"round {a.round}: {len(sent['sent'])} proposal(s) sent, to answer by {sent['answer_by']}")
    for p in sent["waiting"]:
        print(f"  waiting for a free place: {p['mentor']} -> {p['mentee']}")


def _answer_by(round_id: str, text: str | None) -> date | None:
    """``--answer-by`` as a day, or one line located at the round's field (not argparse's usage block).

    >>> _answer_by("spring", "2027-03-15")
    datetime.date(2027, 3, 15)
    """
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            [Problem(f"round {round_id}", "answer_by", f"{text!r} is not a day: give one as YYYY-MM-DD")]
        ) from None


def run_answer(context) -> None:
    a = context.args
    person = a.mentor if a.side == "mentor" else a.mentee
    seen = workflow.answer(
        context.store,
        a.round,
        a.mentor,
        a.mentee,
        person=person,
        choice={"accept": "accepted", "decline": "declined"}.get(a.choice, a.choice),
        today=date.today(),
        mail=context.settings.mail,
    )
    if a.json:
        print_json(seen)
        return
    print(f"{a.mentor} -> {a.mentee}: {seen['status']} (mentor {seen['mentor_state']}, mentee {seen['mentee_state']})")


def run_lock(context) -> None:
    a = context.args
    found = rounds.lock(context.store, a.round, a.mentor, a.mentee)
    _answer(found, as_json=a.json)


def run_forbid(context) -> None:
    a = context.args
    found = rounds.forbid(context.store, a.round, a.mentor, a.mentee)
    _answer(found, as_json=a.json)


def run_close(context) -> None:
    a = context.args
    found = rounds.close(context.store, a.round, today=date.today())
    _answer(found, as_json=a.json)


def run_fit(context) -> None:
    """Fit the weights to the stored ratings; below the setting's count of rated pairs, keep them."""
    a = context.args
    if not context.store.match_rounds():
        raise NotFound("match fit: no stored round (open and run one with `netgraph match open` and `match run`)")
    rows = workflow.rated_pairs(context.store)
    current = context.settings.match.normalized_weights()
    found = learn.fit_report(rows, current, context.settings.match_fit_min_pairs)
    if found["weights"] is not None and a.out:
        _write_weights(Path(a.out), found["weights"])
    if a.json:
        print_json({**found, "written": a.out if found["weights"] is not None and a.out else None})
        return
    if found["weights"] is None:
        print(
            f"match fit: {found['pairs']} rated pair(s) in {found['rounds']} round(s), "
            f"{found['min_pairs']} needed (NETGRAPH_MATCH_FIT_MIN_PAIRS): weights kept, nothing written"
        )
        return
    score = found["held_out_spearman"]
    print(f"match fit: {found['pairs']} rated pair(s) in {found['rounds']} round(s)")
    print(f"  {'part':<11}{'current':>9}{'fitted':>9}")
    for part, weight in found["weights"].items():
        print(f"  {part:<11}{found['current'][part]:>9.3f}{weight:>9.3f}")
    print(
        f"held-out rank correlation with the ratings: fitted {_rho(score['fitted'])}, current {_rho(score['current'])}"
    )
    if a.out:
        print(f"weights written to {a.out} (a [match.weights] table for NETGRAPH_MATCH_FILE)")


def _rho(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _write_weights(path: Path, weights: dict) -> None:
    try:
        path.write_text(learn.weights_toml(weights), "utf-8")
    except OSError as exc:
        raise InvalidInput([Problem("--out", str(path), f"cannot be written: {exc.strerror or exc}")]) from None
