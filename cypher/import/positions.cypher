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
  MATCH (u:OrgUnit {id: r.org_unit})
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
  OPTIONAL MATCH (pos)<-[old:HOLDS]-(p:Person)
  WHERE NOT p.id IN [h IN r.holders | h.person]
  DELETE old
}
CALL (pos, r) {
  UNWIND r.holders AS h
  MATCH (p:Person {id: h.person})
  MERGE (p)-[held:HOLDS]->(pos)
  SET held.since = h.since
}
