// The stored insights' state ($state: JSON of computed_at, mode, sources and the
// unit-level results; it names no person), beside the network_changed_at marker.
MERGE (s:InsightState {id: 'network'})
SET s.state = $state
