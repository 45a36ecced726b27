// The running figures kept of the pairs $pairs ([a, b], a < b), on the pair's pack of counts
// (new_evidence.cypher, append_evidence.cypher): one seek of the (a, b) index per pair. Figures an interrupted ingest wrote are left
// out with its counts: a pack of its own (its batch in $pending) is not read, and a pack it added to gives
// the figures it had before (undo_*).
UNWIND $pairs AS pair
MATCH (e:TieEvidence)
  USING INDEX SEEK e:TieEvidence(a, b)
  WHERE e.a = pair[0] AND e.b = pair[1] AND NOT e.batch IN $pending
WITH e,
     CASE
       WHEN e.undo_batch IN $pending
         THEN [e.undo_figures_rule, e.undo_first_seen, e.undo_last_seen, e.undo_total_events, e.undo_evidence,
               e.undo_qualified_by, e.undo_pending]
       ELSE [e.figures_rule, e.first_seen, e.last_seen, e.total_events, e.evidence, e.qualified_by, e.pending]
     END AS f
WHERE f[0] IS NOT NULL
RETURN e.a AS a, e.b AS b, f[0] AS rule, f[1] AS first_seen, f[2] AS last_seen, f[3] AS events, f[4] AS evidence,
       f[5] AS qualified_by, f[6] AS pending
