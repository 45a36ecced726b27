// Rows an interrupted run left under $batch (written again from the start), at most 10k a call, and the
// running figures of their pairs, which that run may have replaced already (those pairs are judged
// from their counts next time, and get figures again).
MATCH (e:TieEvidence {batch: $batch})
WITH e LIMIT 10000
OPTIONAL MATCH (f:TieFigures)
  USING INDEX SEEK f:TieFigures(a)
  WHERE f.a = e.a AND f.b = e.b
DETACH DELETE f
WITH DISTINCT e
DELETE e
RETURN count(*) AS dropped
