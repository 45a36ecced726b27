// Every critical position with its ready-now successors, counted as in succession/positions (not leaving,
// not a holder of the position), and the critical positions each successor holds: the plain data
// simultaneous cover matches (netgraph/analysis/simultaneous_cover.py). Only critical positions and
// ready-now nominations are read, so this costs a fraction of the coverage report it stands beside.
// One row, `seats`: a list of maps (the keys of CoverSeat in netgraph/store/ports.py), in no particular order.
MATCH (pos:Position)
WHERE pos.critical
WITH pos, [(h:Person)-[:HOLDS]->(pos) | h] AS all_holders
RETURN collect({
  id: pos.id,
  level: pos.level,
  org_unit: head([(pos)-[:IN]->(u:OrgUnit) | u.id]),
  ready_now: [(s)-[:SUCCESSOR_FOR {readiness: 'ready_now'}]->(pos)
              WHERE NOT s.id IN $leavers AND NOT s IN all_holders |
              {person: s.id, holds_critical: [(s)-[:HOLDS]->(held:Position) WHERE held.critical | held.id]}]
}) AS seats
