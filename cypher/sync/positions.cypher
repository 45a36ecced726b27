// The HR sync's row of every position (POSITION_ROW, after the id); holders as [person, since].
// Each link type has one kind of node at its other end (IN a unit, REPORTS_TO a position, REQUIRES a
// skill, HOLDS from a person), so the ends are not label-checked: 300,000 db hits fewer at 100k positions.
MATCH (pos:Position)
RETURN [pos.id, pos.title, pos.level, coalesce(pos.critical, false),
        head([(pos)-[:IN]->(u) | u.id]),
        head([(pos)-[:REPORTS_TO]->(boss) | boss.id]),
        [(pos)-[:REQUIRES]->(s) | s.name],
        [(pos)<-[h:HOLDS]-(p) | [p.id, h.since]]] AS row
