// Ingests whose counts were being written when their run stopped (their rows are dropped first).
MATCH (p:TiePending)
RETURN p.batch AS batch
