// Tests only: point the anchor elsewhere (tampering, as an attacker with database access would).
MATCH (a:AuditAnchor {id: 'audit'})
SET a.head = $head, a.count = $count
