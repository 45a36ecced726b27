// Drop every count and removal note naming one of $people (opting out, erasure); how many counts went
// (a pack holds one per day and channel; a node written before packing holds one).
UNWIND $people AS person
CALL (person) {
  MATCH (e:TieEvidence) WHERE e.a = person OR e.b = person
  WITH e, coalesce(size(e.days), 1) AS counts
  DELETE e
  RETURN sum(counts) AS dropped
}
CALL (person) {
  MATCH (r:RemovedTie) WHERE r.a = person OR r.b = person
  DELETE r
}
RETURN sum(dropped) AS dropped
