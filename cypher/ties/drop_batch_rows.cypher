// Rows an interrupted run left under $batch (written again from the start), at most 10k a call.
MATCH (e:TieEvidence {batch: $batch})
WITH e LIMIT 10000
DELETE e
RETURN count(*) AS dropped
