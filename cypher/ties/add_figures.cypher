// The running figures of the pairs an ingest touched (netgraph/model/ties.py: PairFigures), one node per
// pair (a < b), replacing what was kept; written after the ingest's counts, under its pending marker
// (drop_batch_rows.cypher drops the figures of a pending batch's pairs with its counts; until then
// readers leave out figures whose batch is pending).
UNWIND $figures AS f
MERGE (n:TieFigures {a: f.a, b: f.b})
SET n.batch = $batch, n.rule = f.rule, n.first_seen = f.first_seen, n.last_seen = f.last_seen, n.events = f.events,
    n.evidence = f.evidence, n.qualified_by = f.qualified_by, n.pending_days = f.pending_days,
    n.pending_events = f.pending_events
