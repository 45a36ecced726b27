// Those of $ids who have left (validation refuses live links to them).
UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WHERE p:Left
RETURN p.id AS id
