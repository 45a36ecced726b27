// Tests only: delete every event and the anchor (tampering, as an attacker with database access would).
MATCH (n)
WHERE n:AuditEvent OR n:AuditAnchor
DETACH DELETE n
