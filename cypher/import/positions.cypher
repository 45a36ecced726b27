// Merge positions by id with their unit, required skills and holders.
// As import/people: r.props holds the properties the record carries, a new
// position first gets $defaults, and a link field (org_unit, requires,
// holders) is a key of r only when the record carries it.
// REPORTS_TO is set in a second pass (import/set_position_reports_to).
UNWIND $rows AS r
MERGE (pos:Position {id: r.id})
ON CREATE SET pos += $defaults
SET pos += r.props
WITH pos, r
CALL (pos, r) {
  WITH pos, r WHERE 'org_unit' IN keys(r)
  OPTIONAL MATCH (pos)-[old:IN]->(u:OrgUnit)
  WHERE r.org_unit IS NULL OR u.id <> r.org_unit
  DELETE old
}
CALL (pos, r) {
  WITH pos, r WHERE r.org_unit IS NOT NULL
  MATCH (u:OrgUnit {id: r.org_unit}) USING INDEX SEEK u:OrgUnit(id)
  MERGE (pos)-[:IN]->(u)
}
CALL (pos, r) {
  WITH pos, r WHERE r.requires IS NOT NULL
  OPTIONAL MATCH (pos)-[old:REQUIRES]->(s:Skill)
  WHERE NOT s.name IN r.requires
  DELETE old
}
CALL (pos, r) {
  UNWIND r.requires AS name
  MERGE (s:Skill {name: name})
  MERGE (pos)-[:REQUIRES]->(s)
}
CALL (pos, r) {
  WITH pos, r WHERE r.holders IS NOT NULL
  // walked from pos, the holder unlabelled (only people hold): (p:Person) let stale statistics scan every person
  UNWIND [(pos)<-[old:HOLDS]-(p) WHERE NOT p.id IN [h IN r.holders | h.person] | old] AS old
  DELETE old
}
CALL (pos, r) {
  UNWIND r.holders AS h
  MATCH (p:Person {id: h.person}) USING INDEX SEEK p:Person(id)
  MERGE (p)-[held:HOLDS]->(pos)
  SET held.since = h.since
}
