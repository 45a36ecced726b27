// Tests may wipe a database only when it is empty (an audit anchor of no events aside) or marked as theirs.
RETURN NOT EXISTS { MATCH (n) WHERE NOT n:NetgraphTestDatabase AND NOT (n:AuditAnchor AND n.count = 0) }
       OR EXISTS { MATCH (:NetgraphTestDatabase) } AS allowed
