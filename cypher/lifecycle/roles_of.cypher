// The positions $person holds and is nominated for, by position id.
MATCH (p:Person {id: $person}) USING INDEX SEEK p:Person(id)
RETURN COLLECT { MATCH (p)-[h:HOLDS]->(pos:Position)
                 RETURN {position: pos.id, title: pos.title, since: h.since} AS held ORDER BY held.position } AS holds,
       COLLECT { MATCH (p)-[s:SUCCESSOR_FOR]->(pos:Position)
                 RETURN {position: pos.id, title: pos.title, readiness: s.readiness, nominated_on: s.nominated_on}
                   AS nomination ORDER BY nomination.position } AS nominations
