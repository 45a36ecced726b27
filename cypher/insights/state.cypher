// The stored insights' small figures as saved (JSON; null before the first refresh), the
// run whose rows and parts reads see ('' for rows saved before runs existed) and the
// network_changed_at marker (null if the network never changed), in one record: a read of
// stored insights says whether they are stale, and names the run its later reads take, in
// one round trip.
OPTIONAL MATCH (s:InsightState {id: 'network'})
RETURN s.meta AS state, coalesce(s.run, '') AS run, s.network_changed_at AS at
