// The stored packs of counts of the pairs $pairs ([a, b], a < b), one per input that counted them
// (unpacked as in evidence_all.cypher); rows of an interrupted ingest (batch in $pending) left out.
UNWIND $pairs AS pair
MATCH (e:TieEvidence)
  USING INDEX SEEK e:TieEvidence(a, b)
  WHERE e.a = pair[0] AND e.b = pair[1] AND NOT e.batch IN $pending
RETURN e.a AS a, e.b AS b, coalesce(e.channels, [e.channel]) AS channels, coalesce(e.days, [e.day]) AS days,
       CASE WHEN e.channels IS NULL THEN [e.events] ELSE e.events END AS events,
       CASE WHEN e.channels IS NULL THEN [coalesce(e.minutes, -1.0)] ELSE e.minutes END AS minutes
