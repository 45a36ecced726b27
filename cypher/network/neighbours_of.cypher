// The KNOWS/MENTORS contacts of each of $given.ids (one row per id that exists),
// leaving out people who have left.
// The list comes inside the map $given, so that every size shares one plan (see succession/positions).
UNWIND $given.ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
RETURN id, COLLECT { MATCH (p)-[:KNOWS|MENTORS]-(o:Person) WHERE NOT o:Left RETURN DISTINCT o.id } AS neighbours
