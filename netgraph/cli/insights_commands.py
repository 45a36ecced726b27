"""``netgraph insights``: compute and read network insights (brokers, silos, cut points, communities)."""

from __future__ import annotations

from netgraph.analysis.insights import exposure_report, growth_report, risk_grid, stored
from netgraph.cli.output import print_json
from netgraph.collector import cycle_collector_paused
from netgraph.workers import cpu_pool, workers_for


def register(commands) -> None:
    insights = commands.add_parser("insights", help="network insights: brokers, silos, cut points, communities")
    sub = insights.add_subparsers(dest="insights_command", metavar="WHAT", required=True)

    p = sub.add_parser("refresh", help="compute every insight and store it (pages and commands read it back)")
    p.add_argument("--exact", action="store_true", help="exact betweenness, however large the organisation")
    p.add_argument("--sample", type=int, metavar="N", help="betweenness from N sampled sources")
    p.add_argument("--seed", type=int, metavar="S", help="seed of the samples, permutations and communities")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_refresh)

    p = sub.add_parser("brokers", help="the people with the highest betweenness, labelled (names people)")
    p.add_argument("--unit", metavar="ID", help="only people of this unit and the units under it")
    p.add_argument("--limit", type=int, default=stored.DEFAULT_BROKERS, help="how many (default 25)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_brokers)

    p = sub.add_parser("silos", help="each unit's E-I index against chance; --level N: the unit x unit densities")
    p.add_argument("--unit", metavar="ID", help="only this unit and the units under it")
    p.add_argument("--level", type=int, metavar="N", help="the tie densities between the units at level N (1: top)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_silos)

    p = sub.add_parser("cut-points", help="people whose leaving would cut others off (names people)")
    p.add_argument("--unit", metavar="ID", help="only people of this unit and the units under it")
    p.add_argument("--limit", type=int, default=stored.DEFAULT_BROKERS, help="how many (default 25)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_cut_points)

    p = sub.add_parser("impact", help="impact of loss against flight risk: the grid and who comes first (names people)")
    p.add_argument("--unit", metavar="ID", help="only people of this unit and the units under it")
    p.add_argument("--limit", type=int, default=risk_grid.DEFAULT_LISTED, help="how many people listed (default 25)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_impact)

    p = sub.add_parser("exposure", help="who is exposed to departures: units, and the people exposed (names people)")
    p.add_argument("--unit", metavar="ID", help="only this unit and the units under it")
    p.add_argument("--limit", type=int, default=exposure_report.DEFAULT_LISTED, help="how many people (default 50)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_exposure)

    p = sub.add_parser("growth", help="does the programme grow the network: month by month, and mentees' reach")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_growth)

    p = sub.add_parser("communities", help="Leiden communities beside the units: NMI, spanning and split units")
    p.add_argument("--unit", metavar="ID", help="only communities and units touching this unit or those under it")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_communities)


def _provenance_line(found: dict) -> str:
    how = "exact" if found["mode"] == "exact" else f"sampled from {found['sources']:,} sources (seed {found['seed']})"
    return f"computed {found['computed_at']} ({how})" + ("; STALE: the network changed since" if found["stale"] else "")


def run_refresh(context) -> None:
    a = context.args
    # a row per person and the network's arrays: many objects, none in a cycle; the long C calls on every core
    with cycle_collector_paused(), cpu_pool(workers_for(stored.POOL_CALLS)) as pool:
        done = stored.refresh(
            context.store,
            context.settings.insights,
            context.settings.recommend,
            exact=True if a.exact else None,
            sample=a.sample,
            seed=a.seed,
            pool=pool,
        )
    if a.json:
        print_json({k: done[k] for k in (*stored.PROVENANCE, "people", "links")})
        return
    print(f"insights of {done['people']:,} people and {done['links']:,} links stored; {_provenance_line(done)}")


def _figure(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def run_brokers(context) -> None:
    a = context.args
    found = stored.brokers(context.store, unit=a.unit, limit=a.limit)
    if a.json:
        print_json(found)
        return
    print(_provenance_line(found))
    for rank, r in enumerate(found["people"], 1):
        labels = ", ".join(label.replace("_", " ") for label in r["labels"]) or "-"
        print(
            f"{rank:>3}. {r['name']} ({r['person']})  betweenness {_figure(r['betweenness'], 4)}  "
            f"constraint {_figure(r['constraint'])}  contacts {r['degree']}  [{labels}]"
            + ("  possibly overloaded" if r["overloaded"] else "")
        )


def run_silos(context) -> None:
    a = context.args
    if a.level is not None:
        found = stored.heat_map(context.store, level=a.level)
        if a.json:
            print_json(found)
            return
        print(_provenance_line(found))
        names = {u["unit"]: u["name"] or u["unit"] for u in found["units"]}
        for cell in sorted(found["cells"], key=lambda c: -(c["density"] or 0)):
            print(f"{names[cell['a']]} - {names[cell['b']]}: {cell['ties']} ties, density {_figure(cell['density'])}")
        return
    found = stored.silos(context.store, unit=a.unit)
    if a.json:
        print_json(found)
        return
    print(_provenance_line(found))
    for r in found["units"]:
        low, high = r["interval"]
        print(
            f"{r['name'] or r['unit']} ({r['unit']}): E-I {_figure(r['ei'], 2)} "
            f"(chance {_figure(r['expected_ei'], 2)}, interval {_figure(low, 2)} to {_figure(high, 2)}); "
            f"{r['internal']} inside, {r['external']} outside, {r['members']} people"
        )


def run_cut_points(context) -> None:
    a = context.args
    found = stored.cut_points(context.store, unit=a.unit, limit=a.limit)
    if a.json:
        print_json(found)
        return
    print(_provenance_line(found))
    names = found["names"]
    for r in found["people"]:
        parts = []
        if r["cut_off"]:
            listed = [
                ", ".join(names.get(p, p) for p in piece["people"]) if piece["people"] else f"{piece['size']} people"
                for piece in r["cuts_off"]
            ]
            parts.append(f"cuts off {r['cut_off']} ({'; '.join(listed)})")
        if r["sole_links"]:
            parts.append("only link between " + ", ".join(f"{a} and {b}" for a, b in r["sole_links"]))
        if r["bridges"]:
            parts.append("only path to " + ", ".join(names.get(p, p) for p in r["bridges"]))
        print(f"{r['name']} ({r['person']}): " + "; ".join(parts))


def run_communities(context) -> None:
    a = context.args
    if a.json:  # complete: every community and unit
        print_json(stored.communities(context.store, unit=a.unit))
        return
    shown = context.settings.web.insights_units_shown
    found = stored.communities(context.store, unit=a.unit, limit=shown)
    names = found["names"]
    print(_provenance_line(found))
    print(f"communities against units: NMI {found['nmi']:.2f} (1: the same partition, 0: unrelated)")
    for c in found["communities"]:
        named = " / ".join(names.get(u, u) for u in c["named_by"]) or "people without a unit"
        print(f"community {c['community'] + 1}: {c['size']} people, {c['spans']} units (mostly {named})")
    for u in found["units"]:
        if u["split"] > 1:
            print(
                f"{names.get(u['unit'], u['unit'])}: split across {u['split']} communities "
                f"(largest share {u['communities'][0][1]} of {u['members']})"
            )
    if found["left_out"] or found["units_left_out"]:
        print(
            f"the {len(found['communities'])} largest communities and the {len(found['units'])} units split across "
            f"the most shown; {found['left_out']} other communities and {found['units_left_out']} other units left "
            "out (every one: --json)"
        )


def run_impact(context) -> None:
    a = context.args
    found = risk_grid.impact(context.store, unit=a.unit, limit=a.limit)
    if a.json:
        print_json(found)
        return
    print(_provenance_line(found))
    print("impact \\ flight risk   low  medium  high  (not recorded)")
    for band in reversed(risk_grid.BANDS):
        cells = found["grid"][band]
        print(f"{band:<21} {cells['low']:>4} {cells['medium']:>7} {cells['high']:>5}  ({found['unrecorded'][band]})")
    print(f"high-risk incumbents of critical positions with no ready-now successor: {found['first_listed']}")
    for r in found["people"]:
        held = ", ".join(f"{h['position']} ({h['status']})" for h in r["critical_held"])
        parts = [f"holds {held}"] if held else []
        if r["sole_ready_now_for"]:
            parts.append("only ready-now cover for " + ", ".join(r["sole_ready_now_for"]))
        if r["cut_point"]:
            parts.append(f"cut point (cuts off {r['cut_off']}, sole link of {r['sole_links']} unit pairs)")
        if r["broker"]:
            parts.append(f"brokers {r['brokerage_pairs']} pairs")
        if r["active_mentees"]:
            parts.append(f"{r['active_mentees']} active mentees")
        mark = "! " if r["first_listed"] else "  "
        print(
            f"{mark}{r['name']} ({r['person']}): impact {r['band']} {r['score']} "
            f"(succession {r['succession']}, network {r['network']}), flight risk {r['flight_risk'] or 'not recorded'}"
            + (": " + "; ".join(parts) if parts else "")
        )


def run_exposure(context) -> None:
    a = context.args
    found = exposure_report.exposure(context.store, unit=a.unit, limit=a.limit)
    if a.json:
        print_json(found)
        return
    print(_provenance_line(found))
    print(
        f"exposed: one of their {found['exposure_ties']} strongest ties is with someone whose flight risk is high "
        f"or who left on or after {found['departed_since']}; {found['exposed']} people"
    )
    for u in found["units"]:
        print(f"{u['name'] or u['unit']} ({u['unit']}): {u['exposed']} of {u['members']} exposed")
    for r in found["people"]:
        via = ", ".join(
            f"{v['name'] or v['person']} ({'left ' + v['left_on'] if v['reason'] == 'left' else 'high flight risk'})"
            for v in r["via"]
        )
        print(f"{r['name']} ({r['person']}, {r['unit'] or 'no unit'}): {via}")


def run_growth(context) -> None:
    found = growth_report.growth(context.store)
    if context.args.json:
        print_json(found)
        return
    print(_provenance_line(found))
    print(f"ties made through the programme: within {found['window_days']} days of an introduction or mentorship")
    print("month    new ties  programme  crossing units  unit pairs connected")
    for m in found["months"]:
        share = "" if m["crossing_share"] is None else f" ({m['crossing_share']:.0%})"
        counts = f"{m['new_ties']:>8}  {m['programme_ties']:>9}  {m['crossing']:>8}{share:<6}"
        print(f"{m['month']}  {counts}  {m['unit_pairs']:>10}")
    mentees = found["mentees"]
    groups = ", ".join(f"{k}: {v}" for k, v in mentees["by_distance"].items())
    print(
        f"{mentees['mentees']} mentees, {mentees['pairs']} skills wanted; contacts to the nearest holder at level 3+:"
    )
    print(f"  {groups}")
