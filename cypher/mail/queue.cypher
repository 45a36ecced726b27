// Queue messages ($rows: every field of each): one whose id is stored already is left as it is.
// Returns how many were new.
UNWIND $rows AS row
MERGE (m:OutboxMessage {id: row.id})
ON CREATE SET m = row, m.new = true
WITH m
WITH sum(CASE WHEN m.new THEN 1 ELSE 0 END) AS added, collect(m) AS touched
FOREACH (m IN touched | REMOVE m.new)
RETURN added
