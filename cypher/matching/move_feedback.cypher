// One batch of the move of feedback off round proposals onto the MENTORS links (netgraph/model/feedback_move.py).
// $rows: id (the proposal's), mentor, mentee, and link: the feedback fields to set on the pair's link. Each side
// is set only where the link still has no rating of that side (the link's own wins; the link is locked first,
// so the guard reads any rating committed before); the proposal then loses its feedback. Returns which sides moved.
UNWIND $rows AS row
MATCH (p:MatchProposal {id: row.id})
MATCH (mentor:Person {id: row.mentor})-[m:MENTORS]->(mentee:Person {id: row.mentee})
USING INDEX SEEK mentor:Person(id)
SET m._rating = true
REMOVE m._rating
WITH row, p, m,
     row.link.mentor_rating IS NOT NULL AND m.mentor_rating IS NULL AS mentor_moves,
     row.link.mentee_rating IS NOT NULL AND m.mentee_rating IS NULL AS mentee_moves
SET m.mentor_rating = CASE WHEN mentor_moves THEN row.link.mentor_rating ELSE m.mentor_rating END,
    m.mentor_again = CASE WHEN mentor_moves THEN row.link.mentor_again ELSE m.mentor_again END,
    m.mentee_rating = CASE WHEN mentee_moves THEN row.link.mentee_rating ELSE m.mentee_rating END,
    m.mentee_again = CASE WHEN mentee_moves THEN row.link.mentee_again ELSE m.mentee_again END
REMOVE p.mentor_rating, p.mentor_again, p.mentee_rating, p.mentee_again
RETURN row.id AS id, mentor_moves, mentee_moves
