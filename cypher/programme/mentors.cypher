// Mentors by number of active mentees (most first).
MATCH (mentor:Person)-[:MENTORS {status: 'active'}]->(mentee:Person)
RETURN mentor.id AS id, mentor.name AS name, count(mentee) AS mentees
ORDER BY mentees DESC, id
