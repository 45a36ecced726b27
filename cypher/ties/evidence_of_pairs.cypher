// The stored packs of counts of the pairs $pairs ([a, b], a < b), usually one per pair (unpacked as in
// evidence_all.cypher); an interrupted ingest's counts (batch in $pending) left out, as there.
UNWIND $pairs AS pair
MATCH (e:TieEvidence)
  USING INDEX SEEK e:TieEvidence(a, b)
  WHERE e.a = pair[0] AND e.b = pair[1] AND NOT e.batch IN $pending
WITH e, CASE WHEN e.undo_batch IN $pending THEN e.undo_counts ELSE size(e.days) END AS kept
RETURN e.a AS a, e.b AS b, coalesce(e.channels[..kept], [e.channel]) AS channels,
       coalesce(e.days[..kept], [e.day]) AS days,
       CASE WHEN e.channels IS NULL THEN [e.events] ELSE e.events[..kept] END AS events,
       CASE WHEN e.channels IS NULL THEN [coalesce(e.minutes, -1.0)] ELSE e.minutes[..kept] END AS minutes
