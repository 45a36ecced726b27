// The names of the org units asked for (missing ids are simply absent), as [id, name]
// pairs in one record: a page naming hundreds of units (a deep level of the insights
// heat map) pays one record's overhead, not hundreds.
UNWIND $ids AS id
MATCH (u:OrgUnit {id: id}) USING INDEX SEEK u:OrgUnit(id)
RETURN collect([u.id, u.name]) AS names
