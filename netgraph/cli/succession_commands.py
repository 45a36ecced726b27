"""``netgraph succession`` and ``netgraph what-if``: coverage, pipeline, and the effect of leavers."""

from __future__ import annotations

import csv

from netgraph.analysis.succession import coverage, csv_rows, pipeline, position_report
from netgraph.analysis.what_if import what_if
from netgraph.cli import lifecycle_commands
from netgraph.cli.output import print_json
from netgraph.collector import cycle_collector_paused
from netgraph.model.csv_cells import escape_row


def register(commands) -> None:
    p = commands.add_parser("succession", help="succession coverage: gaps, thin benches, rollups, pipeline")
    p.add_argument("--org-unit", metavar="ID", help="only this unit and the units below it")
    p.add_argument("--critical-only", action="store_true", help="list only critical positions")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", metavar="FILE", help="write the position list as CSV")
    p.set_defaults(run=run_coverage)
    sub = p.add_subparsers(dest="succession_command", metavar="VIEW")
    q = sub.add_parser("position", help="one position: successors by readiness and its pipeline")
    q.add_argument("position_id", metavar="ID")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.set_defaults(run=run_position)
    q = sub.add_parser("pipeline", help="mentees who could grow into gaps and developing positions")
    q.add_argument("--position", metavar="ID", help="only this position")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.set_defaults(run=run_pipeline)
    lifecycle_commands.register_succession(sub)

    p = commands.add_parser("what-if", help="what changes if these people leave")
    p.add_argument("--leave", action="append", required=True, metavar="ID", help="a leaver (repeat for several)")
    p.add_argument("--promote", action="store_true", help="also fill vacancies with ready successors, in a chain")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_what_if)


def _pct(value) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def run_coverage(context) -> None:
    a = context.args
    with cycle_collector_paused():  # a large report of acyclic dicts
        report = coverage(context.store, org_unit=a.org_unit, critical_only=a.critical_only)
    if a.json:
        print_json(report)
        return
    if a.csv:
        with open(a.csv, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(escape_row(row) for row in csv_rows(report))
        print(f"wrote {len(report['positions'])} positions to {a.csv}")
        return
    print(f"{'position':<28} {'crit':<4} {'status':<10} {'now':>3} {'1-2y':>4} {'3+y':>3}  flags")
    for r in report["positions"]:
        s = r["successors"]
        print(
            f"{r['id']:<28} {'yes' if r['critical'] else '':<4} {r['status']:<10} {len(s['ready_now']):>3} "
            f"{len(s['ready_1_2_years']):>4} {len(s['ready_3_plus_years']):>3}  {', '.join(r['flags'])}"
        )
    print()
    print(
        f"{'org unit':<16} {'positions':>9} {'critical':>8} {'covered':>7} {'dev.':>5} {'gap':>4} {'bench':>6} "
        f"{'at once':>7}  losing out at once"
    )
    for u in report["org_units"]:
        row = (
            f"{u['id']:<16} {u['positions']:>9} {u['critical']:>8} {u['covered']:>7} {u['developing']:>5} "
            f"{u['gap']:>4} {_pct(u['bench_strength']):>6} {_pct(u['simultaneous_strength']):>7}  "
            + ", ".join(u["lose_out"])
        )
        print(row.rstrip())
    t = report["totals"]
    print()
    print(
        f"organisation: {t['positions']} positions, {t['critical']} critical; {t['critical_covered']} critical "
        f"covered, {t['critical_gaps']} critical gaps; bench strength {_pct(t['bench_strength'])}"
    )
    if t["critical"]:
        print(
            f"filled at once if every critical incumbent left: {t['simultaneous_cover']} of {t['critical']} "
            f"({_pct(t['simultaneous_strength'])}); covered today but not at once: {', '.join(t['lose_out']) or 'none'}"
        )
    for many in report["nominated_for_many"]:
        listed = ", ".join(f"{x['position']} ({x['readiness']})" for x in many["positions"])
        print(f"nominated {len(many['positions'])} times: {many['person']}: {listed}")


def run_position(context) -> None:
    a = context.args
    r = position_report(context.store, a.position_id)
    if a.json:
        print_json(r)
        return
    holders = ", ".join(f"{h['name']} ({h['person']})" for h in r["incumbent_details"]) or "vacant"
    print(
        f"{r['title']} ({r['id']}), {'critical, ' if r['critical'] else ''}{r['status']}"
        + (f" [{', '.join(r['flags'])}]" if r["flags"] else "")
    )
    print(f"held by: {holders}")
    for s in r["successor_details"]:
        holds = ", ".join(s["holds"]) or "no position"
        print(f"  {s['readiness']:<19} {s['name']} ({s['person']}), level {s['level']}, holds {holds}")
    if not r["successor_details"]:
        print("  no successors nominated")
    if r["pipeline"]:
        print("pipeline:")
    for s in r["pipeline"]:
        print(f"  {s['name']} ({s['candidate']})  {s['score']:.2f}: " + "; ".join(s["reasons"]))


def run_pipeline(context) -> None:
    a = context.args
    found = pipeline(context.store, position=a.position)
    if a.json:
        print_json({"positions": found})
        return
    for p in found:
        if not p["suggestions"] and a.position is None:
            continue
        print(f"{p['position']} ({p['status']}{', critical' if p['critical'] else ''})")
        for s in p["suggestions"] or []:
            print(f"  {s['name']} ({s['candidate']})  {s['score']:.2f}: " + "; ".join(s["reasons"]))
        if not p["suggestions"]:
            print("  no one in the mentoring pipeline fits yet")


def run_what_if(context) -> None:
    a = context.args
    r = what_if(context.store, a.leave, promote=a.promote)
    if a.json:
        print_json(r)
        return
    print(f"if {', '.join(r['leavers'])} leave:")
    print(f"  newly vacant: {', '.join(r['newly_vacant']) or 'none'}")
    for w in r["worsened"]:
        print(f"  worse: {w['position']}: {w['before']} -> {w['after']}")
    for b in r["bench_strength"]:
        print(f"  bench strength {b['org_unit']}: {_pct(b['before'])} -> {_pct(b['after'])}")
    print(f"  mentees losing their last mentor: {', '.join(r['mentees_without_mentor']) or 'none'}")
    c = r["components"]
    print(f"  network around them: {c['before']} connected piece(s) before, {c['after']} after")
    if r["cut_off"]:
        print(
            f"  cut off from the rest: {', '.join(r['cut_off'])}"
            + (f" (whole units: {', '.join(r['org_units_cut_off'])})" if r["org_units_cut_off"] else "")
        )
    if r["lost_only_link_to_another_unit"]:
        print(f"  lose their only contact in another unit: {', '.join(r['lost_only_link_to_another_unit'])}")
    print(f"  introductions in flight: {', '.join(r['introductions_in_flight']) or 'none'}")
    for step in r["chain"]:
        print(
            f"  promote {step['filled_by']} into {step['position']}"
            + (f", vacating {step['vacates']}" if step["vacates"] else "")
        )
    if a.promote:
        print(f"  left vacant: {', '.join(r['final_gaps']) or 'none'}")
