// What a matching round reads about its people ($ids), in one round trip: the positions
// each holds; those positions and every one above them, with what they report to and
// their holders; the mentorships with both ends among them; and each one's load
// (active mentees plus introductions they made that are still open, $open).
CALL () {
  UNWIND $ids AS id
  MATCH (holder:Person {id: id})-[:HOLDS]->(pos:Position)
  USING INDEX SEEK holder:Person(id)
  RETURN collect({person: id, position: pos.id}) AS held
}
CALL () {
  UNWIND $ids AS id
  MATCH (holder:Person {id: id})-[:HOLDS]->(:Position)-[:REPORTS_TO*0..]->(up:Position)
  USING INDEX SEEK holder:Person(id)
  WITH DISTINCT up
  RETURN collect({id: up.id, reports_to: head([(up)-[:REPORTS_TO]->(boss:Position) | boss.id]),
                  holders: [(h:Person)-[:HOLDS]->(up) | h.id]}) AS positions
}
CALL () {
  UNWIND $ids AS id
  MATCH (mentor:Person {id: id})-[m:MENTORS]->(mentee:Person)
  USING INDEX SEEK mentor:Person(id)
  WHERE mentee.id IN $ids
  RETURN collect({mentor: id, mentee: mentee.id, status: m.status, until: m.until}) AS mentorships
}
CALL () {
  UNWIND $ids AS id
  MATCH (p:Person {id: id})
  USING INDEX SEEK p:Person(id)
  RETURN collect({id: id, load: COUNT { (p)-[:MENTORS {status: 'active'}]->(:Person) }
                               + COUNT { (p)-[:MADE]->(i:Introduction) WHERE i.status IN $open }}) AS load
}
RETURN held, positions, mentorships, load
