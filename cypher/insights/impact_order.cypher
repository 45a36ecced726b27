// Stored person rows of run $run (the current one: current_run) in the risk x impact grid's listing order (netgraph.model.impact.listing_order): of people in $units only if
// given, at most $limit. Read in the impact_order index's order, so the first $limit rows
// (of those units) end the read: for everyone or a large part of the organisation; a few
// units' people are found by unit instead (impact_order_in_units).
MATCH (r:InsightPerson)
USING INDEX r:InsightPerson(impact_order)
WHERE r.impact_order IS NOT NULL AND coalesce(r.run, '') = $run AND ($units IS NULL OR r.unit IN $units)
RETURN r.row AS row
ORDER BY r.impact_order
LIMIT $limit
