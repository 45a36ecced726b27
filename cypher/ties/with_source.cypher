// The KNOWS links (retired ones too) that name $source among their sources, with one of $people
// (null: everybody's), as exported.
MATCH (a:Person)-[k:KNOWS|KNEW]->(b:Person)
WHERE $source IN k.sources AND ($people IS NULL OR a.id IN $people OR b.id IN $people)
RETURN a.id AS a, b.id AS b, k.since AS since, k.strength AS strength, k.context AS context,
       k.sources AS sources, k.declared_strength AS declared_strength,
       k.evidence_strength AS evidence_strength, k.org_chart_strength AS org_chart_strength,
       k.first_seen AS first_seen, k.last_seen AS last_seen, k.retired_on AS retired_on
ORDER BY a, b
