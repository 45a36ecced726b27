// keys are [a, b] pairs; KNOWS is found in either direction, retired (KNEW) or not.
// Both ends by their index (USING INDEX SEEK): planned on the samples of an emptied database,
// this once scanned every person's id for every key, and a re-import took 16 minutes, not 70 s.
UNWIND $keys AS key
MATCH (a:Person {id: key[0]})-[:KNOWS|KNEW]-(b:Person {id: key[1]})
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
RETURN DISTINCT key
