// Tests only: every property of every node and relationship, as text (to look for an erased person).
CALL () {
  MATCH (n) RETURN labels(n) AS kind, properties(n) AS props
  UNION ALL
  MATCH ()-[r]->() RETURN [type(r)] AS kind, properties(r) AS props
}
RETURN kind, props
