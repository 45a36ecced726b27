// Mentees (not leaving themselves) whose every active mentor is among $leavers.
UNWIND $leavers AS leaver_id
MATCH (leaver:Person {id: leaver_id})-[:MENTORS {status: 'active'}]->(mentee:Person)
USING INDEX SEEK leaver:Person(id)
WHERE NOT mentee.id IN $leavers
WITH DISTINCT mentee
WITH mentee, [(mentor:Person)-[:MENTORS {status: 'active'}]->(mentee) | mentor.id] AS mentors
WHERE all(m IN mentors WHERE m IN $leavers)
RETURN mentee.id AS mentee, mentors
ORDER BY mentee
