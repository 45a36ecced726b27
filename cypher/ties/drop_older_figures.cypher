// The running figures the pairs $pairs ([a, b], a < b) kept on packs of earlier ingests, once the packs
// of $batch carry newer ones (add_evidence.cypher): a pair's figures sit on one pack. Should $batch never
// be recorded (an interrupted run), its packs go with their figures and the pair is judged from its counts.
UNWIND $pairs AS pair
MATCH (e:TieEvidence)
  USING INDEX SEEK e:TieEvidence(a, b)
  WHERE e.a = pair[0] AND e.b = pair[1] AND e.batch <> $batch AND e.figures_rule IS NOT NULL
REMOVE e.figures_rule, e.first_seen, e.last_seen, e.total_events, e.evidence, e.qualified_by, e.pending
