// Every stored part of $kind of run $run (the current one: current_run) in the order
// saved (JSON values, in one record).
MATCH (r:InsightPart)
USING INDEX SEEK r:InsightPart(kind)
WHERE r.kind = $kind AND coalesce(r.run, '') = $run
WITH r
ORDER BY r.position
RETURN collect(r.value) AS parts
