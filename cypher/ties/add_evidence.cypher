// One batch of an ingested input's counts: per pair (a < b), channel and day.
UNWIND $rows AS r
CREATE (:TieEvidence {batch: $batch, a: r.a, b: r.b, channel: r.channel, day: r.day, events: r.events,
                      minutes: r.minutes})
