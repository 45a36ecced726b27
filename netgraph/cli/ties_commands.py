"""``netgraph ties``: build the KNOWS network from collaboration metadata, age it, and respect opt-outs.

``ties ingest`` reads interaction events (CSV or Parquet; never their
content), ``ties refresh`` re-ages the ties to a day, ``ties from-org-chart``
derives manager and team ties, ``ties opt-out`` records a person's choice.
See netgraph.analysis.ties for what each writes.
"""

from __future__ import annotations

from netgraph.analysis.ties import figures, from_org_chart, ingest, refresh, set_opt_out
from netgraph.cli.output import iso_date, print_json
from netgraph.io.interactions import DEFAULT_MAPPING, FORMATS, read_mapping
from netgraph.model.text import shown


def register(commands) -> None:
    ties = commands.add_parser("ties", help="ties from evidence: ingest interaction events, age ties, org chart ties")
    sub = ties.add_subparsers(dest="ties_command", metavar="WHAT", required=True)

    p = sub.add_parser("ingest", help="count interaction events (files or Parquet folders) into ties")
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")
    p.add_argument("--mapping", metavar="mapping.toml", help="the export's column and channel names")
    p.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="age strengths to this day (default: the latest day of evidence, at most today)",
    )
    p.add_argument("--dry-run", action="store_true", help="read, check and count; write nothing")
    p.add_argument("--memory-limit", default="2GB", metavar="SIZE", help="DuckDB's memory cap (default 2GB)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_ingest)

    p = sub.add_parser("refresh", help="re-age every derived tie to a day; faded ties retire")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_refresh)

    p = sub.add_parser("from-org-chart", help="derive manager-report and same-team ties (source org_chart)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_org_chart)

    p = sub.add_parser("figures", help="ties from interactions within and between units (small groups withheld)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_figures)

    p = sub.add_parser("opt-out", help="a person opts out of signal collection (--undo: opts back in)")
    p.add_argument("person", metavar="PERSON_ID")
    p.add_argument("--undo", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_opt_out)


def run_ingest(context) -> None:
    a = context.args
    mapping = read_mapping(a.mapping) if a.mapping else DEFAULT_MAPPING
    done = ingest(
        context.store,
        a.inputs,
        fmt=a.fmt,
        mapping=mapping,
        settings=context.settings.ties,
        as_of=a.as_of,
        dry_run=a.dry_run,
        memory_limit=a.memory_limit,
    )
    if a.json:
        print_json(done)
        return
    print("\n".join(ingest_lines(done)))


def printable_name(name: str) -> str:
    r"""A name from an events file as a terminal may show it: as written if plain, else quoted with escapes.

    The names nobody knows come straight from the file: a NUL, an escape
    sequence (which can rewrite the terminal's screen or title) or a bidi
    control is shown escaped, as ``sync people`` shows values (``repr``, cut
    short), never sent to the terminal.

    >>> printable_name("guest@partner.example"), printable_name("evil\x1b]0;owned\x07")
    ('guest@partner.example', "'evil\\x1b]0;owned\\x07'")
    """
    return name if name.isprintable() and len(name) <= 60 else shown(name)


def ingest_lines(done: dict) -> list[str]:
    """The ingest report as a person reads it."""
    lines = [f"{done['files']} file(s): {done['new_files']} new, {done['already_ingested']} already ingested"]
    events = done.get("events")
    if events:
        lines.append(
            f"events: {events['events_read']:,} read, {events['events_counted']:,} counted, "
            f"{events['skipped_too_large']:,} too large to count, {events['skipped_alone']:,} with one "
            f"person, {events['skipped_unknown_people']:,} with unknown people only, "
            f"{events['skipped_duplicate']:,} duplicates (already counted)"
        )
        if events["skipped_future"]:
            lines.append(
                f"held back: {events['skipped_future']:,} events dated after {done['held_back_after']} "
                "(not evidence yet: a later ingest of the same file takes them)"
            )
        if events["skipped_taken"]:
            lines.append(f"already counted: {events['skipped_taken']:,} events an earlier ingest of the same file took")
        if events["unknown_people"]:
            first = ", ".join(printable_name(name) for name in events["unknown_first"])
            lines.append(f"unknown people: {events['unknown_people']:,} (first: {first})")
        lines.append(
            f"pairs: {events['pairs']:,} over {events['days']:,} days ({events['first_day']} to "
            f"{events['last_day']}); {done['opted_out_pairs']:,} pairs dropped (opted out)"
        )
    if done.get("ties"):
        t = done["ties"]
        lines.append(
            f"ties as of {done['as_of']}: {t['ties']:,} qualify ({t['active']:,} active, {t['retired']:,} "
            f"retired); {t['created']:,} created, {t['changed']:,} changed"
        )
    if done["dry_run"]:
        lines.append("dry run: nothing written")
    elif not done["new_files"]:
        lines.append("nothing to do: every file was ingested before")
    return lines


def run_refresh(context) -> None:
    a = context.args
    done = refresh(context.store, as_of=a.as_of, settings=context.settings.ties)
    if a.json:
        print_json(done)
        return
    t = done["ties"]
    print(
        f"ties as of {done['as_of']}: {t['ties']:,} ({t['active']:,} active, {t['retired']:,} retired); "
        f"{t['changed']:,} changed"
    )


def run_org_chart(context) -> None:
    a = context.args
    done = from_org_chart(context.store, context.settings.ties)
    if a.json:
        print_json(done)
        return
    print(f"org chart ties: {done['ties']:,}; {done['written']:,} written, {done['removed']:,} removed")


def run_opt_out(context) -> None:
    a = context.args
    done = set_opt_out(context.store, a.person, opt_out=not a.undo)
    if a.json:
        print_json(done)
        return
    if done["signals_opt_out"]:
        print(
            f"{done['person']} opted out of signal collection: {done['counts_dropped']:,} counts dropped, "
            f"{done['ties_removed']:,} ties removed, {done['ties_kept_from_other_sources']:,} kept "
            f"(declared, org chart or introduction)"
        )
    else:
        print(f"{done['person']} opted back in: their future events count again")


def run_figures(context) -> None:
    a = context.args
    done = figures(context.store, context.settings.ties)
    if a.json:
        print_json(done)
        return
    enough = done["min_group_size"]
    print(f"ties from interactions, by unit (groups of fewer than {enough} people are not shown):")
    for u in done["units"]:
        if u["shown"]:
            mean = f", mean strength {u['mean_strength']:.2f}" if u["mean_strength"] is not None else ""
            print(f"  {u['unit']}: {u['people']} people, {u['ties']:,} ties within{mean}")
        else:
            print(f"  {u['unit']}: fewer than {enough} people, not shown")
    for p in done["unit_pairs"]:
        print(f"  {p['units'][0]} - {p['units'][1]}: {p['ties']:,} ties, mean strength {p['mean_strength']:.2f}")
    if done["unit_pairs_withheld"]:
        print(f"  ({done['unit_pairs_withheld']} pairs of units with a unit under {enough} people not shown)")
