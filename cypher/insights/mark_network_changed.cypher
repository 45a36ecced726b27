// Record that a write changed the contact network or the unit tree at $at (in the
// write's own transaction): stored insights computed before $at are stale.
MERGE (s:InsightState {id: 'network'})
SET s.network_changed_at = $at
