// One SUCCESSOR_FOR nomination per (person, position) pair. Only the
// properties the record carries change (r.props; a null one is removed).
UNWIND $rows AS r
MATCH (p:Person {id: r.person}) USING INDEX SEEK p:Person(id)
MATCH (pos:Position {id: r.position}) USING INDEX SEEK pos:Position(id)
MERGE (p)-[s:SUCCESSOR_FOR]->(pos)
SET s += r.props
