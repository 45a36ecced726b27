// The hashes of events dated before $before (older than window_days): forgotten, at most 10k a call.
MATCH (c:CountedEvent)
WHERE c.day < $before
WITH c LIMIT 10000
DELETE c
RETURN count(*) AS dropped
