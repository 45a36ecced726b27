// The indexes not online yet (being built after the schema added them to a filled database, or failed),
// with how far each is built: a write checks this rather than waiting for them (`netgraph db init` waits).
SHOW INDEXES YIELD name, state, populationPercent
WHERE state <> 'ONLINE'
RETURN name, state, populationPercent AS percent
ORDER BY name
