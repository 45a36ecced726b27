// Before an ingest's first row: until record_batch removes this, its rows do not count.
MERGE (:TiePending {batch: $batch})
