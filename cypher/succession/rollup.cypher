// Coverage counts per org unit over the unit and every unit PART_OF it, with
// $leavers taken out, for every unit. Each
// position's status is computed once (the rule position_status, marked below)
// and counted for its unit and that unit's ancestors.
// bench_strength is covered critical / critical, null without critical positions.
CALL () {
  MATCH (pos:Position)-[:IN]->(home:OrgUnit)
  WITH pos, home,
       [(s:Person)-[n:SUCCESSOR_FOR]->(pos) WHERE NOT s.id IN $leavers AND NOT (s)-[:HOLDS]->(pos) | n.readiness]
         AS readiness
  WITH pos, home, size([r IN readiness WHERE r = 'ready_now']) AS ready, size(readiness) AS nominated
  WITH pos, home, ready, coalesce(pos.critical, false) AS critical,
       // rule: position_status (netgraph/model/rules.py)
       CASE WHEN ready > 0 THEN 'covered' WHEN nominated > 0 THEN 'developing' ELSE 'gap' END AS status
       // end rule
  MATCH (home)-[:PART_OF*0..]->(u:OrgUnit)
  RETURN u, count(pos) AS positions,
         count(CASE WHEN critical THEN 1 END) AS critical,
         count(CASE WHEN status = 'covered' THEN 1 END) AS covered,
         count(CASE WHEN status = 'developing' THEN 1 END) AS developing,
         count(CASE WHEN status = 'gap' THEN 1 END) AS gap,
         count(CASE WHEN critical AND status = 'covered' THEN 1 END) AS critical_covered,
         sum(CASE WHEN critical THEN ready ELSE 0 END) AS critical_ready_now
  UNION ALL
  MATCH (u:OrgUnit)
  WHERE NOT EXISTS { MATCH (:Position)-[:IN]->(:OrgUnit)-[:PART_OF*0..]->(u) }
  RETURN u, 0 AS positions, 0 AS critical, 0 AS covered, 0 AS developing, 0 AS gap,
         0 AS critical_covered, 0 AS critical_ready_now
}
RETURN u.id AS id, u.name AS name, head([(u)-[:PART_OF]->(parent:OrgUnit) | parent.id]) AS parent,
       positions, critical, covered, developing, gap, critical_covered,
       CASE WHEN critical = 0 THEN null ELSE toFloat(critical_covered) / critical END AS bench_strength,
       CASE WHEN critical = 0 THEN null ELSE toFloat(critical_ready_now) / critical END AS ready_now_per_critical
ORDER BY id
