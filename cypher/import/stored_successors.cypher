// The stored records of the keys asked for ([person, position] pairs), as export/successors
// reads them: an import compares the fields a document carries with these to say what changes.
UNWIND $keys AS key
MATCH (p:Person {id: key[0]})-[s:SUCCESSOR_FOR]->(pos:Position {id: key[1]})
USING INDEX SEEK p:Person(id) USING INDEX SEEK pos:Position(id)
RETURN key[0] AS person, key[1] AS position, s.readiness AS readiness, s.nominated_on AS nominated_on
