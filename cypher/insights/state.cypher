// The stored insights' small figures as saved (JSON; null before the first refresh) and
// the network_changed_at marker (null if the network never changed), in one record: a
// read of stored insights says whether they are stale in one round trip.
OPTIONAL MATCH (s:InsightState {id: 'network'})
RETURN s.meta AS state, s.network_changed_at AS at
