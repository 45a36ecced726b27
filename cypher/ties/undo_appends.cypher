// The packs an interrupted run of $batch added counts to (append_evidence.cypher), put back as they were before
// it: their first undo_counts counts and the figures they had. At most 10k a call.
MATCH (e:TieEvidence)
  USING INDEX SEEK e:TieEvidence(undo_batch)
  WHERE e.undo_batch = $batch
WITH e
LIMIT 10000
SET e.channels = e.channels[..e.undo_counts], e.days = e.days[..e.undo_counts],
    e.events = e.events[..e.undo_counts], e.minutes = e.minutes[..e.undo_counts],
    e.figures_rule = e.undo_figures_rule, e.first_seen = e.undo_first_seen, e.last_seen = e.undo_last_seen,
    e.total_events = e.undo_total_events, e.evidence = e.undo_evidence, e.qualified_by = e.undo_qualified_by,
    e.pending = e.undo_pending
REMOVE e.undo_batch, e.undo_counts, e.undo_figures_rule, e.undo_first_seen, e.undo_last_seen, e.undo_total_events,
       e.undo_evidence, e.undo_qualified_by, e.undo_pending
RETURN count(*) AS dropped
