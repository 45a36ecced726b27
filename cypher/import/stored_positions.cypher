// The stored records of the keys asked for (ids), as export/positions reads them:
// an import compares the fields a document carries with these to say what changes.
UNWIND $keys AS key
MATCH (pos:Position {id: key}) USING INDEX SEEK pos:Position(id)
RETURN pos.id AS id, pos.title AS title, pos.level AS level, pos.critical AS critical,
       head([(pos)-[:IN]->(u:OrgUnit) | u.id]) AS org_unit,
       head([(pos)-[:REPORTS_TO]->(boss:Position) | boss.id]) AS reports_to,
       [(pos)-[:REQUIRES]->(s:Skill) | s.name] AS requires,
       [(p:Person)-[h:HOLDS]->(pos) | {person: p.id, since: h.since}] AS holders
