// Tests only: delete one stored event.
MATCH (e:AuditEvent {seq: $seq})
DELETE e
