// Hashes an interrupted run left under $batch (written again from the start), at most 10k nodes (packs of a
// day's hashes) a call.
MATCH (c:CountedEvent {batch: $batch})
WITH c LIMIT 10000
DELETE c
RETURN count(*) AS dropped
