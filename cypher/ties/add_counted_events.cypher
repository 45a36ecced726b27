// One transaction's keyed hashes of the events an ingest counted, with their day (no person, no time):
// a later ingest skips an event whose hash is here. Written under $batch: until record_batch removes the
// pending marker they do not count (counted_events leaves them out, and a new run drops them first).
UNWIND $events AS e
MERGE (c:CountedEvent {hash: e.hash})
SET c.day = e.day, c.batch = $batch
