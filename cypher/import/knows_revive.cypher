// Before import/knows, for a batch of its rows while any retired tie is stored
// (import/any_retired): a pair's retired tie (KNEW) becomes a KNOWS again with the
// same properties, so that import/knows merges the row onto what was stored; if the
// link stays retired, import/knows_retire makes it KNEW again.
UNWIND $rows AS r
MATCH (a:Person {id: r.a})-[knew:KNEW]-(b:Person {id: r.b})
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
WITH knew, startNode(knew) AS s, endNode(knew) AS e, properties(knew) AS props
CREATE (s)-[k:KNOWS]->(e)
SET k = props
DELETE knew
