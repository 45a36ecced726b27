// Every successor nomination as [person, position]: what still refers to a position the snapshot drops.
MATCH (p:Person)-[:SUCCESSOR_FOR]->(pos:Position)
RETURN [p.id, pos.id] AS row
