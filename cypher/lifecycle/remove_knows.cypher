// Remove the KNOWS links between each pair of $rows ([a, b]; stored once, either
// way), retired ones (KNEW) too.
UNWIND $rows AS pair
MATCH (person0:Person {id: pair[0]})-[k:KNOWS|KNEW]-(person1:Person {id: pair[1]}) USING INDEX SEEK person0:Person(id) USING INDEX SEEK person1:Person(id)
DELETE k
