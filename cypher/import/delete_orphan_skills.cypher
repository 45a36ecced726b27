// A skill exists while someone has, wants or a position requires it; a
// re-import that drops its last link removes it (the embedded store agrees).
MATCH (s:Skill)
WHERE NOT EXISTS { (s)--() }
DELETE s
