// The key the hashes of counted events are made with: made on first use ($new), kept in the database on one
// state node. Without it a hash cannot be recomputed from a guessed event.
MERGE (s:TieState {id: 'ties'})
SET s.event_key = coalesce(s.event_key, $new)
RETURN s.event_key AS key
