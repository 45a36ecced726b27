// Erasure: the stored person rows (of every run: one being saved too) whose JSON holds
// $text (a quoted id): they name the person being erased (a bridge's other end, a
// cut-off piece), to be scrubbed; each with its node's element id.
MATCH (r:InsightPerson)
WHERE r.row CONTAINS $text
RETURN elementId(r) AS node, r.row AS row
