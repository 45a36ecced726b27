// A KNOWS link removed by hand: evidence dated up to $on will not bring it back.
MERGE (r:RemovedTie {a: $a, b: $b})
SET r.removed_on = $on
