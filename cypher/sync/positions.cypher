// The HR sync's row of every position (POSITION_ROW, after the id); holders as [person, since].
MATCH (pos:Position)
RETURN [pos.id, pos.title, pos.level, coalesce(pos.critical, false),
        head([(pos)-[:IN]->(u:OrgUnit) | u.id]),
        head([(pos)-[:REPORTS_TO]->(boss:Position) | boss.id]),
        [(pos)-[:REQUIRES]->(s:Skill) | s.name],
        [(p:Person)-[h:HOLDS]->(pos) | [p.id, h.since]]] AS row
