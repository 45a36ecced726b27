// When a write last changed the contact network or the unit tree (null if never).
OPTIONAL MATCH (s:InsightState {id: 'network'})
RETURN s.network_changed_at AS at
