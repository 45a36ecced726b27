// Stored person rows of run $run (the current one: current_run) in the people exposed to departures, by unit then id: of people in $units only if
// given, at most $limit. Read in the exposed_order index's order, so the first $limit rows
// (of those units) end the read: for everyone or a large part of the organisation; a few
// units' people are found by unit instead (exposed_order_in_units).
MATCH (r:InsightPerson)
USING INDEX r:InsightPerson(exposed_order)
WHERE r.exposed_order IS NOT NULL AND coalesce(r.run, '') = $run AND ($units IS NULL OR r.unit IN $units)
RETURN r.row AS row
ORDER BY r.exposed_order
LIMIT $limit
