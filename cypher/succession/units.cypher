// Every org unit with its parent: what the coverage rollup needs besides the
// position rows (netgraph/store/rollup.py counts each position's status, computed
// once by succession/positions, for its unit and every unit above it).
// One row, `units`: a list of maps (id, name, parent), in no particular order
// (the rollup sorts); one record instead of one per unit is decoded far faster.
MATCH (u:OrgUnit)
RETURN collect({id: u.id, name: u.name, parent: head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id])}) AS units
