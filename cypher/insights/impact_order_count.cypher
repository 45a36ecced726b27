// How many stored person rows of run $run (the current one: current_run) the risk x impact grid's listing order (netgraph.model.impact.listing_order) lists: of
// people in $units only if given. Counted from the impact_order index, no row read.
MATCH (r:InsightPerson)
USING INDEX r:InsightPerson(impact_order)
WHERE r.impact_order IS NOT NULL AND coalesce(r.run, '') = $run AND ($units IS NULL OR r.unit IN $units)
RETURN count(r) AS people
