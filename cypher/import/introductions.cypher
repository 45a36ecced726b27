// Merge introductions by id and point MADE / INTRODUCES / TO at exactly the
// people named (a re-import may correct them).
UNWIND $rows AS r
MERGE (i:Introduction {id: r.id})
SET i = r.props
WITH i, r
CALL (i, r) {
  OPTIONAL MATCH (i)<-[old:MADE]-(p:Person) WHERE p.id <> r.by
  DELETE old
}
CALL (i, r) {
  OPTIONAL MATCH (i)-[old:INTRODUCES]->(p:Person) WHERE p.id <> r.introduce
  DELETE old
}
CALL (i, r) {
  OPTIONAL MATCH (i)-[old:TO]->(p:Person) WHERE p.id <> r.to
  DELETE old
}
CALL (i, r) {
  MATCH (by:Person {id: r.by})
  MERGE (by)-[:MADE]->(i)
}
CALL (i, r) {
  MATCH (who:Person {id: r.introduce})
  MERGE (i)-[:INTRODUCES]->(who)
}
CALL (i, r) {
  MATCH (to:Person {id: r.to})
  MERGE (i)-[:TO]->(to)
}
