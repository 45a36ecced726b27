// keys are [a, b] pairs; KNOWS is found in either direction, retired (KNEW) or not.
UNWIND $keys AS key
MATCH (person0:Person {id: key[0]})-[:KNOWS|KNEW]-(person1:Person {id: key[1]}) USING INDEX SEEK person0:Person(id) USING INDEX SEEK person1:Person(id)
RETURN DISTINCT key
