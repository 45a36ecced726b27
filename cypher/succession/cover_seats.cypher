// Critical positions with their ready-now successors, counted as in succession/positions (not leaving,
// not a holder of the position), and the critical positions each successor holds: the plain data
// simultaneous cover matches (netgraph/analysis/simultaneous_cover.py). Only critical positions and
// ready-now nominations are read, so this costs a fraction of the coverage report it stands beside.
//   $given: {leavers: person ids, positions: null (every critical position, found through the
//            index on critical) or ids (the critical ones among them, each found by its id: what the org
//            chart's cards need)}; one map, so that one plan serves every list size.
// One row, `seats`: a list of maps (the keys of CoverSeat in netgraph/store/ports.py), in no particular order.
CALL () {
  UNWIND coalesce($given.positions, []) AS id
  MATCH (pos:Position {id: id}) USING INDEX SEEK pos:Position(id)
  WHERE pos.critical = true
  RETURN pos
  UNION
  UNWIND CASE WHEN $given.positions IS NULL THEN [true] ELSE [] END AS everything
  MATCH (pos:Position)
  WHERE pos.critical = true
  RETURN pos
}
WITH pos, [(h:Person)-[:HOLDS]->(pos) | h] AS all_holders
RETURN collect({
  id: pos.id,
  level: pos.level,
  org_unit: head([(pos)-[:IN]->(u:OrgUnit) | u.id]),
  ready_now: [(s)-[:SUCCESSOR_FOR {readiness: 'ready_now'}]->(pos)
              WHERE NOT s.id IN $given.leavers AND NOT s IN all_holders |
              {person: s.id, holds_critical: [(s)-[:HOLDS]->(held:Position) WHERE held.critical | held.id]}]
}) AS seats
