// Tests only: overwrite one stored event's JSON (tampering, as an attacker with database access would).
MATCH (e:AuditEvent {seq: $seq})
SET e.event = $event
