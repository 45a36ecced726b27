UNWIND $keys AS key
MATCH (:Person {id: key})
RETURN key
