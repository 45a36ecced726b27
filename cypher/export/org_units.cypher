MATCH (u:OrgUnit)
OPTIONAL MATCH (u)-[:PART_OF]->(parent:OrgUnit)
// a unit stored before source existed is manual
RETURN u.id AS id, u.name AS name, parent.id AS parent, coalesce(u.source, 'manual') AS source
ORDER BY id
