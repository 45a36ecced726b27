MATCH (p:Person)-[s:SUCCESSOR_FOR]->(pos:Position)
RETURN p.id AS person, pos.id AS position, s.readiness AS readiness, s.nominated_on AS nominated_on
ORDER BY person, position
