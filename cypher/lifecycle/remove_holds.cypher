// End holds: $rows are [person, position] pairs (the seat becomes vacant).
UNWIND $rows AS pair
MATCH (:Person {id: pair[0]})-[h:HOLDS]->(:Position {id: pair[1]})
DELETE h
