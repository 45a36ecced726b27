// keys are [person, position] pairs.
UNWIND $keys AS key
MATCH (:Person {id: key[0]})-[:SUCCESSOR_FOR]->(:Position {id: key[1]})
RETURN DISTINCT key
