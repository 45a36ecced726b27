// One side's answer (or lapse): $side ('mentor' or 'mentee') moves from 'sent' to $state on $on.
// The other side's fields are left as they are; nothing is matched when that side is not 'sent'.
MATCH (p:MatchProposal {id: $id})
WHERE CASE $side WHEN 'mentor' THEN p.mentor_state ELSE p.mentee_state END = 'sent'
SET p.mentor_state = CASE $side WHEN 'mentor' THEN $state ELSE p.mentor_state END,
    p.mentor_on = CASE $side WHEN 'mentor' THEN $on ELSE p.mentor_on END,
    p.mentee_state = CASE $side WHEN 'mentee' THEN $state ELSE p.mentee_state END,
    p.mentee_on = CASE $side WHEN 'mentee' THEN $on ELSE p.mentee_on END
RETURN p {.*} AS proposal
