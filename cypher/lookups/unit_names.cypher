// The names of the org units asked for (missing ids are simply absent).
UNWIND $ids AS id
MATCH (u:OrgUnit {id: id}) USING INDEX SEEK u:OrgUnit(id)
RETURN u.id AS id, u.name AS name
