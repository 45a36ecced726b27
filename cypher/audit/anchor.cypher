// The anchor: the last event's hash and how many events there are (no row: no trail yet).
MATCH (a:AuditAnchor {id: 'audit'})
RETURN a.head AS head, a.count AS count
