// What impact, exposure and growth read of people, in one record: [id, flight_risk,
// [[skill, level]], [skill wanted]] of everyone who has not left, none of the rest
// of their records. Same definition as netgraph/store/embedded/insights.py.
MATCH (p:Person) WHERE NOT p:Left
RETURN collect([
  p.id, p.flight_risk,
  [(p)-[h:HAS_SKILL]->(s:Skill) | [s.name, h.level]],
  [(p)-[:WANTS_TO_GROW]->(s:Skill) | s.name]
]) AS people
