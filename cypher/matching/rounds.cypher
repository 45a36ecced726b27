// Every stored mentoring round (JSON), by id.
MATCH (r:MatchRound)
RETURN r.round AS round
ORDER BY r.id
