// keys are [mentor, mentee] pairs.
UNWIND $keys AS key
MATCH (:Person {id: key[0]})-[:MENTORS]->(:Person {id: key[1]})
RETURN DISTINCT key
