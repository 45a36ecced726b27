// The org unit $unit and every unit below it (null: every org unit), each with its parent: what the
// coverage rollup needs besides the position rows (netgraph/store/rollup.py counts each position's status,
// computed once by succession/positions, for its unit and every unit above it). The subtree starts from
// the unit's id index, so one division's report reads its own units, not the organisation's.
// One row, `units`: a list of maps (id, name, parent), in no particular order
// (the rollup sorts); one record instead of one per unit is decoded far faster.
CALL () {
  MATCH (root:OrgUnit {id: $unit}) USING INDEX SEEK root:OrgUnit(id)
  MATCH (u:OrgUnit)-[:PART_OF*0..]->(root)
  RETURN u
  UNION
  UNWIND CASE WHEN $unit IS NULL THEN [true] ELSE [] END AS everything  // else a scan of every unit, filtered
  MATCH (u:OrgUnit)
  RETURN u
}
RETURN collect({id: u.id, name: u.name, parent: head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id])}) AS units
