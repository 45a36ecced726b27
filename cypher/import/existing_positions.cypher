UNWIND $keys AS key
MATCH (:Position {id: key})
RETURN key
