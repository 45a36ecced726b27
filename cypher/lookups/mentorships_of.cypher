// The mentorships in which $person is mentor or mentee, with the other person's name.
MATCH (p:Person {id: $person})-[m:MENTORS]-(other:Person) USING INDEX SEEK p:Person(id)
RETURN startNode(m) = p AS as_mentor, other.id AS other, other.name AS name, m.since AS since,
       m.until AS until, m.status AS status, m.kind AS kind, m.focus AS focus
ORDER BY as_mentor, status, other
