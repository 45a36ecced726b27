// The positions whose coverage a departure of $given.leavers can change: those they
// hold or are nominated for, and those whose ready-now successor holds one
// of these (its cascade flag may change); with the org units above each.
// The list comes inside the map $given, so that every size shares one plan (see succession/positions).
UNWIND $given.leavers AS leaver_id
MATCH (leaver:Person {id: leaver_id})-[:HOLDS|SUCCESSOR_FOR]->(direct:Position)
USING INDEX SEEK leaver:Person(id)
WITH collect(DISTINCT direct) AS direct
CALL (direct) {
  UNWIND direct AS d
  MATCH (d)<-[:HOLDS]-(:Person)-[:SUCCESSOR_FOR {readiness: 'ready_now'}]->(p:Position)
  RETURN collect(DISTINCT p) AS cascading
}
UNWIND direct + [p IN cascading WHERE NOT p IN direct] AS p
RETURN p.id AS position, [(p)-[:IN]->(:OrgUnit)-[:PART_OF*0..]->(u:OrgUnit) | u.id] AS units
ORDER BY position
