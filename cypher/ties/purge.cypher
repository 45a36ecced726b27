// Drop every count and removal note naming one of $people (opting out, erasure).
UNWIND $people AS person
CALL (person) {
  MATCH (e:TieEvidence) WHERE e.a = person OR e.b = person
  DELETE e
  RETURN count(*) AS dropped
}
CALL (person) {
  MATCH (r:RemovedTie) WHERE r.a = person OR r.b = person
  DELETE r
}
RETURN sum(dropped) AS dropped
