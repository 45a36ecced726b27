// Store redacted versions of events ($rows: {seq, event}); only erasure does this.
UNWIND $rows AS r
MATCH (e:AuditEvent {seq: r.seq})
SET e.event = r.event
