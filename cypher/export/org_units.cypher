MATCH (u:OrgUnit)
OPTIONAL MATCH (u)-[:PART_OF]->(parent:OrgUnit)
RETURN u.id AS id, u.name AS name, parent.id AS parent
ORDER BY id
