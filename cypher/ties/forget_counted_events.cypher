// The hashes of events dated before $before (older than window_days): forgotten, at most 10k nodes (packs
// of one day's hashes, or single hashes from before packs) a call; how many hashes went.
MATCH (c:CountedEvent)
WHERE c.day < $before
WITH c LIMIT 10000
WITH c, size(coalesce(c.hashes, [c.hash])) AS hashes
DELETE c
RETURN sum(hashes) AS dropped
