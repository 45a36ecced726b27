// One transaction's counts of pairs already packed, appended to the pack packs_of_pairs.cypher found (p.pack,
// its element id: no property is read to find it, so the plan needs no Eager operator). The pair's figures
// (p.figures, as in new_evidence.cypher) replace the pack's when given.
// Until $batch is recorded, the pack keeps what it was before its first append of $batch (p.undo): how many
// counts (undo_counts) and its figures (undo_*), under undo_batch = $batch. Readers read it as it was while
// $batch is pending, and a run that starts again puts it back (undo_appends.cypher). One SET clause: the
// undo_* items come first and read the values from before the append.
UNWIND $packs AS p
MATCH (kept:TieEvidence)
  WHERE elementId(kept) = p.pack
SET kept.undo_batch = CASE WHEN p.undo THEN $batch ELSE kept.undo_batch END,
    kept.undo_counts = CASE WHEN p.undo THEN size(kept.days) ELSE kept.undo_counts END,
    kept.undo_figures_rule = CASE WHEN p.undo THEN kept.figures_rule ELSE kept.undo_figures_rule END,
    kept.undo_first_seen = CASE WHEN p.undo THEN kept.first_seen ELSE kept.undo_first_seen END,
    kept.undo_last_seen = CASE WHEN p.undo THEN kept.last_seen ELSE kept.undo_last_seen END,
    kept.undo_total_events = CASE WHEN p.undo THEN kept.total_events ELSE kept.undo_total_events END,
    kept.undo_evidence = CASE WHEN p.undo THEN kept.evidence ELSE kept.undo_evidence END,
    kept.undo_qualified_by = CASE WHEN p.undo THEN kept.qualified_by ELSE kept.undo_qualified_by END,
    kept.undo_pending = CASE WHEN p.undo THEN kept.pending ELSE kept.undo_pending END,
    kept.channels = kept.channels + p.channels, kept.days = kept.days + p.days,
    kept.events = kept.events + p.events, kept.minutes = kept.minutes + p.minutes,
    kept.figures_rule = CASE WHEN p.figures IS NULL THEN kept.figures_rule ELSE p.figures.figures_rule END,
    kept.first_seen = CASE WHEN p.figures IS NULL THEN kept.first_seen ELSE p.figures.first_seen END,
    kept.last_seen = CASE WHEN p.figures IS NULL THEN kept.last_seen ELSE p.figures.last_seen END,
    kept.total_events = CASE WHEN p.figures IS NULL THEN kept.total_events ELSE p.figures.total_events END,
    kept.evidence = CASE WHEN p.figures IS NULL THEN kept.evidence ELSE p.figures.evidence END,
    kept.qualified_by = CASE WHEN p.figures IS NULL THEN kept.qualified_by ELSE p.figures.qualified_by END,
    kept.pending = CASE WHEN p.figures IS NULL THEN kept.pending ELSE p.figures.pending END
