// The KNOWS/MENTORS contacts of each of $ids (one row per id that exists).
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN id, COLLECT { MATCH (p)-[:KNOWS|MENTORS]-(o:Person) RETURN DISTINCT o.id } AS neighbours
