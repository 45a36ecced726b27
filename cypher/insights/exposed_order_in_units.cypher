// Stored person rows of the people in $units of run $run (the current one: current_run) (a
// few units: each looked up by unit) in the people exposed to departures, by unit then id, at most $limit.
MATCH (r:InsightPerson)
USING INDEX SEEK r:InsightPerson(unit)
WHERE r.unit IN $units AND r.exposed_order IS NOT NULL AND coalesce(r.run, '') = $run
RETURN r.row AS row
ORDER BY r.exposed_order
LIMIT $limit
