// The stored records of the keys asked for (ids), as export/introductions reads them:
// an import compares the fields a document carries with these to say what changes.
UNWIND $keys AS key
MATCH (by:Person)-[:MADE]->(i:Introduction {id: key})-[:INTRODUCES]->(who:Person),
      (i)-[:TO]->(to:Person)
USING INDEX SEEK i:Introduction(id)
RETURN i.id AS id, by.id AS by, who.id AS introduce, to.id AS to, i.status AS status,
       i.closed_reason AS closed_reason, i.created_on AS created_on, i.made_on AS made_on,
       i.accepted_on AS accepted_on, i.met_on AS met_on, i.declined_on AS declined_on, i.closed_on AS closed_on,
       i.note AS note, i.outcome AS outcome
