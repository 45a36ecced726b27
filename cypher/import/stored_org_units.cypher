// The stored records of the keys asked for (ids), as export/org_units reads them:
// an import compares the fields a document carries with these to say what changes.
UNWIND $keys AS key
MATCH (u:OrgUnit {id: key}) USING INDEX SEEK u:OrgUnit(id)
// a unit stored before source existed is manual
RETURN u.id AS id, u.name AS name, head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id]) AS parent,
       coalesce(u.source, 'manual') AS source
