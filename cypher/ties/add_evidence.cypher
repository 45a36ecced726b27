// One transaction's counts of an ingest, added to each pair's pack: one node per pair (a < b), its counts as
// parallel lists (channels[i], days[i], events[i], minutes[i]; minutes -1.0 when not given).
// One node per count was 22 million nodes for 10 million events at 100k people; one pack per pair and
// ingest was a new node for every pair a day touched (883,516 for a day of a million events at 10k).
// A pair already packed (found by one seek of the (a, b) index; the pack with its figures first, so a
// pair's figures stay on one pack) gets the day's counts appended; a pair new here gets a pack of $batch.
// A pack may carry its pair's running figures once these counts are added (p.figures: figures_rule,
// first_seen, last_seen, total_events, evidence, qualified_by, pending; netgraph/model/ties.py: PairFigures).
// Until $batch is recorded, the pack keeps what it was before its first append of $batch: how many counts
// (undo_counts) and its figures (undo_*), under undo_batch = $batch. Readers read it as it was while
// $batch is pending, and a run that starts again puts it back (undo_appends.cypher).
UNWIND $packs AS p
CALL (p) {
  OPTIONAL MATCH (e:TieEvidence)
    USING INDEX SEEK e:TieEvidence(a, b)
    WHERE e.a = p.a AND e.b = p.b AND e.channels IS NOT NULL
  WITH e
  ORDER BY e.figures_rule IS NULL
  LIMIT 1
  RETURN e AS kept
}
FOREACH (_ IN CASE WHEN kept IS NULL THEN [1] ELSE [] END |
  CREATE (e:TieEvidence {batch: $batch, a: p.a, b: p.b, channels: p.channels, days: p.days, events: p.events,
                         minutes: p.minutes})
  SET e += coalesce(p.figures, {})
)
WITH p, kept
WHERE kept IS NOT NULL
FOREACH (_ IN CASE WHEN kept.batch <> $batch AND coalesce(kept.undo_batch, '') <> $batch THEN [1] ELSE [] END |
  SET kept.undo_batch = $batch, kept.undo_counts = size(kept.days), kept.undo_figures_rule = kept.figures_rule,
      kept.undo_first_seen = kept.first_seen, kept.undo_last_seen = kept.last_seen,
      kept.undo_total_events = kept.total_events, kept.undo_evidence = kept.evidence,
      kept.undo_qualified_by = kept.qualified_by, kept.undo_pending = kept.pending
)
SET kept.channels = kept.channels + p.channels, kept.days = kept.days + p.days, kept.events = kept.events + p.events,
    kept.minutes = kept.minutes + p.minutes
SET kept += coalesce(p.figures, {})
