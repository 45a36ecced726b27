// Withdraw nominations: $rows are [person, position] pairs.
UNWIND $rows AS pair
MATCH (person0:Person {id: pair[0]})-[s:SUCCESSOR_FOR]->(position0:Position {id: pair[1]}) USING INDEX SEEK person0:Person(id) USING INDEX SEEK position0:Position(id)
DELETE s
