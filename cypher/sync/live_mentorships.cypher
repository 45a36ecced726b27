// The active mentorships of the night's leavers (their leaving ends them), each once, as export/mentorships
// reads them: an index seek per leaver, not a read of every mentorship.
UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
MATCH (p)-[m:MENTORS]-(:Person)
WHERE m.status = 'active'
WITH DISTINCT m
MATCH (mentor:Person)-[m]->(mentee:Person)
RETURN mentor.id AS mentor, mentee.id AS mentee, m.since AS since, m.until AS until,
       m.status AS status, m.kind AS kind, m.focus AS focus,
       m.mentor_rating AS mentor_rating, m.mentor_again AS mentor_again,
       m.mentee_rating AS mentee_rating, m.mentee_again AS mentee_again
ORDER BY mentor, mentee
