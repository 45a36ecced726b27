// The in-flight introductions naming any of the night's leavers (made by them, or of them, or to them),
// each once, as export/introductions reads them.
UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
MATCH (p)-[:MADE|INTRODUCES|TO]-(i:Introduction)
WHERE i.status IN $statuses
WITH DISTINCT i
MATCH (by:Person)-[:MADE]->(i)-[:INTRODUCES]->(who:Person),
      (i)-[:TO]->(to:Person)
RETURN i.id AS id, by.id AS by, who.id AS introduce, to.id AS to, i.status AS status,
       i.closed_reason AS closed_reason, i.created_on AS created_on, i.made_on AS made_on,
       i.accepted_on AS accepted_on, i.met_on AS met_on, i.declined_on AS declined_on, i.closed_on AS closed_on,
       i.note AS note, i.outcome AS outcome
ORDER BY id
