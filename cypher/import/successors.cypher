// One SUCCESSOR_FOR nomination per (person, position) pair.
UNWIND $rows AS r
MATCH (p:Person {id: r.person})
MATCH (pos:Position {id: r.position})
MERGE (p)-[s:SUCCESSOR_FOR]->(pos)
SET s = r.props
