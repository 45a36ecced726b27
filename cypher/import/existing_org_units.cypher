UNWIND $keys AS key
MATCH (u:OrgUnit {id: key}) USING INDEX SEEK u:OrgUnit(id)
RETURN key
