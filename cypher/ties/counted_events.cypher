// The hashes of the events counted by ingests that finished (a pending run's are not counted yet).
OPTIONAL MATCH (p:TiePending)
WITH collect(p.batch) AS pending
MATCH (c:CountedEvent)
WHERE NOT c.batch IN pending
RETURN c.hash AS hash
