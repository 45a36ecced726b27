UNWIND $keys AS key
MATCH (unit0:OrgUnit {id: key}) USING INDEX SEEK unit0:OrgUnit(id)
RETURN key
