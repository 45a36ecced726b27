// Store one mentoring round whole ($round: its JSON), in place of the stored one
// with its id. Rounds are nodes of their own, not part of the interchange document.
MERGE (r:MatchRound {id: $id})
SET r.round = $round
