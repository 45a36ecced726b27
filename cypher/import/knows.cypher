// KNOWS is symmetric and stored once: the undirected MERGE finds the link in
// either direction and only creates (a)->(b), with a < b, when there is none.
UNWIND $rows AS r
MATCH (a:Person {id: r.a})
MATCH (b:Person {id: r.b})
MERGE (a)-[k:KNOWS]-(b)
SET k = r.props
