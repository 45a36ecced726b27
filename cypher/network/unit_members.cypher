// The members of each of $units who have not left.
UNWIND $units AS unit_id
MATCH (u:OrgUnit {id: unit_id}) USING INDEX SEEK u:OrgUnit(id)
RETURN unit_id AS unit, COLLECT { MATCH (p:Person)-[:MEMBER_OF]->(u) WHERE NOT p:Left RETURN p.id } AS members
