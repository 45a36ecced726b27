// The stored KNOWS links (retired ones, KNEW, too) of the pairs asked, as exported; asked per first person:
// $people [{a, bs}] for the pairs (a, b) of each b in bs. One seek of a and a walk of a's links, where a seek
// of both people of each pair and a look-up between them was two seeks a pair (a day of a million events at
// 10k people judges about 200,000 ties, some twenty of each person).
UNWIND $people AS asked
MATCH (a:Person {id: asked.a})-[k:KNOWS|KNEW]-(b:Person)
USING INDEX SEEK a:Person(id)
WHERE b.id IN asked.bs
RETURN a.id AS a, b.id AS b, k.since AS since, k.strength AS strength, k.context AS context,
       coalesce(k.sources, [CASE k.context WHEN 'introduction' THEN 'introduction' ELSE 'declared' END]) AS sources,
       CASE WHEN k.sources IS NULL THEN k.strength ELSE k.declared_strength END AS declared_strength,
       k.evidence_strength AS evidence_strength, k.org_chart_strength AS org_chart_strength,
       k.first_seen AS first_seen, k.last_seen AS last_seen, k.retired_on AS retired_on
