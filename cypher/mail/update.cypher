// Store $row (every field of a message) in place of the stored message with its id.
MATCH (m:OutboxMessage {id: $row.id})
SET m = $row
RETURN count(m) AS updated
