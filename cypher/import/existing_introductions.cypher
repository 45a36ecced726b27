UNWIND $keys AS key
MATCH (i:Introduction {id: key}) USING INDEX SEEK i:Introduction(id)
RETURN key
