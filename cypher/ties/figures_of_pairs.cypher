// The running figures kept of the pairs $pairs ([a, b], a < b), on the pack of counts that carries them
// (add_evidence.cypher): one seek of the (a, b) index per pair. Figures an interrupted ingest wrote (its batch in
// $pending) are left out with its counts.
UNWIND $pairs AS pair
MATCH (e:TieEvidence)
  USING INDEX SEEK e:TieEvidence(a, b)
  WHERE e.a = pair[0] AND e.b = pair[1] AND e.figures_rule IS NOT NULL AND NOT e.batch IN $pending
RETURN e.a AS a, e.b AS b, e.figures_rule AS rule, e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.total_events AS events, e.evidence AS evidence, e.qualified_by AS qualified_by, e.pending AS pending
