// Merge introductions by id and point MADE / INTRODUCES / TO at exactly the
// people named (a re-import may correct them). The fields in r.kept (the
// status dates and closed_reason) were left out of the record: the stored
// values stay.
UNWIND $rows AS r
MERGE (i:Introduction {id: r.id})
WITH i, r, properties(i) AS old
SET i = r.props
SET i.closed_reason = CASE WHEN 'closed_reason' IN r.kept THEN old.closed_reason ELSE r.props.closed_reason END,
    i.made_on = CASE WHEN 'made_on' IN r.kept THEN old.made_on ELSE r.props.made_on END,
    i.accepted_on = CASE WHEN 'accepted_on' IN r.kept THEN old.accepted_on ELSE r.props.accepted_on END,
    i.met_on = CASE WHEN 'met_on' IN r.kept THEN old.met_on ELSE r.props.met_on END,
    i.declined_on = CASE WHEN 'declined_on' IN r.kept THEN old.declined_on ELSE r.props.declined_on END,
    i.closed_on = CASE WHEN 'closed_on' IN r.kept THEN old.closed_on ELSE r.props.closed_on END
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
