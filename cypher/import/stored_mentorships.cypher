// The stored records of the keys asked for ([mentor, mentee] pairs), as export/mentorships
// reads them: an import compares the fields a document carries with these to say what changes.
UNWIND $keys AS key
MATCH (mentor:Person {id: key[0]})-[m:MENTORS]->(mentee:Person {id: key[1]})
USING INDEX SEEK mentor:Person(id) USING INDEX SEEK mentee:Person(id)
RETURN key[0] AS mentor, key[1] AS mentee, m.since AS since, m.until AS until,
       m.status AS status, m.kind AS kind, m.focus AS focus,
       m.mentor_rating AS mentor_rating, m.mentor_again AS mentor_again,
       m.mentee_rating AS mentee_rating, m.mentee_again AS mentee_again
