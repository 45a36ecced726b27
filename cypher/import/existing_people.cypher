UNWIND $keys AS key
MATCH (p:Person {id: key}) USING INDEX SEEK p:Person(id)
RETURN key
