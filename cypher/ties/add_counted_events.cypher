// One transaction's keyed hashes of the events an ingest counted (no person, no time), packed per day: a
// node of $batch per pack ($packs: {day, hashes}, up to 20,000 hashes of one day each). A later ingest skips
// an event whose hash is here; the ingest counts only events whose hashes are not (counted_events), so a
// hash is never written twice. One node per hash (MERGE on `hash`, three index entries each) was a million
// nodes for a day of a million events at a million people; a store written then still holds them, and the
// readers read both (`hashes`, or `hash` alone). Until record_batch removes the pending marker they do not
// count (counted_events leaves them out, and a new run drops them first).
UNWIND $packs AS p
CREATE (:CountedEvent {day: p.day, batch: $batch, hashes: p.hashes})
