// What programme growth reads, in one record: every KNOWS link (retired ones too,
// stored as KNEW) dated on or after $since, its date its own `since` or else
// `first_seen`, as [a, b, date] with a < b, sorted; every mentorship with a start,
// as [mentor, mentee, since, status], sorted; every introduction with an accepted_on, as
// [introduce, to, accepted_on], sorted. Same as netgraph/store/embedded/insights.py.
CALL () {
  MATCH (a:Person)-[k:KNOWS|KNEW]-(b:Person)
  WHERE a.id < b.id AND coalesce(k.since, k.first_seen) >= $since
  WITH a.id AS a, b.id AS b, min(coalesce(k.since, k.first_seen)) AS on
  ORDER BY a, b
  RETURN collect([a, b, on]) AS ties
}
CALL () {
  MATCH (mentor:Person)-[m:MENTORS]->(mentee:Person)
  WHERE m.since IS NOT NULL
  WITH mentor.id AS mentor, mentee.id AS mentee, m.since AS since, coalesce(m.status, 'active') AS status
  ORDER BY mentor, mentee
  RETURN collect([mentor, mentee, since, status]) AS mentorships
}
CALL () {
  MATCH (who:Person)<-[:INTRODUCES]-(i:Introduction)-[:TO]->(to:Person)
  WHERE i.accepted_on IS NOT NULL
  WITH who.id AS introduce, to.id AS to, i.accepted_on AS accepted_on
  ORDER BY introduce, to, accepted_on
  RETURN collect([introduce, to, accepted_on]) AS introductions
}
RETURN ties, mentorships, introductions
