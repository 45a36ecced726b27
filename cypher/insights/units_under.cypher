// $unit and every org unit under it (PART_OF, any depth), found from the unit down: what
// a read of one unit's stored insights covers. No record for an unknown unit.
MATCH (top:OrgUnit {id: $unit})
USING INDEX SEEK top:OrgUnit(id)
OPTIONAL MATCH (below:OrgUnit)-[:PART_OF*]->(top)
WITH top, collect(DISTINCT below.id) AS below
RETURN [top.id] + below AS units
