// Empties the database in bounded transactions (tests and benchmarks only;
// must run in an auto-commit transaction because of IN TRANSACTIONS).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
