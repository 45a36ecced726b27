// Everyone $person is linked to by KNOWS or MENTORS (either direction), one
// row per contact, saying how: the KNOWS strength, and the status of a
// mentorship in which the contact mentors $person or is mentored by them.
// People who have left (label Left) are not in the network.
MATCH (p:Person {id: $person})-[r:KNOWS|MENTORS]-(c:Person) USING INDEX SEEK p:Person(id)
WHERE NOT c:Left
WITH c,
     max(CASE WHEN type(r) = 'KNOWS' THEN r.strength END) AS knows,
     max(CASE WHEN type(r) = 'MENTORS' AND endNode(r) = p THEN r.status END) AS mentors_them,
     max(CASE WHEN type(r) = 'MENTORS' AND startNode(r) = p THEN r.status END) AS mentored_by_them
RETURN c.id AS id, c.name AS name, knows, mentors_them, mentored_by_them
ORDER BY id
