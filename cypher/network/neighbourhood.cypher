// The people within $depth (1-3) KNOWS/MENTORS links of $person, nearest
// first (then by id), at most $limit of them besides $person, with how many
// there are in all; and the KNOWS, MENTORS and introduction links among
// those shown. People who have left are not in the network: the rings
// leave them out (a person who has left has no rings).
MATCH (p:Person {id: $person}) USING INDEX SEEK p:Person(id)
WITH p, COLLECT { MATCH (p)-[:KNOWS|MENTORS]-(x:Person) WHERE x <> p AND NOT p:Left AND NOT x:Left RETURN DISTINCT x ORDER BY x.id } AS ring1
WITH p, ring1,
     CASE WHEN $depth >= 2 THEN COLLECT {
       UNWIND ring1 AS y
       MATCH (y)-[:KNOWS|MENTORS]-(x:Person)
       WHERE x <> p AND NOT x IN ring1 AND NOT x:Left RETURN DISTINCT x ORDER BY x.id } ELSE [] END AS ring2
WITH p, ring1, ring2,
     CASE WHEN $depth >= 3 THEN COLLECT {
       UNWIND ring2 AS y
       MATCH (y)-[:KNOWS|MENTORS]-(x:Person)
       WHERE x <> p AND NOT x IN ring1 AND NOT x IN ring2 AND NOT x:Left RETURN DISTINCT x ORDER BY x.id } ELSE [] END AS ring3
WITH p, ring1, ring2, ring3, size(ring1) + size(ring2) + size(ring3) AS total
WITH p, total, [p] + (ring1 + ring2 + ring3)[..$limit] AS shown,
     [x IN ring1 | x.id] AS first, [x IN ring2 | x.id] AS second
RETURN total,
       [x IN shown | {id: x.id, name: x.name, title: x.title, level: x.level,
                      org_unit: head([(x)-[:MEMBER_OF]->(u:OrgUnit) | u.id]),
                      distance: CASE WHEN x = p THEN 0 WHEN x.id IN first THEN 1 WHEN x.id IN second THEN 2 ELSE 3 END}]
         AS people,
       COLLECT { UNWIND shown AS a
                 MATCH (a)-[r:KNOWS|MENTORS]->(b:Person) WHERE b IN shown
                 RETURN {from: a.id, to: b.id, type: type(r), strength: r.strength, status: r.status, kind: r.kind,
                         sources: CASE type(r) WHEN 'KNOWS'
                                    THEN coalesce(r.sources, [CASE r.context WHEN 'introduction' THEN 'introduction'
                                                                             ELSE 'declared' END]) END,
                         last_seen: r.last_seen}
                   AS link ORDER BY link.from, link.to, link.type } +
       COLLECT { UNWIND shown AS a
                 MATCH (a)<-[:INTRODUCES]-(i:Introduction)-[:TO]->(b:Person) WHERE b IN shown
                 RETURN {from: a.id, to: b.id, type: 'INTRODUCTION', strength: null, status: i.status, kind: null,
                         sources: null, last_seen: null}
                   AS link ORDER BY link.from, link.to, link.status } AS links
