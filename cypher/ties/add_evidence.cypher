// One transaction's packs of an ingest's counts: one node per pair (a < b) and input, its counts as
// parallel lists (channels[i], days[i], events[i], minutes[i]; minutes -1.0 when not given).
// One node per count was 22 million nodes for 10 million events at 100k people; packed, one per pair.
// A pack may carry its pair's running figures once these counts are added (p.figures: figures_rule,
// first_seen, last_seen, total_events, evidence, qualified_by, pending; netgraph/model/ties.py:
// PairFigures): kept on the pack they were made with, no node of their own, and gone with it.
UNWIND $packs AS p
CREATE (e:TieEvidence {batch: $batch, a: p.a, b: p.b, channels: p.channels, days: p.days, events: p.events,
                       minutes: p.minutes})
SET e += coalesce(p.figures, {})
