// The run whose stored rows and parts reads see (save_state flips it at the end of a
// refresh): '' before the first refresh, and for rows saved before runs existed.
OPTIONAL MATCH (s:InsightState {id: 'network'})
RETURN coalesce(s.run, '') AS run
