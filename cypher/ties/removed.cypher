MATCH (r:RemovedTie)
RETURN r.a AS a, r.b AS b, r.removed_on AS removed_on
