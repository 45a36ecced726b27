// keys are [person, position] pairs.
UNWIND $keys AS key
MATCH (p:Person {id: key[0]})-[:SUCCESSOR_FOR]->(pos:Position {id: key[1]})
USING INDEX SEEK p:Person(id) USING INDEX SEEK pos:Position(id)
RETURN DISTINCT key
