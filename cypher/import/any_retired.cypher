// Whether any retired tie (KNEW) is stored, for import/knows: it looks for one between each pair
// only when there is one at all. The count store answers, in the writing transaction too.
MATCH ()-[r:KNEW]->()
RETURN count(r) > 0 AS any
