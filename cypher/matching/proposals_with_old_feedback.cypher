// Round proposals that still hold feedback the way builds before it moved onto the MENTORS link kept it
// (netgraph/model/feedback_move.py). No index hint: it runs first in every process, on a database that
// may not have its schema yet (matching/feedback_links reads their links, when there are any).
MATCH (p:MatchProposal)
WHERE p.mentor_rating IS NOT NULL OR p.mentor_again IS NOT NULL
   OR p.mentee_rating IS NOT NULL OR p.mentee_again IS NOT NULL
RETURN p.id AS id,
       p {.round, .mentor, .mentee, .mentor_state, .mentee_state, .mentor_on, .mentee_on,
          .mentor_rating, .mentor_again, .mentee_rating, .mentee_again} AS proposal
ORDER BY p.mentor, p.mentee, p.round
