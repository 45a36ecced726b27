// Marks the database as one the test suite may wipe (see is_test_database).
MERGE (:NetgraphTestDatabase {marked: true})
