// Remove the KNOWS links between each pair of $rows ([a, b]; stored once, either way).
UNWIND $rows AS pair
MATCH (:Person {id: pair[0]})-[k:KNOWS]-(:Person {id: pair[1]})
DELETE k
