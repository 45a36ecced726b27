// One side's answer (or lapse): $side ('mentor' or 'mentee') moves from 'sent' to $state on $on.
// The proposal is locked first (the SET of a marker, removed at once), so the guard and the answer
// returned read what any answer committed before this one: of two sides answering at the same moment,
// the second sees the first's answer, and only that side's own two fields are written (never the other
// side's, as read before the lock). Nothing is matched when that side is not 'sent'.
MATCH (p:MatchProposal {id: $id})
SET p._answering = true
REMOVE p._answering
WITH p
WHERE CASE $side WHEN 'mentor' THEN p.mentor_state ELSE p.mentee_state END = 'sent'
FOREACH (_ IN CASE $side WHEN 'mentor' THEN [1] ELSE [] END | SET p.mentor_state = $state, p.mentor_on = $on)
FOREACH (_ IN CASE $side WHEN 'mentee' THEN [1] ELSE [] END | SET p.mentee_state = $state, p.mentee_on = $on)
RETURN p {.*} AS proposal
