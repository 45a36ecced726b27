// Whether any retired tie (KNEW) is stored: a KNOWS import batch runs import/knows_revive (a look-up
// per pair) only when there is one at all. The count store answers, in the writing transaction too.
MATCH ()-[r:KNEW]->()
RETURN count(r) > 0 AS any
