// The flip that ends a refresh, in one small transaction: run $run (its rows and parts
// already committed) becomes the one reads see, with the stored insights' small figures
// ($state: JSON of computed_at, mode, sources, the number of levels...; it names no
// person), beside the network_changed_at marker. The first layout kept every unit-level
// result in s.state: removed, a refresh recomputes it.
MERGE (s:InsightState {id: 'network'})
SET s.meta = $state, s.run = $run
REMOVE s.state
