// keys are [a, b] pairs; KNOWS is found in either direction, retired (KNEW) or not.
UNWIND $keys AS key
MATCH (:Person {id: key[0]})-[:KNOWS|KNEW]-(:Person {id: key[1]})
RETURN DISTINCT key
