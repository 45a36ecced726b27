// A round's stored proposals (every stored field; those left empty come back missing). The feedback of
// a pair both sides accepted is its mentorship's: read off the MENTORS link, where it is stored.
MATCH (p:MatchProposal {round: $round})
OPTIONAL MATCH (mentor:Person {id: p.mentor})-[m:MENTORS]->(mentee:Person {id: p.mentee})
USING INDEX SEEK mentor:Person(id)
WITH p, CASE WHEN p.mentor_state = 'accepted' AND p.mentee_state = 'accepted' THEN m END AS link
RETURN p {.*, mentor_rating: link.mentor_rating, mentor_again: link.mentor_again,
          mentee_rating: link.mentee_rating, mentee_again: link.mentee_again} AS proposal
ORDER BY p.mentor, p.mentee
