// Delete org units by id ($rows), with their own links (to a parent unit).
// The caller has refused units that still have members, positions or sub-units.
UNWIND $rows AS id
MATCH (u:OrgUnit {id: id}) USING INDEX SEEK u:OrgUnit(id)
DETACH DELETE u
