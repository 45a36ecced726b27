// Stored person rows by rank (betweenness), highest first, then by id: of $persons
// only if given (null: everyone), of people in $units only if given, at most $limit.
MATCH (r:InsightPerson)
WHERE ($persons IS NULL OR r.person IN $persons) AND ($units IS NULL OR r.unit IN $units)
RETURN r.row AS row
ORDER BY r.rank DESC, r.person
LIMIT $limit
