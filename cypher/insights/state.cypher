// The stored insights' state as saved (JSON), or nothing before the first refresh.
MATCH (s:InsightState {id: 'network'})
WHERE s.state IS NOT NULL
RETURN s.state AS state
