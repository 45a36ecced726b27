// End holds: $rows are [person, position] pairs (the seat becomes vacant).
UNWIND $rows AS pair
MATCH (p:Person {id: pair[0]})-[h:HOLDS]->(pos:Position {id: pair[1]})
USING INDEX SEEK p:Person(id) USING INDEX SEEK pos:Position(id)
DELETE h
