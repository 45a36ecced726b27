// The names of the org units asked for (missing ids are simply absent).
UNWIND $ids AS id
MATCH (u:OrgUnit {id: id})
RETURN u.id AS id, u.name AS name
