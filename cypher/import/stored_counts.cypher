// How many records of each section the database holds, from the count store (no
// record is read): import_document asks which of a document's keys are stored
// (import/existing_*) only for a section that has any; on an empty database those
// look-ups took 4-6 s of a first import of 100k people. A section's count covers
// what its existing_* statement matches (knows: KNOWS and KNEW).
CALL () { MATCH (n:OrgUnit) RETURN count(n) AS org_units }
CALL () { MATCH (n:Person) RETURN count(n) AS people }
CALL () { MATCH (n:Position) RETURN count(n) AS positions }
CALL () { MATCH ()-[r:KNOWS]->() RETURN count(r) AS current_links }
CALL () { MATCH ()-[r:KNEW]->() RETURN count(r) AS retired_links }
CALL () { MATCH ()-[r:MENTORS]->() RETURN count(r) AS mentorships }
CALL () { MATCH ()-[r:SUCCESSOR_FOR]->() RETURN count(r) AS successors }
CALL () { MATCH (n:Introduction) RETURN count(n) AS introductions }
RETURN org_units, people, positions, current_links + retired_links AS knows, mentorships, successors, introductions
