// The stored insights' small figures as saved (JSON), or nothing before the first refresh.
MATCH (s:InsightState {id: 'network'})
WHERE s.meta IS NOT NULL
RETURN s.meta AS state
