// Stored person rows of the people in $units of run $run (the current one: current_run)
// (a few units: each looked up by unit), by rank (betweenness), highest first, then by
// id, at most $limit.
MATCH (r:InsightPerson)
USING INDEX SEEK r:InsightPerson(unit)
WHERE r.unit IN $units AND coalesce(r.run, '') = $run
RETURN r.row AS row
ORDER BY r.rank DESC, r.person
LIMIT $limit
