// Ask Neo4j to sample again every index whose sample is out of date (it does so in the
// background; admin/index_samples shows when it is done). Run after a write that changed
// more than NETGRAPH_NEO4J_RESAMPLE_SHARE of a label or link type: the planner costs a look-up
// by key from these samples, and a sample taken on an emptied database says "no rows".
CALL db.resampleOutdatedIndexes()
