// One transaction's packs of an ingest's counts: one node per pair (a < b) and input, its counts as
// parallel lists (channels[i], days[i], events[i], minutes[i]; minutes -1.0 when not given).
// One node per count was 22 million nodes for 10 million events at 100k people; packed, one per pair.
UNWIND $packs AS p
CREATE (:TieEvidence {batch: $batch, a: p.a, b: p.b, channels: p.channels, days: p.days, events: p.events,
                      minutes: p.minutes})
