// Drop the stored person rows and parts of every run but $current, the one the state
// node names (s.run, read by current_run; rows saved before runs existed have none), in bounded transactions: after a
// refresh's flip, the run it replaced; before one, what a save that never flipped left.
// Auto-commit only (IN TRANSACTIONS), so it cannot take the refresh lock itself (no write
// before IN TRANSACTIONS): the store holds it in a transaction of its own meanwhile and
// passes the current run it read under it as $current.
WITH $current AS current
CALL (current) {
  MATCH (r:InsightPerson) WHERE coalesce(r.run, '') <> current RETURN r
  UNION
  MATCH (r:InsightPart) WHERE coalesce(r.run, '') <> current RETURN r
}
CALL (r) { DETACH DELETE r } IN TRANSACTIONS OF 10000 ROWS
