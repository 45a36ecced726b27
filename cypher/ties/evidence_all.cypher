// Every stored pack of counts (netgraph/store/neo4j_backend/tie_evidence.py unpacks them; netgraph/analysis/ties.py
// adds them up in DuckDB): streamed once, unsorted and ungrouped, so that millions need no server memory.
// A node written before packing (one count, channel/day/events/minutes) reads as a pack of one.
// An interrupted ingest's counts do not count: its packs are left out, and a pack it added counts to is read
// up to the counts it had before (undo_counts, append_evidence.cypher).
MATCH (e:TieEvidence)
WHERE NOT e.batch IN $pending
WITH e, CASE WHEN e.undo_batch IN $pending THEN e.undo_counts ELSE size(e.days) END AS kept
RETURN e.a AS a, e.b AS b, coalesce(e.channels[..kept], [e.channel]) AS channels,
       coalesce(e.days[..kept], [e.day]) AS days,
       CASE WHEN e.channels IS NULL THEN [e.events] ELSE e.events[..kept] END AS events,
       CASE WHEN e.channels IS NULL THEN [coalesce(e.minutes, -1.0)] ELSE e.minutes[..kept] END AS minutes
