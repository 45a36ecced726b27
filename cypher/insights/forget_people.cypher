// Erasure: take $people out of every stored insight (their rows), in the erasure's transaction.
MATCH (r:InsightPerson)
WHERE r.person IN $people
DELETE r
