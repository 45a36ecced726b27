// One MENTORS link per (mentor, mentee) pair, its properties replaced.
UNWIND $rows AS r
MATCH (mentor:Person {id: r.mentor}) USING INDEX SEEK mentor:Person(id)
MATCH (mentee:Person {id: r.mentee}) USING INDEX SEEK mentee:Person(id)
MERGE (mentor)-[m:MENTORS]->(mentee)
SET m = r.props
