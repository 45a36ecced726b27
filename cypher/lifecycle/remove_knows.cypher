// Remove the KNOWS links between each pair of $rows ([a, b]; stored once, either
// way), retired ones (KNEW) too.
UNWIND $rows AS pair
MATCH (a:Person {id: pair[0]})-[k:KNOWS|KNEW]-(b:Person {id: pair[1]})
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
DELETE k
