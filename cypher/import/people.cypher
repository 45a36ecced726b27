// Merge people by id with their unit, skills (with level) and growth goals.
// Only what the record carries changes (netgraph/model/vocabulary.py:
// KEPT_WHEN_ABSENT): r.props holds the properties it carries (a null one is
// removed), and a new person first gets $defaults (status, source,
// open_to_intros, open_to_mentoring, signals_opt_out). A link field (org_unit, skills,
// wants_to_grow) is a key of r only when the record carries it; then the
// record is authoritative for those links: links it no longer lists are
// removed, so importing the same file twice changes nothing. A person who has
// left also carries the label Left, which the analyses use to leave them out.
UNWIND $rows AS r
MERGE (p:Person {id: r.id})
ON CREATE SET p += $defaults
SET p += r.props
WITH p, r
CALL (p) {
  WITH p WHERE p.status = 'left'
  SET p:Left
}
CALL (p) {
  WITH p WHERE p.status <> 'left'
  REMOVE p:Left
}
CALL (p, r) {
  WITH p, r WHERE 'org_unit' IN keys(r)
  OPTIONAL MATCH (p)-[old:MEMBER_OF]->(u:OrgUnit)
  WHERE r.org_unit IS NULL OR u.id <> r.org_unit
  DELETE old
}
CALL (p, r) {
  WITH p, r WHERE r.org_unit IS NOT NULL
  MATCH (u:OrgUnit {id: r.org_unit}) USING INDEX SEEK u:OrgUnit(id)
  MERGE (p)-[:MEMBER_OF]->(u)
}
CALL (p, r) {
  WITH p, r WHERE r.skills IS NOT NULL
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
  WITH p, r WHERE r.wants_to_grow IS NOT NULL
  OPTIONAL MATCH (p)-[old:WANTS_TO_GROW]->(s:Skill)
  WHERE NOT s.name IN r.wants_to_grow
  DELETE old
}
CALL (p, r) {
  UNWIND r.wants_to_grow AS name
  MERGE (s:Skill {name: name})
  MERGE (p)-[:WANTS_TO_GROW]->(s)
}
