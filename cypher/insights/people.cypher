// Stored person rows by rank (betweenness), highest first, then by id: of $persons
// only if given (null: everyone), at most $limit.
MATCH (r:InsightPerson)
WHERE $persons IS NULL OR r.person IN $persons
RETURN r.row AS row
ORDER BY r.rank DESC, r.person
LIMIT $limit
