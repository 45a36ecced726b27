// For each org unit in $given.units: critical positions in it and below it, and how
// many of them have a ready-now successor (a nominee who does not hold the
// position), for the organisation as it is.
// The list comes inside the map $given, so that every size shares one plan (see succession/positions).
MATCH (u:OrgUnit) USING INDEX SEEK u:OrgUnit(id)
WHERE u.id IN $given.units
MATCH (pos:Position)-[:IN]->(:OrgUnit)-[:PART_OF*0..]->(u)
WHERE pos.critical
WITH u, pos, EXISTS { MATCH (s:Person)-[:SUCCESSOR_FOR {readiness: 'ready_now'}]->(pos)
                      WHERE NOT (s)-[:HOLDS]->(pos) } AS covered
RETURN u.id AS unit, count(pos) AS critical, count(CASE WHEN covered THEN 1 END) AS critical_covered
ORDER BY unit
