// The ledger: the content hashes of the inputs already ingested.
MATCH (i:TieIngest)
RETURN i.batch AS batch
