// Drop the stored person rows and parts of every run but the one the state node names
// (s.run; rows saved before runs existed have none), in bounded transactions: after a
// refresh's flip, the run it replaced; before one, what a save that never flipped left.
// Auto-commit only (IN TRANSACTIONS).
OPTIONAL MATCH (s:InsightState {id: 'network'})
WITH coalesce(s.run, '') AS current
CALL (current) {
  MATCH (r:InsightPerson) WHERE coalesce(r.run, '') <> current RETURN r
  UNION
  MATCH (r:InsightPart) WHERE coalesce(r.run, '') <> current RETURN r
}
CALL (r) { DETACH DELETE r } IN TRANSACTIONS OF 10000 ROWS
