// Wait (up to $seconds) until every index is online, e.g. after the schema
// was created on a database the offline importer filled.
CALL db.awaitIndexes($seconds)
