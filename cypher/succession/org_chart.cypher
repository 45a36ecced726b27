// One level of the succession org chart, in one round trip (netgraph/store/ports.py: org_chart).
// At most one of $position (its direct reports), $unit (the positions in the unit or below whose
// manager is not), $around (those positions and every position above them) is not null; none:
// the positions that report to no one. Every mode starts from an indexed node (Position.id,
// OrgUnit.id) and walks relationships; only "the top" scans the Position label.
//
// One row: focus (the position's id, null in the other modes; no row at all for an unknown
// position or unit), total (positions in the level), cards (the page [$offset, $offset + $limit)
// of the level sorted by title then id, the focus first). A card carries the facts the status and
// flag rules of netgraph/model/rules.py take (readiness, holder_risks, ready_also_ready_elsewhere,
// ready_holds_critical_gap): the Neo4j backend applies those Python rules to them, so the chart
// and the heat map (succession/positions) cannot disagree. The facts are computed as there, with
// nobody leaving: a nomination counts when the nominee does not hold the position.
OPTIONAL MATCH (focus:Position {id: $position}) USING INDEX SEEK focus:Position(id)
OPTIONAL MATCH (unit:OrgUnit {id: $unit}) USING INDEX SEEK unit:OrgUnit(id)
WITH focus, unit
WHERE ($position IS NULL OR focus IS NOT NULL) AND ($unit IS NULL OR unit IS NOT NULL)
CALL {
  WITH focus, unit
  CALL {
    WITH focus
    MATCH (c:Position)-[:REPORTS_TO]->(focus)
    RETURN c
    UNION
    WITH unit
    MATCH (c:Position)-[:IN]->(:OrgUnit)-[:PART_OF*0..]->(unit)
    // the manager's unit is checked by walking up from it (a unit has one parent): cheap at any size
    WHERE none(up IN [(c)-[:REPORTS_TO]->(:Position)-[:IN]->(mu:OrgUnit) | mu]
               WHERE any(x IN [(up)-[:PART_OF*0..]->(y:OrgUnit) | y] WHERE x = unit))
    RETURN c
    UNION
    WITH focus, unit
    UNWIND CASE WHEN focus IS NULL AND unit IS NULL AND $around IS NULL THEN [true] ELSE [] END AS top
    MATCH (c:Position)
    WHERE NOT EXISTS { MATCH (c)-[:REPORTS_TO]->(:Position) }
    RETURN c
    UNION
    WITH focus
    UNWIND coalesce($around, []) AS around_id
    MATCH (m:Position {id: around_id}) USING INDEX SEEK m:Position(id)
    MATCH (m)-[:REPORTS_TO*0..]->(c:Position)
    RETURN c
  }
  WITH c ORDER BY c.title, c.id
  RETURN collect(c) AS found
}
WITH focus, size(found) AS total,
     CASE WHEN focus IS NULL THEN [] ELSE [focus] END + found[$offset..($offset + $limit)] AS shown
CALL {
  WITH shown
  UNWIND shown AS pos
  WITH pos, [(h:Person)-[:HOLDS]->(pos) | h] AS holders
  WITH pos, holders,
       [(s:Person)-[n:SUCCESSOR_FOR]->(pos) WHERE NOT s IN holders |
        {node: s, person: s.id, name: s.name, readiness: n.readiness}] AS nominations
  WITH pos, holders, nominations, [x IN nominations WHERE x.readiness = 'ready_now' | x.node] AS ready
  RETURN collect({
    id: pos.id, title: pos.title, level: pos.level, critical: coalesce(pos.critical, false),
    org_unit: head([(pos)-[:IN]->(u:OrgUnit) | u.id]), org_unit_name: head([(pos)-[:IN]->(u:OrgUnit) | u.name]),
    reports_to: head([(pos)-[:REPORTS_TO]->(up:Position) | up.id]),
    incumbents: [h IN holders | {id: h.id, name: h.name}],
    holder_risks: [h IN holders | h.flight_risk],
    readiness: [x IN nominations | x.readiness],
    ready_also_ready_elsewhere: [s IN ready | EXISTS {
      MATCH (s)-[:SUCCESSOR_FOR {readiness: 'ready_now'}]->(other:Position)
      WHERE other <> pos AND other.critical AND NOT (s)-[:HOLDS]->(other) }],
    ready_holds_critical_gap: [s IN ready | EXISTS {
      MATCH (s)-[:HOLDS]->(held:Position)
      WHERE held.critical AND NOT EXISTS {
        MATCH (y:Person)-[:SUCCESSOR_FOR]->(held) WHERE NOT (y)-[:HOLDS]->(held) } }],
    successors: [x IN nominations | {person: x.person, name: x.name, readiness: x.readiness}],
    child_count: COUNT { (:Position)-[:REPORTS_TO]->(pos) }}) AS cards
}
RETURN focus.id AS focus, total, cards
