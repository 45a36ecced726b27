// Mentees whose every mentorship has ended: in the programme, without a mentor now
// (and still here: people who have left are not listed); by id, the first $limit.
// Each mentee's mentorships are gathered from one read of the MENTORS links by their type, not looked up
// again from every mentee (that expanded all their links: 129,184 database hits at 100k people).
MATCH (:Person)-[m:MENTORS]->(mentee:Person)
WITH mentee, collect(m.status) AS statuses
WHERE NOT 'active' IN statuses AND NOT mentee:Left
RETURN mentee.id AS id, mentee.name AS name
ORDER BY id
LIMIT $limit
