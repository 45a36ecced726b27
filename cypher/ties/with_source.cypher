// The KNOWS links (retired ones too) that name $source among their sources, with one of $people
// (null: everybody's), as exported.
// With $people, their links come from the id index (never a scan of every link filtered by id).
CALL () {
  UNWIND coalesce($people, []) AS person
  MATCH (p:Person {id: person}) USING INDEX SEEK p:Person(id)
  MATCH (p)-[k:KNOWS|KNEW]-(:Person)
  RETURN k
  UNION
  MATCH (:Person)-[k:KNOWS|KNEW]->(:Person)
  WHERE $people IS NULL
  RETURN k
}
WITH startNode(k) AS a, k, endNode(k) AS b
WHERE $source IN k.sources
RETURN a.id AS a, b.id AS b, k.since AS since, k.strength AS strength, k.context AS context,
       k.sources AS sources, k.declared_strength AS declared_strength,
       k.evidence_strength AS evidence_strength, k.org_chart_strength AS org_chart_strength,
       k.first_seen AS first_seen, k.last_seen AS last_seen, k.retired_on AS retired_on
ORDER BY a, b
