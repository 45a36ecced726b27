// Tests only: drop the index named $name (if there is one), as on a database an earlier build made
// before the schema had it.
DROP INDEX $name IF EXISTS
