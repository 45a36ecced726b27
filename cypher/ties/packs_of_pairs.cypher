// The pack each pair of $pairs ([a, b], a < b) adds its counts to (append_evidence.cypher), by element id,
// found by one seek of the (a, b) index; a pair without a pack is left out (new_evidence.cypher makes it one).
// Of several packs of a pair (a store written before packs were kept per pair) the one with the pair's
// figures, so that a pair's figures stay on one pack. `undo`: whether the append must first keep what the
// pack was (undo_*), that is, it has not been kept for $batch already (an earlier transaction of the run).
// Read in the transaction that appends, so that the append needs no read of the properties it writes (a
// statement that both reads and writes them is planned with Eager operators, buffering every row).
UNWIND $pairs AS pair
CALL (pair) {
  MATCH (e:TieEvidence)
    USING INDEX SEEK e:TieEvidence(a, b)
    WHERE e.a = pair[0] AND e.b = pair[1] AND e.channels IS NOT NULL
  WITH e
  ORDER BY e.figures_rule IS NULL
  LIMIT 1
  RETURN e
}
RETURN pair[0] AS a, pair[1] AS b, elementId(e) AS pack,
       e.batch <> $batch AND coalesce(e.undo_batch, '') <> $batch AS undo
