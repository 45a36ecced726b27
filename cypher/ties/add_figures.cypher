// The running figures of the pairs an ingest touched (netgraph/model/ties.py: PairFigures), one node per
// pair (a < b), replacing what was kept; written after the ingest's counts, under its pending marker
// (drop_batch_rows.cypher drops the figures of a pending batch's pairs with its counts; until then
// readers leave out figures whose batch is pending). A pair's node is looked up with an index seek on
// `a` (a MERGE planned on an empty database's statistics scanned the label once per row: 20,000 rows
// took minutes), created when there is none, and its properties replaced (a null qualified_by removes it).
UNWIND $figures AS f
OPTIONAL MATCH (n:TieFigures)
  USING INDEX SEEK n:TieFigures(a)
  WHERE n.a = f.a AND n.b = f.b
WITH n, {a: f.a, b: f.b, batch: $batch, rule: f.rule, first_seen: f.first_seen, last_seen: f.last_seen,
         events: f.events, evidence: f.evidence, qualified_by: f.qualified_by, pending_days: f.pending_days,
         pending_events: f.pending_events} AS figures
FOREACH (_ IN CASE WHEN n IS NULL THEN [1] ELSE [] END | CREATE (created:TieFigures) SET created = figures)
SET n = figures
