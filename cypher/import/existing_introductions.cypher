UNWIND $keys AS key
MATCH (:Introduction {id: key})
RETURN key
