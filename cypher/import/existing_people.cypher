UNWIND $keys AS key
MATCH (person0:Person {id: key}) USING INDEX SEEK person0:Person(id)
RETURN key
