// Each link once, in its stored direction (a < b by construction).
MATCH (a:Person)-[k:KNOWS]->(b:Person)
RETURN a.id AS a, b.id AS b, k.since AS since, k.strength AS strength, k.context AS context
ORDER BY a, b
