// The members of each of $units.
UNWIND $units AS unit_id
MATCH (u:OrgUnit {id: unit_id})
RETURN unit_id AS unit, COLLECT { MATCH (p:Person)-[:MEMBER_OF]->(u) RETURN p.id } AS members
