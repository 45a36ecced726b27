// Erasure: the stored rounds whose JSON holds $text (a quoted id): they may name the
// person being erased (a member, a ranking, a pair), to be scrubbed.
MATCH (r:MatchRound)
WHERE r.round CONTAINS $text
RETURN r.id AS id, r.round AS round
