// The members of each of $given.units who have not left.
// The list comes inside the map $given, so that every size shares one plan (see succession/positions).
UNWIND $given.units AS unit_id
MATCH (u:OrgUnit {id: unit_id}) USING INDEX SEEK u:OrgUnit(id)
RETURN unit_id AS unit, COLLECT { MATCH (p:Person)-[:MEMBER_OF]->(u) WHERE NOT p:Left RETURN p.id } AS members
