MATCH (by:Person)-[:MADE]->(i:Introduction)-[:INTRODUCES]->(who:Person),
      (i)-[:TO]->(to:Person)
RETURN i.id AS id, by.id AS by, who.id AS introduce, to.id AS to, i.status AS status,
       i.created_on AS created_on, i.note AS note, i.outcome AS outcome
ORDER BY id
