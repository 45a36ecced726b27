// Merge positions by id with their unit, required skills and holders.
// REPORTS_TO is set in a second pass (import_position_reports_to).
UNWIND $rows AS r
MERGE (pos:Position {id: r.id})
SET pos = r.props
WITH pos, r
CALL (pos, r) {
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
