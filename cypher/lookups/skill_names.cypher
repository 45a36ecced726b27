// Every skill in the graph (someone has, wants or requires it), sorted.
MATCH (s:Skill)
RETURN s.name AS name
ORDER BY name
