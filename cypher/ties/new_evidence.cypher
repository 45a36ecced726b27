// One transaction's counts of pairs that have no pack yet (packs_of_pairs.cypher found none): a pack of $batch
// each, created without reading anything. Its counts as parallel lists (channels[i], days[i], events[i],
// minutes[i]; minutes -1.0 when not given); its pair's running figures once these counts are added, when the
// pair has qualified (p.figures: figures_rule, first_seen, last_seen, total_events, evidence, qualified_by,
// pending; netgraph/model/ties.py: PairFigures; a property set to null is not stored).
// One node per count was 22 million nodes for 10 million events at 100k people; one pack per pair and ingest
// was a new node for every pair a day touched. A run that does not finish leaves packs of $batch: the next one
// drops them (drop_batch_rows.cypher), and readers leave them out meanwhile.
UNWIND $packs AS p
CREATE (:TieEvidence {batch: $batch, a: p.a, b: p.b, channels: p.channels, days: p.days, events: p.events,
                      minutes: p.minutes, figures_rule: p.figures.figures_rule, first_seen: p.figures.first_seen,
                      last_seen: p.figures.last_seen, total_events: p.figures.total_events,
                      evidence: p.figures.evidence, qualified_by: p.figures.qualified_by,
                      pending: p.figures.pending})
