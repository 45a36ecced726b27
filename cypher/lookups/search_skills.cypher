// Skills whose name contains $text (any case), sorted, at most $limit.
MATCH (s:Skill)
WHERE toLower(s.name) CONTAINS toLower($text)
RETURN s.name AS name
ORDER BY name
LIMIT $limit
