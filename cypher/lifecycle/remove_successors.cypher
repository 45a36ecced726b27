// Withdraw nominations: $rows are [person, position] pairs.
UNWIND $rows AS pair
MATCH (p:Person {id: pair[0]})-[s:SUCCESSOR_FOR]->(pos:Position {id: pair[1]})
USING INDEX SEEK p:Person(id) USING INDEX SEEK pos:Position(id)
DELETE s
