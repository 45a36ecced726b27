// Stored person rows of run $run (the current one: current_run) by rank (betweenness),
// highest first, then by id: of people in $units only if given, at most $limit. Read in
// the rank index's order, so the first $limit rows (of those units) end the read: for
// everyone or a large part of the organisation; a few units' people are found by unit
// instead (people_in_units).
MATCH (r:InsightPerson)
USING INDEX r:InsightPerson(rank)
WHERE r.rank IS NOT NULL AND coalesce(r.run, '') = $run AND ($units IS NULL OR r.unit IN $units)
RETURN r.row AS row
ORDER BY r.rank DESC, r.person
LIMIT $limit
