// One stored mentoring round (JSON) by its id, or nothing.
MATCH (r:MatchRound {id: $id})
RETURN r.round AS round
