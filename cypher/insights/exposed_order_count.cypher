// How many stored person rows of run $run (the current one: current_run) the people exposed to departures, by unit then id lists: of
// people in $units only if given. Counted from the exposed_order index, no row read.
MATCH (r:InsightPerson)
USING INDEX r:InsightPerson(exposed_order)
WHERE r.exposed_order IS NOT NULL AND coalesce(r.run, '') = $run AND ($units IS NULL OR r.unit IN $units)
RETURN count(r) AS people
