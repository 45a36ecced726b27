// Drop every count and removal note naming one of $people (opting out, erasure); how many counts went
// (a pack holds one per day and channel; a node written before packing holds one).
// A person's packs as `a` come from the (a, b) index (its first key, every b), as `b` from the index on b.
UNWIND $people AS person
CALL (person) {
  CALL (person) {
    MATCH (e:TieEvidence)
      USING INDEX SEEK e:TieEvidence(a, b)
      WHERE e.a = person AND e.b IS NOT NULL
    RETURN e
    UNION
    MATCH (e:TieEvidence)
      USING INDEX SEEK e:TieEvidence(b)
      WHERE e.b = person
    RETURN e
  }
  WITH e, coalesce(size(e.days), 1) AS counts
  DELETE e
  RETURN sum(counts) AS dropped
}
CALL (person) {
  MATCH (r:RemovedTie) WHERE r.a = person OR r.b = person
  DELETE r
}
RETURN sum(dropped) AS dropped
