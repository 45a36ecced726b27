// Delete positions by id ($rows), with their own links (unit, required skills).
// The caller has refused positions that still have holders, nominations or reports.
UNWIND $rows AS id
MATCH (pos:Position {id: id}) USING INDEX SEEK pos:Position(id)
DETACH DELETE pos
