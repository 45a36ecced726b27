// Remove the KNOWS links between each pair of $rows ([a, b]; stored once, either
// way), retired ones (KNEW) too.
UNWIND $rows AS pair
MATCH (:Person {id: pair[0]})-[k:KNOWS|KNEW]-(:Person {id: pair[1]})
DELETE k
