// An empty database's trail is kept from now on: its anchor exists before its first event, so that a
// database holding data without an anchor can only be one made before the trail existed.
MERGE (a:AuditAnchor {id: 'audit'})
  ON CREATE SET a.head = $genesis, a.count = 0
