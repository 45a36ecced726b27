// Every stored message, oldest first.
MATCH (m:OutboxMessage)
RETURN m {.*} AS message
ORDER BY m.queued_at, m.id
