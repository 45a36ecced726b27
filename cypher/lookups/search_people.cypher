// People whose name contains $text (any case), by name, at most $limit.
MATCH (p:Person)
WHERE toLower(p.name) CONTAINS toLower($text)
OPTIONAL MATCH (p)-[:MEMBER_OF]->(u:OrgUnit)
RETURN p.id AS id, p.name AS name, p.title AS title, u.id AS org_unit, u.name AS org_unit_name
ORDER BY name, id
LIMIT $limit
