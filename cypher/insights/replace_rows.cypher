// Erasure: store scrubbed person rows ([person, row (JSON)]) in place of the old ones.
UNWIND $rows AS r
MATCH (x:InsightPerson {person: r[0]})
SET x.row = r[1]
