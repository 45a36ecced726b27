// One batch of stored unit-level parts: [kind, key, position, value (JSON)]; one node
// each (a unit's silo row, a level's heat map, a community...), so a read opens only
// the ones it shows.
UNWIND $rows AS r
CREATE (:InsightPart {kind: r[0], key: r[1], position: r[2], value: r[3]})
