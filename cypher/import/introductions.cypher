// Merge introductions by id and point MADE / INTRODUCES / TO at exactly the
// people named (a re-import may correct them; the three are required). Only
// the properties the record carries change (r.props; a null one is removed);
// a new introduction first gets $defaults (its status).
UNWIND $rows AS r
MERGE (i:Introduction {id: r.id})
ON CREATE SET i += $defaults
SET i += r.props
WITH i, r
// The links to drop are walked from i, their other end unlabelled (only people make, are introduced
// or are introduced to): with (p:Person), stale statistics planned a scan of every person per row.
CALL (i, r) {
  UNWIND [(i)<-[old:MADE]-(p) WHERE p.id <> r.by | old] AS old
  DELETE old
}
CALL (i, r) {
  UNWIND [(i)-[old:INTRODUCES]->(p) WHERE p.id <> r.introduce | old] AS old
  DELETE old
}
CALL (i, r) {
  UNWIND [(i)-[old:TO]->(p) WHERE p.id <> r.to | old] AS old
  DELETE old
}
CALL (i, r) {
  MATCH (by:Person {id: r.by}) USING INDEX SEEK by:Person(id)
  MERGE (by)-[:MADE]->(i)
}
CALL (i, r) {
  MATCH (who:Person {id: r.introduce}) USING INDEX SEEK who:Person(id)
  MERGE (i)-[:INTRODUCES]->(who)
}
CALL (i, r) {
  MATCH (to:Person {id: r.to}) USING INDEX SEEK to:Person(id)
  MERGE (i)-[:TO]->(to)
}
