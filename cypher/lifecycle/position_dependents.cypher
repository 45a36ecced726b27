// What still refers to $position: its holders, its nominees and the positions
// that report to it (a position cannot be deleted while any is there).
MATCH (pos:Position {id: $position}) USING INDEX SEEK pos:Position(id)
RETURN COLLECT { MATCH (p:Person)-[:HOLDS]->(pos) RETURN p.id } AS holders,
       COLLECT { MATCH (p:Person)-[:SUCCESSOR_FOR]->(pos) RETURN p.id } AS successors,
       COLLECT { MATCH (r:Position)-[:REPORTS_TO]->(pos) RETURN r.id } AS reports
