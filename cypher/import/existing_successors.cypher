// keys are [person, position] pairs.
UNWIND $keys AS key
MATCH (person0:Person {id: key[0]})-[:SUCCESSOR_FOR]->(position0:Position {id: key[1]}) USING INDEX SEEK person0:Person(id) USING INDEX SEEK position0:Position(id)
RETURN DISTINCT key
