// Everyone who has not left, with each skill they hold at $min_level or above, as three
// parallel lists in one row (person, skill, level): what a mentor's contacts can reach.
MATCH (p:Person)-[h:HAS_SKILL]->(s:Skill)
WHERE NOT p:Left AND h.level >= $min_level
RETURN collect(p.id) AS people, collect(s.name) AS skills, collect(h.level) AS levels
