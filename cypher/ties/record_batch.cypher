// The ledger entries, written after the ingest's rows: from now on ingesting these files again is a
// no-op. The pending marker goes in the same transaction.
UNWIND $files AS f
MERGE (i:TieIngest {batch: f.hash})
SET i.name = f.name, i.evidence_batch = $batch, i.at = $at
WITH count(*) AS recorded
OPTIONAL MATCH (p:TiePending {batch: $batch})
DELETE p
