// End holds: $rows are [person, position] pairs (the seat becomes vacant).
UNWIND $rows AS pair
MATCH (person0:Person {id: pair[0]})-[h:HOLDS]->(position0:Position {id: pair[1]}) USING INDEX SEEK person0:Person(id) USING INDEX SEEK position0:Position(id)
DELETE h
