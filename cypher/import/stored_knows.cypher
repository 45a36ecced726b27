// The stored records of the keys asked for ([a, b] pairs, a < b), as export/knows reads
// them: an import compares the fields a document carries with these to say what changes.
UNWIND $keys AS key
MATCH (a:Person {id: key[0]})-[k:KNOWS|KNEW]-(b:Person {id: key[1]})  // KNEW: a retired tie
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
RETURN key[0] AS a, key[1] AS b, k.since AS since, k.strength AS strength, k.context AS context,
       coalesce(k.sources, [CASE k.context WHEN 'introduction' THEN 'introduction' ELSE 'declared' END]) AS sources,
       CASE WHEN k.sources IS NULL THEN k.strength ELSE k.declared_strength END AS declared_strength,
       k.evidence_strength AS evidence_strength, k.org_chart_strength AS org_chart_strength,
       k.first_seen AS first_seen, k.last_seen AS last_seen, k.retired_on AS retired_on
