// Erasure: delete the messages $deleted (ids, never sent); store $redacted (rows of every field) in place.
UNWIND $deleted AS id
MATCH (m:OutboxMessage {id: id})
DETACH DELETE m
WITH count(*) AS gone
UNWIND $redacted AS row
MATCH (m:OutboxMessage {id: row.id})
SET m = row
