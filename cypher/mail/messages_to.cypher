// The stored messages to $person, oldest first.
MATCH (m:OutboxMessage {to_person: $person})
RETURN m {.*} AS message
ORDER BY m.queued_at, m.id
