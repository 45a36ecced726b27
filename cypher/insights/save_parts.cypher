// One batch of run $run's stored unit-level parts: [kind, key, position, value (JSON)];
// one node each (a unit's silo row, a level's heat map, a community...), so a read opens
// only the ones it shows. Reads see them once save_state makes $run the current run.
UNWIND $rows AS r
CREATE (:InsightPart {run: $run, kind: r[0], key: r[1], position: r[2], value: r[3]})
