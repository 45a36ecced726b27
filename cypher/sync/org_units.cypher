// The HR sync's row of every org unit (UNIT_ROW, after the id).
MATCH (u:OrgUnit)
// a unit stored before source existed is manual
RETURN [u.id, u.name, head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id]), coalesce(u.source, 'manual')] AS row
