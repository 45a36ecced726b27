// Round proposals that still hold feedback the way builds before it moved onto the MENTORS link kept it
// (netgraph/model/feedback_move.py), each with its pair's MENTORS link (null when there is none).
MATCH (p:MatchProposal)
WHERE p.mentor_rating IS NOT NULL OR p.mentor_again IS NOT NULL
   OR p.mentee_rating IS NOT NULL OR p.mentee_again IS NOT NULL
OPTIONAL MATCH (mentor:Person {id: p.mentor})-[m:MENTORS]->(mentee:Person {id: p.mentee})
USING INDEX SEEK mentor:Person(id)
RETURN p.id AS id,
       p {.round, .mentor, .mentee, .mentor_state, .mentee_state, .mentor_on, .mentee_on,
          .mentor_rating, .mentor_again, .mentee_rating, .mentee_again} AS proposal,
       m {.since, .mentor_rating, .mentor_again, .mentee_rating, .mentee_again} AS link
ORDER BY p.mentor, p.mentee, p.round
