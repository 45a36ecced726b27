// At most $limit queued messages whose next try is at or before $now (ISO stamps compare as text).
MATCH (m:OutboxMessage {state: 'queued'})
WHERE m.next_try <= $now
RETURN m {.*} AS message
ORDER BY m.next_try, m.id
LIMIT $limit
