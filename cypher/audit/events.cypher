// The sealed events (as JSON text), oldest first; from $since (an ISO time) when given.
MATCH (e:AuditEvent)
WHERE $since IS NULL OR e.at >= $since
RETURN e.event AS event
ORDER BY e.seq
