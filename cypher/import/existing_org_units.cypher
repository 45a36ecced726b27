UNWIND $keys AS key
MATCH (:OrgUnit {id: key})
RETURN key
