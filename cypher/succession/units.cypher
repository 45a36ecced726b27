// Every org unit with its parent: what the coverage rollup needs besides the
// position rows (netgraph/store/rollup.py counts each position's status, computed
// once by succession/positions, for its unit and every unit above it).
MATCH (u:OrgUnit)
RETURN u.id AS id, u.name AS name, head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id]) AS parent
ORDER BY id
