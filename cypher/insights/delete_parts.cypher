// Drop every stored unit-level part (before a refresh saves new ones), in the refresh's transaction.
MATCH (r:InsightPart)
DETACH DELETE r
