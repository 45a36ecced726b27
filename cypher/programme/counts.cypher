// How many mentors have an active mentee, and how many mentees still here have no active mentor
// (the rows mentors.cypher and unmentored.cypher list, counted in one read of the MENTORS links).
MATCH (:Person)-[m:MENTORS]->(mentee:Person)
WITH mentee, collect(m.status) AS statuses
WITH count(CASE WHEN NOT 'active' IN statuses AND NOT mentee:Left THEN 1 END) AS unmentored
CALL {
  MATCH (mentor:Person)-[m:MENTORS]->(:Person)
  WHERE m.status = 'active'
  RETURN count(DISTINCT mentor) AS mentors
}
RETURN mentors, unmentored AS mentees_without_mentor
