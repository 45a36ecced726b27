// Withdraw nominations: $rows are [person, position] pairs.
UNWIND $rows AS pair
MATCH (:Person {id: pair[0]})-[s:SUCCESSOR_FOR]->(:Position {id: pair[1]})
DELETE s
