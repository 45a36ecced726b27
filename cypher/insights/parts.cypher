// Every stored part of $kind in the order saved (JSON values, in one record).
MATCH (r:InsightPart)
USING INDEX SEEK r:InsightPart(kind)
WHERE r.kind = $kind
WITH r
ORDER BY r.position
RETURN collect(r.value) AS parts
