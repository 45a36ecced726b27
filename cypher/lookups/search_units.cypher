// Org units whose name or id contains $text (any case), by name then id, at most $limit,
// with the unit they are part of (two units of one name differ by it).
MATCH (u:OrgUnit)
WHERE toLower(u.name) CONTAINS toLower($text) OR toLower(u.id) CONTAINS toLower($text)
OPTIONAL MATCH (u)-[:PART_OF]->(parent:OrgUnit)
RETURN u.id AS id, u.name AS name, parent.id AS parent, parent.name AS parent_name
ORDER BY name, id
LIMIT $limit
