// What a day judges each pair of $pairs ([a, b], a < b) from, by one seek of the (a, b) index per pair: the
// pack's running figures when they are of the rule $rule and the pair has qualified (figures_of_pairs.cypher),
// else its counts (evidence_of_pairs.cypher). A pair with several packs (a store written before packs were
// kept per pair) gets a row per pack: the reader keeps the figures of a pair that has them, else every count.
// An interrupted ingest's packs and appends are left out as there (batch, undo_batch in $pending).
UNWIND $pairs AS pair
MATCH (e:TieEvidence)
  USING INDEX SEEK e:TieEvidence(a, b)
  WHERE e.a = pair[0] AND e.b = pair[1] AND NOT e.batch IN $pending
WITH e, e.undo_batch IN $pending AS undone
WITH e, CASE WHEN undone THEN e.undo_counts ELSE size(e.days) END AS kept,
     CASE
       WHEN undone
         THEN [e.undo_figures_rule, e.undo_first_seen, e.undo_last_seen, e.undo_total_events, e.undo_evidence,
               e.undo_qualified_by, e.undo_pending]
       ELSE [e.figures_rule, e.first_seen, e.last_seen, e.total_events, e.evidence, e.qualified_by, e.pending]
     END AS f
WITH e, kept, CASE WHEN f[0] = $rule AND f[5] IS NOT NULL THEN f END AS f
RETURN e.a AS a, e.b AS b, f AS figures,
       CASE WHEN f IS NULL THEN coalesce(e.channels[..kept], [e.channel]) END AS channels,
       CASE WHEN f IS NULL THEN coalesce(e.days[..kept], [e.day]) END AS days,
       CASE WHEN f IS NOT NULL THEN null WHEN e.channels IS NULL THEN [e.events] ELSE e.events[..kept] END AS events,
       CASE WHEN f IS NOT NULL THEN null WHEN e.channels IS NULL THEN [coalesce(e.minutes, -1.0)]
            ELSE e.minutes[..kept] END AS minutes
