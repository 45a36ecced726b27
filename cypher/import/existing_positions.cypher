UNWIND $keys AS key
MATCH (pos:Position {id: key}) USING INDEX SEEK pos:Position(id)
RETURN key
