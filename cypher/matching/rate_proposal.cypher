// One side's feedback on its ended mentorship: $side ('mentor' or 'mentee') rates it $rating (1-5)
// and says $again. Stored on the pair's MENTORS link (the mentorship's record, exported with it), only
// when both sides accepted the round's proposal, the mentorship has ended and that side has not rated yet.
// The link is locked first (a marker set and removed), so the guard reads any rating committed before.
MATCH (p:MatchProposal {id: $id})
WHERE p.mentor_state = 'accepted' AND p.mentee_state = 'accepted'
MATCH (mentor:Person {id: p.mentor})-[m:MENTORS]->(mentee:Person {id: p.mentee})
USING INDEX SEEK mentor:Person(id)
SET m._rating = true
REMOVE m._rating
WITH p, m
WHERE m.status = 'ended' AND CASE $side WHEN 'mentor' THEN m.mentor_rating ELSE m.mentee_rating END IS NULL
SET m.mentor_rating = CASE $side WHEN 'mentor' THEN $rating ELSE m.mentor_rating END,
    m.mentor_again = CASE $side WHEN 'mentor' THEN $again ELSE m.mentor_again END,
    m.mentee_rating = CASE $side WHEN 'mentee' THEN $rating ELSE m.mentee_rating END,
    m.mentee_again = CASE $side WHEN 'mentee' THEN $again ELSE m.mentee_again END
RETURN p {.*, mentor_rating: m.mentor_rating, mentor_again: m.mentor_again,
          mentee_rating: m.mentee_rating, mentee_again: m.mentee_again} AS proposal
