// Point each unit at exactly the parent given (or none): stale PART_OF
// links are deleted, the wanted one is merged.
UNWIND $rows AS r
MATCH (u:OrgUnit {id: r.id}) USING INDEX SEEK u:OrgUnit(id)
CALL (u, r) {
  OPTIONAL MATCH (u)-[old:PART_OF]->(p:OrgUnit)
  WHERE r.parent IS NULL OR p.id <> r.parent
  DELETE old
}
CALL (u, r) {
  WITH u, r WHERE r.parent IS NOT NULL
  MATCH (p:OrgUnit {id: r.parent}) USING INDEX SEEK p:OrgUnit(id)
  MERGE (u)-[:PART_OF]->(p)
}
