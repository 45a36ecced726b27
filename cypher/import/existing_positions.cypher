UNWIND $keys AS key
MATCH (position0:Position {id: key}) USING INDEX SEEK position0:Position(id)
RETURN key
