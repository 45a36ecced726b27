// Drop every stored person row (before a refresh saves new ones), in the refresh's
// transaction. Person rows are nodes of their own, not properties of the
// Person: an import replaces a person's properties whole (import/people).
MATCH (r:InsightPerson)
DETACH DELETE r
