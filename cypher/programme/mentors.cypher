// Mentors by number of active mentees (most first, then by id); the first $limit.
// The MENTORS links are read by their type (7,759 of 1.1 million links at 100k people), not by each person's links.
MATCH (mentor:Person)-[m:MENTORS]->(mentee:Person)
WHERE m.status = 'active'
RETURN mentor.id AS id, mentor.name AS name, count(mentee) AS mentees
ORDER BY mentees DESC, id
LIMIT $limit
