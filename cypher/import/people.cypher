// Merge people by id with their unit, skills (with level) and growth goals.
// A record is authoritative for the person: links it no longer lists are
// removed, so importing the same file twice changes nothing. The fields in
// r.kept (preferred_name, status, left_on, source, signals_opt_out) were left out of the record: the person
// keeps what is stored, and r.props holds their defaults for a new person
// (netgraph/model/validate.py: with_defaults). A person who has left also
// carries the label Left, which the analyses use to leave them out.
UNWIND $rows AS r
MERGE (p:Person {id: r.id})
WITH p, r, properties(p) AS old
SET p = r.props
SET p.preferred_name = CASE WHEN 'preferred_name' IN r.kept THEN coalesce(old.preferred_name, r.props.preferred_name)
                            ELSE r.props.preferred_name END,
    p.status = CASE WHEN 'status' IN r.kept THEN coalesce(old.status, r.props.status) ELSE r.props.status END,
    p.left_on = CASE WHEN 'left_on' IN r.kept THEN coalesce(old.left_on, r.props.left_on) ELSE r.props.left_on END,
    p.source = CASE WHEN 'source' IN r.kept THEN coalesce(old.source, r.props.source) ELSE r.props.source END,
    p.signals_opt_out = CASE WHEN 'signals_opt_out' IN r.kept THEN coalesce(old.signals_opt_out, r.props.signals_opt_out)
                             ELSE r.props.signals_opt_out END
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
