// The titles of the positions asked for (missing ids are simply absent).
UNWIND $ids AS id
MATCH (p:Position {id: id}) USING INDEX SEEK p:Position(id)
RETURN p.id AS id, p.title AS title
