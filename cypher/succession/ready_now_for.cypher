// For each person of $given.people (ids), the critical positions they are a counted ready-now successor
// for (a nomination as ready now to a seat they do not hold, as succession/cover_seats counts it):
// how the org chart finds the seats that compete with its cards' seats for the same people
// (netgraph/analysis/org_chart.py: cover_near). One row per person with at least one such seat.
//   $given: {people: ids}; one map, so that one plan serves every list size.
UNWIND $given.people AS id
MATCH (s:Person {id: id}) USING INDEX SEEK s:Person(id)
MATCH (s)-[:SUCCESSOR_FOR {readiness: 'ready_now'}]->(pos:Position)
WHERE pos.critical = true AND NOT EXISTS { (s)-[:HOLDS]->(pos) }
RETURN s.id AS person, collect(DISTINCT pos.id) AS seats
