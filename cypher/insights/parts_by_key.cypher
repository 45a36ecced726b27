// The stored parts of $kind with one of $keys of run $run (the current one: current_run)
// in the order saved (JSON values, in one record), each looked up by kind and key
// (unknown keys find nothing).
MATCH (r:InsightPart)
USING INDEX SEEK r:InsightPart(kind, key)
WHERE r.kind = $kind AND r.key IN $keys AND coalesce(r.run, '') = $run
WITH r
ORDER BY r.position
RETURN collect(r.value) AS parts
