// Tests only: one round proposal's feedback written as builds before it moved onto the MENTORS link kept it
// (properties of the MatchProposal node, $id the JSON of [round, mentor, mentee]); the link is left as it is,
// and the audit anchor loses the mark that the move is done (matching/feedback_moved: that build set none).
MATCH (p:MatchProposal {id: $id})
SET p.mentor_rating = $mentor_rating, p.mentor_again = $mentor_again,
    p.mentee_rating = $mentee_rating, p.mentee_again = $mentee_again
WITH count(p) AS written
OPTIONAL MATCH (a:AuditAnchor {id: 'audit'})
REMOVE a.feedback_on_links
