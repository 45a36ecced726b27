// keys are [mentor, mentee] pairs.
UNWIND $keys AS key
MATCH (person0:Person {id: key[0]})-[:MENTORS]->(person1:Person {id: key[1]}) USING INDEX SEEK person0:Person(id) USING INDEX SEEK person1:Person(id)
RETURN DISTINCT key
