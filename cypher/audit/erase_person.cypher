// Erase $person: the node with every link, every introduction naming them,
// and the skills only they had or wanted.
MATCH (p:Person {id: $person}) USING INDEX SEEK p:Person(id)
WITH p, COLLECT { MATCH (p)-[:MADE|INTRODUCES|TO]-(i:Introduction) RETURN DISTINCT i } AS introductions,
     COLLECT { MATCH (p)-[:HAS_SKILL|WANTS_TO_GROW]->(s:Skill) RETURN DISTINCT s } AS skills
FOREACH (i IN introductions | DETACH DELETE i)
DETACH DELETE p
WITH skills
UNWIND skills AS s
WITH s WHERE NOT EXISTS { (s)--() }
DELETE s
