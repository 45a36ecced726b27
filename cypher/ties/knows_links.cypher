// The stored KNOWS links (retired ones, KNEW, too) of the pairs $pairs ([a, b], a < b), as exported.
UNWIND $pairs AS pair
MATCH (a:Person {id: pair[0]})-[k:KNOWS|KNEW]-(b:Person {id: pair[1]})
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
RETURN a.id AS a, b.id AS b, k.since AS since, k.strength AS strength, k.context AS context,
       coalesce(k.sources, [CASE k.context WHEN 'introduction' THEN 'introduction' ELSE 'declared' END]) AS sources,
       CASE WHEN k.sources IS NULL THEN k.strength ELSE k.declared_strength END AS declared_strength,
       k.evidence_strength AS evidence_strength, k.org_chart_strength AS org_chart_strength,
       k.first_seen AS first_seen, k.last_seen AS last_seen, k.retired_on AS retired_on
