// One MENTORS link per (mentor, mentee) pair, its properties replaced.
UNWIND $rows AS r
MATCH (mentor:Person {id: r.mentor})
MATCH (mentee:Person {id: r.mentee})
MERGE (mentor)-[m:MENTORS]->(mentee)
SET m = r.props
