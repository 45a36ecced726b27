// Erasure: store scrubbed rounds ([id, round (JSON)]) in place of the old ones.
UNWIND $rows AS row
MATCH (r:MatchRound {id: row[0]})
SET r.round = row[1]
