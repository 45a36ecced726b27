// The succession page's first view of the org unit $unit and every unit below it (null: the whole organisation,
// positions in no unit too), for the organisation as it is, without building every position's row: the page
// draws a few dozen units and $limit positions of the 10,000 in a 100k organisation. One walk over the scope's
// positions, then, from the rows it keeps in memory:
//   units     every unit of the scope (id, name, parent): the page picks its units from the top down;
//   counts    per unit holding positions (null: in no unit), its own positions counted by status, critical,
//             critical covered, critical gaps, vacant and ready-now successors of critical positions
//             (netgraph/store/rollup.py adds each unit's to the units above it);
//   shown     the ids of the $limit most urgent positions listed (critical first, then by status in $status_order,
//             then id; only critical ones with $critical_only), and listed, how many are listed in all;
//   seats     every critical position of the scope with its ready-now successors and the critical positions each
//             holds: what simultaneous cover matches (netgraph/analysis/simultaneous_cover.py), with its title;
//   nominated the $limit people with at least $at_least counted nominations in the scope, most first, each with
//             those positions, and nominated_count, how many such people there are.
// A nomination counts when the nominee does not hold the position. The status and the vacant flag are rules of
// netgraph/model/rules.py, marked below (tests/unit/test_rule_twins.py); the shown positions' whole rows come
// from succession/positions read by id. found: false for an unknown $unit.
CALL () {
  MATCH (root:OrgUnit {id: $unit}) USING INDEX SEEK root:OrgUnit(id)
  MATCH (u:OrgUnit)-[:PART_OF*0..]->(root)
  RETURN u
  UNION
  UNWIND CASE WHEN $unit IS NULL THEN [true] ELSE [] END AS everything  // else a scan of every unit, filtered
  MATCH (u:OrgUnit)
  RETURN u
}
WITH collect(u) AS units
// an aggregate in a subquery: one row even for a scope without positions (or an unknown unit)
// (the positions walk down from the unit's id again: a union importing the units carried that list on every row)
CALL () {
  CALL () {
    MATCH (root:OrgUnit {id: $unit}) USING INDEX SEEK root:OrgUnit(id)
    MATCH (pos:Position)-[:IN]->(:OrgUnit)-[:PART_OF*0..]->(root)
    RETURN pos
    UNION
    UNWIND CASE WHEN $unit IS NULL THEN [true] ELSE [] END AS everything
    MATCH (pos:Position)
    RETURN pos
  }
  WITH pos, [(h:Person)-[:HOLDS]->(pos) | h] AS holders
  WITH pos, holders,
       [(s)-[n:SUCCESSOR_FOR]->(pos) WHERE NOT s IN holders | {node: s, readiness: n.readiness}] AS nominations
  WITH pos, holders, nominations, [x IN nominations WHERE x.readiness = 'ready_now' | x.node] AS ready
  WITH pos, nominations, ready, coalesce(pos.critical, false) AS critical,
       // rule: position_status (netgraph/model/rules.py)
       CASE WHEN size(ready) > 0 THEN 'covered' WHEN size(nominations) > 0 THEN 'developing' ELSE 'gap' END AS status,
       // end rule
       // rule: is_vacant (netgraph/model/rules.py)
       size(holders) = 0 AS vacant
       // end rule
  // nodes, not their names and titles: those are read only for the few positions and people listed
  RETURN collect({
    node: pos, id: pos.id, critical: critical, status: status, vacant: vacant,
    org_unit: head([(pos)-[:IN]->(u:OrgUnit) | u.id]), ready: size(ready), nominations: nominations,
    ready_now: CASE WHEN critical
               THEN [s IN ready | {person: s.id, holds_critical: [(s)-[:HOLDS]->(held:Position) WHERE held.critical | held.id]}]
               ELSE [] END}) AS rows
}
CALL (rows) {
  UNWIND rows AS r
  WITH r.org_unit AS unit, count(*) AS positions,
       count(CASE WHEN r.status = 'covered' THEN 1 END) AS covered,
       count(CASE WHEN r.status = 'developing' THEN 1 END) AS developing,
       count(CASE WHEN r.status = 'gap' THEN 1 END) AS gap,
       count(CASE WHEN r.critical THEN 1 END) AS critical,
       count(CASE WHEN r.critical AND r.status = 'covered' THEN 1 END) AS critical_covered,
       count(CASE WHEN r.critical AND r.status = 'gap' THEN 1 END) AS critical_gaps,
       count(CASE WHEN r.vacant THEN 1 END) AS vacant,
       sum(CASE WHEN r.critical THEN r.ready ELSE 0 END) AS critical_ready_now
  RETURN collect({unit: unit, positions: positions, covered: covered, developing: developing, gap: gap,
                  critical: critical, critical_covered: critical_covered, critical_gaps: critical_gaps,
                  vacant: vacant, critical_ready_now: critical_ready_now}) AS counts
}
CALL (rows) {
  UNWIND rows AS r
  WITH r WHERE r.critical OR NOT $critical_only
  WITH r.id AS id, r.critical AS critical,
       [i IN range(0, size($status_order) - 1) WHERE $status_order[i] = r.status][0] AS urgency
  ORDER BY critical DESC, urgency, id
  RETURN collect(id)[..$limit] AS shown, count(id) AS listed
}
CALL (rows) {
  UNWIND rows AS r
  WITH r WHERE r.critical
  RETURN collect({id: r.id, title: r.node.title, level: r.node.level, org_unit: r.org_unit, ready_now: r.ready_now})
         AS seats
}
CALL (rows) {
  UNWIND rows AS r
  UNWIND r.nominations AS n
  WITH n.node AS person, collect({position: r.node, readiness: n.readiness}) AS held
  WHERE size(held) >= $at_least
  WITH person.id AS id, person, held ORDER BY size(held) DESC, id
  WITH collect({person: person, held: held}) AS many
  RETURN [m IN many[..$limit] | {person: m.person.id, name: m.person.name,
          positions: [h IN m.held | {position: h.position.id, title: h.position.title, readiness: h.readiness}]}]
         AS nominated,
         size(many) AS nominated_count
}
RETURN $unit IS NULL OR size(units) > 0 AS found,
       [u IN units | {id: u.id, name: u.name, parent: head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id])}] AS units,
       counts, shown, listed, seats, nominated, nominated_count
