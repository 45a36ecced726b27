// Erasure: the stored person rows whose JSON holds $text (a quoted id): they name the
// person being erased (a bridge's other end, a cut-off piece), to be scrubbed.
MATCH (r:InsightPerson)
WHERE r.row CONTAINS $text
RETURN r.person AS person, r.row AS row
