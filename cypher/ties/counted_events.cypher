// The hashes of the events counted by ingests that finished (a pending run's are not counted yet): the
// hashes of each day's pack (add_counted_events.cypher), or the one `hash` of a node from before packs.
OPTIONAL MATCH (p:TiePending)
WITH collect(p.batch) AS pending
MATCH (c:CountedEvent)
WHERE NOT c.batch IN pending
UNWIND coalesce(c.hashes, [c.hash]) AS hash
RETURN hash
