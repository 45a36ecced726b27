// keys are [mentor, mentee] pairs.
UNWIND $keys AS key
MATCH (a:Person {id: key[0]})-[:MENTORS]->(b:Person {id: key[1]})
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
RETURN DISTINCT key
