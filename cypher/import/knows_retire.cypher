// After import/knows, for a batch whose links may be retired (a row gives retired_on,
// or a retired tie was stored): a link left with retired_on is stored as KNEW
// (netgraph/model/vocabulary.py: RETIRED_KNOWS_TYPE), with the same properties.
UNWIND $rows AS r
MATCH (a:Person {id: r.a})-[k:KNOWS]-(b:Person {id: r.b})
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
WHERE k.retired_on IS NOT NULL
WITH k, startNode(k) AS s, endNode(k) AS e, properties(k) AS props
CREATE (s)-[n:KNEW]->(e)
SET n = props
DELETE k
