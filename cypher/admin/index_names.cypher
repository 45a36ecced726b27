// The name of every index (a uniqueness constraint's own index carries the constraint's name): when every name
// admin/schema creates is here and none it drops, a store's first write skips the schema's forty statements,
// each a transaction that takes schema locks (about 0.4 s warm and 4 s on a server just started, at a million
// people); netgraph/store/neo4j_backend/driver.py `schema_in_place`.
SHOW INDEXES YIELD name
RETURN name
ORDER BY name
