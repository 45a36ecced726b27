// Erasure: store scrubbed person rows ([person, row (JSON), cut_size, sole_links,
// bridges]) in place of the old ones; a row that is no longer a cut point loses its
// cut figures (null).
UNWIND $rows AS r
MATCH (x:InsightPerson {person: r[0]})
SET x.row = r[1], x.cut_size = r[2], x.sole_links = r[3], x.bridges = r[4]
