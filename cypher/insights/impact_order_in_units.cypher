// Stored person rows of the people in $units of run $run (the current one: current_run) (a
// few units: each looked up by unit) in the risk x impact grid's listing order (netgraph.model.impact.listing_order), at most $limit.
MATCH (r:InsightPerson)
USING INDEX SEEK r:InsightPerson(unit)
WHERE r.unit IN $units AND r.impact_order IS NOT NULL AND coalesce(r.run, '') = $run
RETURN r.row AS row
ORDER BY r.impact_order
LIMIT $limit
