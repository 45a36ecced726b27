// The contact network network insights read, in one record (one snapshot, one
// round trip): everyone who has not left, sorted by id, with their org unit
// ([id, unit]); one [a, b, strength] per linked pair (a < b), sorted, carrying the
// strongest of its KNOWS links not retired (retired ones are KNEW) and MENTORS
// links of any status; and every org unit with its parent ([id, parent]).
// Same definition as netgraph/store/embedded/insights.py: keep in step.
CALL () {
  MATCH (p:Person) WHERE NOT p:Left
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(u:OrgUnit)
  WITH p.id AS id, u.id AS unit
  ORDER BY id
  RETURN collect([id, unit]) AS people
}
CALL () {
  MATCH (a:Person)-[r:KNOWS|MENTORS]-(b:Person)
  WHERE a.id < b.id AND NOT a:Left AND NOT b:Left
  WITH a.id AS a, b.id AS b,
       max(
         // rule: link_strength (netgraph/model/rules.py)
         CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END
         // end rule
       ) AS strength
  ORDER BY a, b
  RETURN collect([a, b, strength]) AS links
}
CALL () {
  MATCH (u:OrgUnit)
  OPTIONAL MATCH (u)-[:PART_OF]->(parent:OrgUnit)
  WITH u.id AS id, parent.id AS parent
  ORDER BY id
  RETURN collect([id, parent]) AS units
}
RETURN people, links, units
