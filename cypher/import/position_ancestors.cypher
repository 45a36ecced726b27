// The REPORTS_TO links on the way up from the positions asked for, for an import's cycle check:
// a cycle a document makes runs through its own positions, so their ancestors are all it needs.
UNWIND $ids AS id
MATCH (start:Position {id: id}) USING INDEX SEEK start:Position(id)
MATCH (start)-[:REPORTS_TO*0..]->(child:Position)-[:REPORTS_TO]->(parent:Position)
RETURN DISTINCT child.id AS child, parent.id AS parent
