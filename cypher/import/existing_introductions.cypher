UNWIND $keys AS key
MATCH (intro0:Introduction {id: key}) USING INDEX SEEK intro0:Introduction(id)
RETURN key
