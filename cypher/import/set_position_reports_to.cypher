// Point each position at exactly the position it reports to (or none).
UNWIND $rows AS r
MATCH (pos:Position {id: r.id})
CALL (pos, r) {
  OPTIONAL MATCH (pos)-[old:REPORTS_TO]->(boss:Position)
  WHERE r.reports_to IS NULL OR boss.id <> r.reports_to
  DELETE old
}
CALL (pos, r) {
  WITH pos, r WHERE r.reports_to IS NOT NULL
  MATCH (boss:Position {id: r.reports_to})
  MERGE (pos)-[:REPORTS_TO]->(boss)
}
