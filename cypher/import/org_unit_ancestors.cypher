// The PART_OF links on the way up from the units asked for, for an import's cycle check:
// a cycle a document makes runs through its own units, so their ancestors are all it needs.
UNWIND $ids AS id
MATCH (start:OrgUnit {id: id}) USING INDEX SEEK start:OrgUnit(id)
MATCH (start)-[:PART_OF*0..]->(child:OrgUnit)-[:PART_OF]->(parent:OrgUnit)
RETURN DISTINCT child.id AS child, parent.id AS parent
