// The stored parts of $kind in the order saved (JSON values, in one record): of $keys
// only if given (null: every part of the kind).
MATCH (r:InsightPart {kind: $kind})
WHERE $keys IS NULL OR r.key IN $keys
WITH r
ORDER BY r.position
RETURN collect(r.value) AS parts
