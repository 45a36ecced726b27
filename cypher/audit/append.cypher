// Append one sealed event (netgraph/model/audit.py: seal) and move the anchor to it.
MATCH (a:AuditAnchor {id: 'audit'})
CREATE (:AuditEvent {seq: $seq, at: $at, action: $action, event: $event})
SET a.head = $hash, a.count = $seq
REMOVE a.appending
