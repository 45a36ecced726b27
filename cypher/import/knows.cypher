// KNOWS is symmetric and stored once: the undirected MERGE finds the link in
// either direction and only creates (a)->(b), with a < b, when there is none.
// Provenance (Cypher twin of netgraph/model/ties.py: provenance): the fields in
// r.kept were left out of the record and keep what is stored (a link stored
// before provenance has its strength as the declared one); sources left out
// are the stored ones plus the record's own (r.props.sources) when it declares
// a strength; the effective strength is the largest strength given; only a tie
// known from interactions alone keeps a retired_on date. A retired tie is stored
// as KNEW (netgraph/model/vocabulary.py: RETIRED_KNOWS_TYPE). This statement
// deletes nothing: a pair's stored KNEW was made a KNOWS again before it
// (import/knows_revive), and a link left retired becomes KNEW after it
// (import/knows_retire), each run only for a batch that may need it
// (netgraph/store/neo4j_backend/persistence.py: write_knows). With the deletions in
// it, Neo4j planned seven Eager steps, each holding the whole batch.
// A link that, merged with what is stored, says no more than "declared (or introduction),
// this strength" is stored as a link written before provenance: since, strength, context
// (twin of netgraph/model/ties.py: declared_only; the export derives the rest). All
// properties are set by one SET of one map, whose null values are not stored.
UNWIND $rows AS r
MATCH (a:Person {id: r.a}) USING INDEX SEEK a:Person(id)
MATCH (b:Person {id: r.b}) USING INDEX SEEK b:Person(id)
MERGE (a)-[k:KNOWS]-(b)
WITH k, r, properties(k) AS old
WITH k, r, old,
     CASE WHEN 'since' IN r.kept THEN old.since ELSE r.props.since END AS since,
     CASE WHEN 'context' IN r.kept THEN old.context ELSE r.props.context END AS context,
     CASE WHEN NOT 'declared_strength' IN r.kept THEN r.props.declared_strength
          WHEN old.sources IS NULL THEN old.strength ELSE old.declared_strength END AS declared
WITH k, r, old, since, context, declared,
     CASE WHEN context = 'introduction' THEN 'introduction' ELSE 'declared' END AS own
WITH k, r, old, since, context, declared, own,
     CASE WHEN NOT 'sources' IN r.kept THEN r.props.sources
          WHEN old.sources IS NULL THEN [own]
          ELSE [s IN ['declared', 'interactions', 'org_chart', 'introduction']
                WHERE s IN old.sources OR (s = own AND declared IS NOT NULL)] END AS sources,
     CASE WHEN 'evidence_strength' IN r.kept THEN old.evidence_strength ELSE r.props.evidence_strength END AS evidence,
     CASE WHEN 'org_chart_strength' IN r.kept THEN old.org_chart_strength ELSE r.props.org_chart_strength END AS org
WITH k, r, since, context, declared, own, sources, evidence, org,
     CASE WHEN 'first_seen' IN r.kept THEN old.first_seen ELSE r.props.first_seen END AS first_seen,
     CASE WHEN 'last_seen' IN r.kept THEN old.last_seen ELSE r.props.last_seen END AS last_seen,
     reduce(m = null, s IN [declared, evidence, org] |
            CASE WHEN s IS NULL THEN m WHEN m IS NULL OR s > m THEN s ELSE m END) AS strength,
     CASE WHEN sources <> ['interactions'] THEN null
          WHEN 'retired_on' IN r.kept THEN old.retired_on ELSE r.props.retired_on END AS retired_on
WITH k, {since: since, strength: strength, context: context} AS plain,
     CASE WHEN sources = [own]
               AND evidence IS NULL AND org IS NULL AND first_seen IS NULL AND last_seen IS NULL
               AND retired_on IS NULL
          THEN {}
          ELSE {sources: sources, declared_strength: declared, evidence_strength: evidence,
                org_chart_strength: org, first_seen: first_seen, last_seen: last_seen, retired_on: retired_on}
     END AS provenance
SET k = plain, k += provenance
