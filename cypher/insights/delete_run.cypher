// A refresh that lost to another one (which removed its rows while it saved) drops what
// it still wrote of its run $run, so a failed refresh leaves nothing behind; in bounded
// transactions. Auto-commit only (IN TRANSACTIONS).
CALL () {
  MATCH (r:InsightPerson) WHERE r.run = $run RETURN r
  UNION
  MATCH (r:InsightPart) WHERE r.run = $run RETURN r
}
CALL (r) { DETACH DELETE r } IN TRANSACTIONS OF 10000 ROWS
