// Each link once, in its stored direction (a < b by construction). A link stored
// before provenance existed reads as declared (or introduction) with its strength
// as the declared one (netgraph/store/embedded/records.py: knows_record).
MATCH (a:Person)-[k:KNOWS|KNEW]->(b:Person)  // KNEW: a retired tie
RETURN a.id AS a, b.id AS b, k.since AS since, k.strength AS strength, k.context AS context,
       coalesce(k.sources, [CASE k.context WHEN 'introduction' THEN 'introduction' ELSE 'declared' END]) AS sources,
       CASE WHEN k.sources IS NULL THEN k.strength ELSE k.declared_strength END AS declared_strength,
       k.evidence_strength AS evidence_strength, k.org_chart_strength AS org_chart_strength,
       k.first_seen AS first_seen, k.last_seen AS last_seen, k.retired_on AS retired_on
ORDER BY a, b
