// Point each position at exactly the position it reports to (or none).
UNWIND $rows AS r
MATCH (pos:Position {id: r.id}) USING INDEX SEEK pos:Position(id)
CALL (pos, r) {
  OPTIONAL MATCH (pos)-[old:REPORTS_TO]->(boss:Position)
  WHERE r.reports_to IS NULL OR boss.id <> r.reports_to
  DELETE old
}
CALL (pos, r) {
  WITH pos, r WHERE r.reports_to IS NOT NULL
  MATCH (boss:Position {id: r.reports_to}) USING INDEX SEEK boss:Position(id)
  MERGE (pos)-[:REPORTS_TO]->(boss)
}
