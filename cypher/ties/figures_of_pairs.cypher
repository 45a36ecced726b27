// The running figures kept of the pairs $pairs ([a, b], a < b): one index seek on `a` per pair. Figures
// an interrupted ingest wrote (its batch in $pending) are left out: their pairs are judged from their counts.
UNWIND $pairs AS pair
MATCH (f:TieFigures)
  USING INDEX SEEK f:TieFigures(a)
  WHERE f.a = pair[0] AND f.b = pair[1] AND NOT f.batch IN $pending
RETURN f.a AS a, f.b AS b, f.rule AS rule, f.first_seen AS first_seen, f.last_seen AS last_seen,
       f.events AS events, f.evidence AS evidence, f.qualified_by AS qualified_by,
       coalesce(f.pending_days, []) AS pending_days, coalesce(f.pending_events, []) AS pending_events
