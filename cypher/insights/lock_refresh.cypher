// The write lock that puts one refresh's flip and another's clean-up in turn: taken
// first in each (SET on the refresh lock node, held to the end of the transaction), so
// a flip's count of its rows and its flip see no clean-up between them, and a
// clean-up reads the current run only after any flip under way has committed. Its own
// node, not the state node: network writes and erasures (which set the state node's
// network_changed_at) never wait for a clean-up.
MERGE (l:InsightState {id: 'refresh'})
SET l.locked_by = $run
