// Every stored pack of counts (netgraph/store/neo4j_backend/tie_evidence.py unpacks them; netgraph/analysis/ties.py
// adds them up in DuckDB): streamed once, unsorted and ungrouped, so that millions need no server memory.
// A node written before packing (one count, channel/day/events/minutes) reads as a pack of one.
MATCH (e:TieEvidence)
WHERE NOT e.batch IN $pending  // an interrupted ingest's rows do not count
RETURN e.a AS a, e.b AS b, coalesce(e.channels, [e.channel]) AS channels, coalesce(e.days, [e.day]) AS days,
       CASE WHEN e.channels IS NULL THEN [e.events] ELSE e.events END AS events,
       CASE WHEN e.channels IS NULL THEN [coalesce(e.minutes, -1.0)] ELSE e.minutes END AS minutes
