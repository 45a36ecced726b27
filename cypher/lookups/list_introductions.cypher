// Introductions, optionally only those involving $person (in any role) and/or
// in $status; newest first, then by id.
// The introductions to look at come from the index of the key given ($id, else $person),
// never from a scan filtered by it: each branch runs only for its own case.
CALL () {
  MATCH (i:Introduction {id: $id}) USING INDEX SEEK i:Introduction(id)
  RETURN i
  UNION
  MATCH (p:Person {id: $person}) USING INDEX SEEK p:Person(id)
  WHERE $id IS NULL
  MATCH (p)-[:MADE|INTRODUCES|TO]-(i:Introduction)
  RETURN i
  UNION
  MATCH (i:Introduction)
  WHERE $id IS NULL AND $person IS NULL
  RETURN i
}
MATCH (by:Person)-[:MADE]->(i)-[:INTRODUCES]->(who:Person),
      (i)-[:TO]->(to:Person)
WHERE ($status IS NULL OR i.status = $status)
  AND ($person IS NULL OR $person IN [by.id, who.id, to.id])
RETURN i.id AS id, by.id AS by, who.id AS introduce, to.id AS to, i.status AS status,
       i.closed_reason AS closed_reason, i.created_on AS created_on, i.made_on AS made_on,
       i.accepted_on AS accepted_on, i.met_on AS met_on, i.declined_on AS declined_on, i.closed_on AS closed_on,
       i.note AS note, i.outcome AS outcome
ORDER BY created_on DESC, id
