// Stored rows of cut points (cut_size set: netgraph.model.insights.cut_figures) of the
// current run, by people cut off, then sole links between units, then bridges, largest
// first, then by id: of people in $units only if given, at most $limit.
MATCH (r:InsightPerson)
WHERE r.cut_size IS NOT NULL AND coalesce(r.run, '') = $run AND ($units IS NULL OR r.unit IN $units)
RETURN r.row AS row
ORDER BY r.cut_size DESC, r.sole_links DESC, r.bridges DESC, r.person
LIMIT $limit
