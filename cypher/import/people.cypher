// Merge people by id with their unit, skills (with level) and growth goals.
// A record is authoritative for the person: links it no longer lists are
// removed, so importing the same file twice changes nothing.
UNWIND $rows AS r
MERGE (p:Person {id: r.id})
SET p = r.props
WITH p, r
CALL (p, r) {
  OPTIONAL MATCH (p)-[old:MEMBER_OF]->(u:OrgUnit)
  WHERE r.org_unit IS NULL OR u.id <> r.org_unit
  DELETE old
}
CALL (p, r) {
  WITH p, r WHERE r.org_unit IS NOT NULL
  MATCH (u:OrgUnit {id: r.org_unit})
  MERGE (p)-[:MEMBER_OF]->(u)
}
CALL (p, r) {
  OPTIONAL MATCH (p)-[old:HAS_SKILL]->(s:Skill)
  WHERE NOT s.name IN [x IN r.skills | x.name]
  DELETE old
}
CALL (p, r) {
  UNWIND r.skills AS x
  MERGE (s:Skill {name: x.name})
  MERGE (p)-[h:HAS_SKILL]->(s)
  SET h.level = x.level
}
CALL (p, r) {
  OPTIONAL MATCH (p)-[old:WANTS_TO_GROW]->(s:Skill)
  WHERE NOT s.name IN r.wants_to_grow
  DELETE old
}
CALL (p, r) {
  UNWIND r.wants_to_grow AS name
  MERGE (s:Skill {name: name})
  MERGE (p)-[:WANTS_TO_GROW]->(s)
}
