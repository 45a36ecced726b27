// keys are [a, b] pairs; KNOWS is found in either direction.
UNWIND $keys AS key
MATCH (:Person {id: key[0]})-[:KNOWS]-(:Person {id: key[1]})
RETURN DISTINCT key
