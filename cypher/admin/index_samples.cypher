// Each index's sample: the rows it counted when last sampled (size) and the writes since
// (updates). A sample is fresh again when its updates fall after admin/resample_outdated_indexes.
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
UNWIND data.indexes AS i
RETURN coalesce(i.labels, i.relationshipTypes) AS tokens, i.properties AS properties,
       i.totalSize AS size, i.updatesSinceEstimation AS updates
