// Stored person rows of $persons of run $run (the current one: current_run) (each looked
// up by person), of people in $units only if given, by rank (betweenness), highest
// first, then by id, at most $limit.
MATCH (r:InsightPerson)
USING INDEX SEEK r:InsightPerson(person)
WHERE r.person IN $persons AND coalesce(r.run, '') = $run AND ($units IS NULL OR r.unit IN $units)
RETURN r.row AS row
ORDER BY r.rank DESC, r.person
LIMIT $limit
