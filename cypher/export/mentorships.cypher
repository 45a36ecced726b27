MATCH (mentor:Person)-[m:MENTORS]->(mentee:Person)
RETURN mentor.id AS mentor, mentee.id AS mentee, m.since AS since, m.until AS until,
       m.status AS status, m.kind AS kind, m.focus AS focus
ORDER BY mentor, mentee
