// The trail's anchor (the last event's hash and the count), made on first use
// and locked for the rest of the transaction: appends are one at a time, so
// each event links to the one before it.
MERGE (a:AuditAnchor {id: 'audit'})
  ON CREATE SET a.head = $genesis, a.count = 0
SET a.appending = true
RETURN a.head AS head, a.count AS count
