// Coverage counts per org unit over the unit and every unit PART_OF it, with
// $leavers taken out. Status per position as in succession_positions.cypher
// (keep in step). bench_strength is covered critical / critical, null when
// the unit has no critical position.
MATCH (u:OrgUnit)
OPTIONAL MATCH (pos:Position)-[:IN]->(:OrgUnit)-[:PART_OF*0..]->(u)
WITH u, pos,
     COUNT { MATCH (s:Person)-[:SUCCESSOR_FOR]->(pos) WHERE NOT s.id IN $leavers AND NOT (s)-[:HOLDS]->(pos) }
       AS nominated,
     COUNT { MATCH (s:Person)-[:SUCCESSOR_FOR {readiness: 'ready_now'}]->(pos)
             WHERE NOT s.id IN $leavers AND NOT (s)-[:HOLDS]->(pos) } AS ready
WITH u, pos, ready, coalesce(pos.critical, false) AS critical,
     CASE WHEN pos IS NULL THEN null WHEN ready > 0 THEN 'covered' WHEN nominated > 0 THEN 'developing'
          ELSE 'gap' END AS status
WITH u, count(pos) AS positions,
     count(CASE WHEN critical THEN 1 END) AS critical,
     count(CASE WHEN status = 'covered' THEN 1 END) AS covered,
     count(CASE WHEN status = 'developing' THEN 1 END) AS developing,
     count(CASE WHEN status = 'gap' THEN 1 END) AS gap,
     count(CASE WHEN critical AND status = 'covered' THEN 1 END) AS critical_covered,
     sum(CASE WHEN critical THEN ready ELSE 0 END) AS critical_ready_now
RETURN u.id AS id, u.name AS name, head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id]) AS parent,
       positions, critical, covered, developing, gap, critical_covered,
       CASE WHEN critical = 0 THEN null ELSE toFloat(critical_covered) / critical END AS bench_strength,
       CASE WHEN critical = 0 THEN null ELSE toFloat(critical_ready_now) / critical END AS ready_now_per_critical
ORDER BY id
