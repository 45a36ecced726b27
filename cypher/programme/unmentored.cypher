// Mentees whose every mentorship has ended: in the programme, without a mentor now
// (and still here: people who have left are not listed).
MATCH (mentee:Person)<-[:MENTORS]-(:Person)
WITH DISTINCT mentee
WHERE NOT mentee:Left AND NOT EXISTS { (mentee)<-[:MENTORS {status: 'active'}]-(:Person) }
RETURN mentee.id AS id, mentee.name AS name
ORDER BY id
