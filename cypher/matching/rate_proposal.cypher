// One side's feedback on its ended mentorship: $side ('mentor' or 'mentee') rates it $rating (1-5)
// and says $again. Only when both sides accepted and that side has not rated yet.
MATCH (p:MatchProposal {id: $id})
WHERE p.mentor_state = 'accepted' AND p.mentee_state = 'accepted'
  AND CASE $side WHEN 'mentor' THEN p.mentor_rating ELSE p.mentee_rating END IS NULL
SET p.mentor_rating = CASE $side WHEN 'mentor' THEN $rating ELSE p.mentor_rating END,
    p.mentor_again = CASE $side WHEN 'mentor' THEN $again ELSE p.mentor_again END,
    p.mentee_rating = CASE $side WHEN 'mentee' THEN $rating ELSE p.mentee_rating END,
    p.mentee_again = CASE $side WHEN 'mentee' THEN $again ELSE p.mentee_again END
RETURN p {.*} AS proposal
