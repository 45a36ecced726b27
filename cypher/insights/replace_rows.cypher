// Erasure: store scrubbed person rows ([element id, row (JSON), cut_size, sole_links,
// bridges, exposed], as rows_naming found them, in the same transaction) in place of the
// old ones; a row that is no longer a cut point loses its cut figures (null), one no
// longer exposed its place in the exposed order.
UNWIND $rows AS r
MATCH (x:InsightPerson) WHERE elementId(x) = r[0]
SET x.row = r[1], x.cut_size = r[2], x.sole_links = r[3], x.bridges = r[4],
    x.exposed_order = CASE WHEN r[5] THEN x.exposed_order ELSE null END
