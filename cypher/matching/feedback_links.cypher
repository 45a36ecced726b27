// The MENTORS link of each pair in $pairs ([mentor, mentee]) that has one: when it started and its feedback
// (for the move of feedback off round proposals, netgraph/model/feedback_move.py).
UNWIND $pairs AS pair
MATCH (mentor:Person {id: pair[0]})-[m:MENTORS]->(mentee:Person {id: pair[1]})
USING INDEX SEEK mentor:Person(id)
RETURN pair[0] AS mentor, pair[1] AS mentee,
       m {.since, .mentor_rating, .mentor_again, .mentee_rating, .mentee_again} AS link
