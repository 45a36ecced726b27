// Tests may wipe a database only when it is empty or marked as theirs.
RETURN NOT EXISTS { MATCH (n) WHERE NOT n:NetgraphTestDatabase }
       OR EXISTS { MATCH (:NetgraphTestDatabase) } AS allowed
