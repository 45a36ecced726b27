// Keyed hashes of erased people's ids and emails.
MATCH (t:Tombstone)
RETURN t.hash AS hash
