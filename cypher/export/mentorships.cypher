MATCH (mentor:Person)-[m:MENTORS]->(mentee:Person)
RETURN mentor.id AS mentor, mentee.id AS mentee, m.since AS since, m.until AS until,
       m.status AS status, m.kind AS kind, m.focus AS focus,
       m.mentor_rating AS mentor_rating, m.mentor_again AS mentor_again,
       m.mentee_rating AS mentee_rating, m.mentee_again AS mentee_again
ORDER BY mentor, mentee
