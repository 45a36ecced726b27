// Every stored proposal naming $person, as mentor or as mentee, with its mentorship's feedback
// (matching/proposals says where it is read from).
CALL () {
  MATCH (p:MatchProposal {mentor: $person})
  RETURN p
  UNION
  MATCH (p:MatchProposal {mentee: $person})
  RETURN p
}
OPTIONAL MATCH (mentor:Person {id: p.mentor})-[m:MENTORS]->(mentee:Person {id: p.mentee})
USING INDEX SEEK mentor:Person(id)
WITH p, CASE WHEN p.mentor_state = 'accepted' AND p.mentee_state = 'accepted' THEN m END AS link
RETURN p {.*, mentor_rating: link.mentor_rating, mentor_again: link.mentor_again,
          mentee_rating: link.mentee_rating, mentee_again: link.mentee_again} AS proposal
