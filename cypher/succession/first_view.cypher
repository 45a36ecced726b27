// The succession page's first view of the org unit $unit and every unit below it (null: the whole organisation,
// positions in no unit too), for the organisation as it is, without building every position's row: the page
// draws a few dozen units and $limit positions of the 10,000 in a 100k organisation. Each unit's and each
// position's links are read once, and the answer is lists of values, not maps (6,666 units decode far faster
// so); netgraph/store/neo4j_backend/succession_queries.py names them, and counts the rows per unit and orders
// them as the embedded store does (netgraph/store/first_view_rows.py): grouping 10,000 rows here cost the
// server more than the rows cost the driver.
//   units     every unit of the scope as [id, name, parent] (below $unit the parent is read with the unit's
//             positions; for the whole organisation it is null here and given by...)
//   parents   ...[child, parent] for every PART_OF link between units, read by a scan of that link type
//             (walking each unit's links costs some 20 db hits a unit: its people's links are in the same list);
//   rows      every position of the scope as [unit (null: in no unit), status, critical, vacant, ready-now
//             successors, id];
//   seats     every critical position of the scope as [id, title, level, unit, [[successor, [critical positions
//             the successor holds]]]] with its ready-now successors: what simultaneous cover matches
//             (netgraph/analysis/simultaneous_cover.py);
//   nominated the $limit people with at least $at_least counted nominations in the scope, most first, each with
//             those positions, and nominated_count, how many such people there are.
// A nomination counts when the nominee does not hold the position. The status and the vacant flag are rules of
// netgraph/model/rules.py, marked below (tests/unit/test_rule_twins.py). found: false for an unknown $unit.
// A list imported into a subquery is kept out of its DISTINCT: each row carrying it is counted whole against
// the transaction's memory (over 10,000 rows, a UNION's DISTINCT went past the 717 MB limit of a server with a
// 1 GB heap, and an ORDER BY ... LIMIT took 650 MB).
CALL () {
  MATCH (root:OrgUnit {id: $unit}) USING INDEX SEEK root:OrgUnit(id)
  MATCH (u:OrgUnit)-[:PART_OF*0..]->(root)
  RETURN u
  UNION
  UNWIND CASE WHEN $unit IS NULL THEN [true] ELSE [] END AS everything  // else a scan of every unit, filtered
  MATCH (u:OrgUnit)
  RETURN u
}
// below $unit: one read of each unit's links gives its parent and the positions in it
WITH u, CASE WHEN $unit IS NULL THEN [] ELSE
          [(u)-[r:PART_OF|IN]-(x) |
           CASE
             WHEN type(r) = 'PART_OF' THEN CASE WHEN startNode(r) = u AND x:OrgUnit THEN [x.id] END
             WHEN endNode(r) = u AND x:Position THEN [x, null] END] END AS links
WITH collect([u.id, u.name, head([l IN links WHERE size(l) = 1 | l[0]])]) AS units,
     collect([l IN links WHERE size(l) = 2 | l[0]]) AS placed
CALL () {
  UNWIND CASE WHEN $unit IS NULL THEN [true] ELSE [] END AS everything
  MATCH ()-[r:PART_OF]->()
  WITH startNode(r) AS child, endNode(r) AS parent
  WHERE child:OrgUnit AND parent:OrgUnit
  RETURN collect([child.id, parent.id]) AS parents
}
// an aggregate in a subquery: one row even for a scope without positions (or an unknown unit)
CALL (placed) {
  CALL (placed) {
    UNWIND placed AS here
    UNWIND here AS pos
    RETURN pos
    UNION ALL
    UNWIND CASE WHEN $unit IS NULL THEN [true] ELSE [] END AS everything
    MATCH (pos:Position)
    RETURN pos
  }
  WITH DISTINCT pos
  // one read of each position's links: its holders, its nominations (with their readiness) and its unit
  WITH pos, [(pos)-[r:HOLDS|SUCCESSOR_FOR|IN]-(x) |
             CASE
               WHEN startNode(r) = pos THEN CASE WHEN type(r) = 'IN' AND x:OrgUnit THEN [x.id, null, null] END
               WHEN type(r) = 'SUCCESSOR_FOR' THEN [x, r.readiness]
               WHEN type(r) = 'HOLDS' AND x:Person THEN [x]
             END] AS links
  WITH pos, [l IN links WHERE size(l) = 1 | l[0]] AS holders, head([l IN links WHERE size(l) = 3 | l[0]]) AS unit,
       [l IN links WHERE size(l) = 2] AS named
  WITH pos, holders, unit, [n IN named WHERE NOT n[0] IN holders] AS nominations
  WITH pos, holders, unit, nominations, [n IN nominations WHERE n[1] = 'ready_now' | n[0]] AS ready
  WITH pos, unit, nominations, ready, coalesce(pos.critical, false) AS critical,
       // rule: position_status (netgraph/model/rules.py)
       CASE WHEN size(ready) > 0 THEN 'covered' WHEN size(nominations) > 0 THEN 'developing' ELSE 'gap' END AS status,
       // end rule
       // rule: is_vacant (netgraph/model/rules.py)
       size(holders) = 0 AS vacant
       // end rule
  // nodes only where names and titles are read later, for the few people listed
  RETURN collect([unit, status, critical, vacant, size(ready), pos.id]) AS rows,
         collect(CASE WHEN critical
                 THEN [pos.id, pos.title, pos.level, unit,
                       [s IN ready | [s.id, [(s)-[:HOLDS]->(held:Position) WHERE held.critical | held.id]]]] END) AS seats,
         collect(CASE WHEN size(nominations) > 0 THEN [pos, nominations] END) AS nominated
}
CALL (nominated) {
  UNWIND nominated AS pn
  UNWIND pn[1] AS n
  WITH n[0] AS person, collect([pn[0], n[1]]) AS held
  WHERE size(held) >= $at_least
  WITH person.id AS id, person, held ORDER BY size(held) DESC, id
  WITH collect([person, held]) AS many
  RETURN [m IN many[..$limit] | {person: m[0].id, name: m[0].name,
          positions: [h IN m[1] | {position: h[0].id, title: h[0].title, readiness: h[1]}]}]
         AS nominated_many,
         size(many) AS nominated_count
}
RETURN $unit IS NULL OR size(units) > 0 AS found, units, parents, rows, seats,
       nominated_many AS nominated, nominated_count
