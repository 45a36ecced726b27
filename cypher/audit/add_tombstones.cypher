// Keep the keyed hashes ($rows) of an erased person's id and email.
UNWIND $rows AS hash
MERGE (:Tombstone {hash: hash})
