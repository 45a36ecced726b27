// One MENTORS link per (mentor, mentee) pair. Only the properties the record
// carries change (r.props; a null one is removed); a new link first gets
// $defaults (status, kind, focus).
UNWIND $rows AS r
MATCH (mentor:Person {id: r.mentor}) USING INDEX SEEK mentor:Person(id)
MATCH (mentee:Person {id: r.mentee}) USING INDEX SEEK mentee:Person(id)
MERGE (mentor)-[m:MENTORS]->(mentee)
ON CREATE SET m += $defaults
SET m += r.props
