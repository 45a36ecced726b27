// The key tombstones are hashed with: made on first use ($new), kept in the database.
MERGE (k:ErasureKey {id: 'key'})
  ON CREATE SET k.key = $new
RETURN k.key AS key
