// People whose name contains $text (any case), by name, at most $limit.
MATCH (p:Person)
WHERE toLower(p.name) CONTAINS toLower($text)
RETURN p.id AS id, p.name AS name, p.title AS title, head([(p)-[:MEMBER_OF]->(u:OrgUnit) | u.name]) AS org_unit
ORDER BY name, id
LIMIT $limit
