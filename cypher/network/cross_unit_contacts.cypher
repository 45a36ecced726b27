// For each of $given.ids: their KNOWS/MENTORS contacts who belong to another org
// unit than theirs (any unit at all, for someone without one), leaving out
// people who have left.
// The list comes inside the map $given, so that every size shares one plan (see succession/positions).
UNWIND $given.ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
WITH id, p, head([(p)-[:MEMBER_OF]->(u:OrgUnit) | u]) AS unit
RETURN id, COLLECT { MATCH (p)-[:KNOWS|MENTORS]-(o:Person)-[:MEMBER_OF]->(v:OrgUnit)
                     WHERE (unit IS NULL OR v <> unit) AND NOT o:Left RETURN DISTINCT o.id } AS contacts
