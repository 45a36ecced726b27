// The contact network once, as matching's distance searches read it: every person with a
// KNOWS or MENTORS link (either direction) to someone, and those contacts; people who left
// are left out at both ends (retired ties are stored as KNEW and so are not followed).
MATCH (p:Person)
WHERE NOT p:Left
WITH p, COLLECT { MATCH (p)-[:KNOWS|MENTORS]-(o:Person) WHERE NOT o:Left RETURN DISTINCT o.id } AS contacts
WHERE size(contacts) > 0
RETURN p.id AS id, contacts
