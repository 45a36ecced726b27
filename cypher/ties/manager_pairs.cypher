// (manager, report) pairs of people who have not left: the holder of a position and the holder of
// the position it reports to (netgraph/analysis/ties.py: org chart ties).
MATCH (r:Person)-[:HOLDS]->(:Position)-[:REPORTS_TO]->(:Position)<-[:HOLDS]-(m:Person)
WHERE r <> m AND NOT r:Left AND NOT m:Left
RETURN DISTINCT m.id AS manager, r.id AS report
ORDER BY manager, report
