// Succession coverage of the positions $given.ids, or of those in the org unit $given.unit and every unit below it
// (both null: every position), with $given.leavers taken out (a what-if; [] for the organisation as it is).
// The three come in one map, $given: Neo4j keeps a plan per size class of each list parameter (1, up to 10,
// up to 100, ...), and planning this statement takes about a second, so a what-if naming 2 positions after
// one naming 1 planned it again; a map has no size, and every call shares one plan.
// A nomination counts when the nominee is not leaving and does not hold the position. status: covered (a ready_now
// successor), developing (only later readiness), gap (none). The status and
// each flag are rules of netgraph/model/rules.py, marked below; the embedded
// store calls those functions (tests/unit/test_rule_twins.py holds them together).
//
// One row, `positions`: a list of one map per position (the keys of
// PositionRow in netgraph/store/ports.py). At 10k positions the Python driver
// takes about as long to build 10k records as the server takes to compute
// them; one record holding a list is decoded several times faster.
// A position's holders are walked once: who holds it (leavers or not) is kept
// in all_holders, so "the nominee does not hold the position" is a lookup in
// that short list, not a second walk of the nominee's relationships. Names come with the ids:
// the report would otherwise ask for 20,000 names in a second statement.
// The positions of $given.ids come from the id index (never a scan filtered by id); those of $given.unit from the unit's
// id index and a walk down its subtree (one division reads its own positions, not the organisation's).
CALL () {
  UNWIND coalesce($given.ids, []) AS id
  MATCH (pos:Position {id: id}) USING INDEX SEEK pos:Position(id)
  RETURN pos
  UNION
  MATCH (root:OrgUnit {id: $given.unit}) USING INDEX SEEK root:OrgUnit(id)
  MATCH (pos:Position)-[:IN]->(:OrgUnit)-[:PART_OF*0..]->(root)
  RETURN pos
  UNION
  // one row or none ahead of the scan: a WHERE on the parameters alone was planned after it (10k positions read
  // and dropped for one division or one position)
  UNWIND CASE WHEN $given.ids IS NULL AND $given.unit IS NULL THEN [true] ELSE [] END AS everything
  MATCH (pos:Position)
  RETURN pos
}
WITH pos, [(h:Person)-[:HOLDS]->(pos) | h] AS all_holders
WITH pos, [h IN all_holders WHERE NOT h.id IN $given.leavers] AS holders,
     // the nominee unlabelled (only people are nominated): (s:Person) let stale statistics scan every person
     [(s)-[n:SUCCESSOR_FOR]->(pos) WHERE NOT s.id IN $given.leavers AND NOT s IN all_holders |
      {node: s, person: s.id, name: s.name, readiness: n.readiness, level: s.level,
       // what a nominee holds: read for a part of the organisation only; the whole organisation's rows list
       // every position's incumbents, from which the backend fills it (a walk of 13,416 nominees' links
       // and a quarter of the statement's db hits at 100k)
       holds: COLLECT { UNWIND CASE WHEN $given.ids IS NULL AND $given.unit IS NULL THEN [] ELSE [true] END AS part
                        MATCH (s)-[:HOLDS]->(held:Position)
                        RETURN held.id }}] AS nominations
WITH pos, holders, nominations,
     [x IN nominations WHERE x.readiness = 'ready_now' | x.node] AS ready
WITH pos, holders, nominations, ready,
     // rule: position_status (netgraph/model/rules.py)
     CASE WHEN size(ready) > 0 THEN 'covered' WHEN size(nominations) > 0 THEN 'developing' ELSE 'gap' END AS status
     // end rule
WITH pos.id AS id, pos.title AS title, pos.level AS level, coalesce(pos.critical, false) AS critical,
     head([(pos)-[:IN]->(u:OrgUnit) | u.id]) AS org_unit,
     [h IN holders | h.id] AS incumbents,
     [h IN holders | h.name] AS incumbent_names,
     status,
     // rule: is_vacant (netgraph/model/rules.py)
     size(holders) = 0 AS vacant,
     // end rule
     // rule: has_flight_risk (netgraph/model/rules.py)
     any(h IN holders WHERE coalesce(h.flight_risk = 'high', false)) AS flight_risk,
     // end rule
     // rule: is_thin (netgraph/model/rules.py)
     size(nominations) = 1 AS thin,
     // end rule
     // rule: has_shared_cover (netgraph/model/rules.py)
     CASE WHEN size(ready) = 0 THEN false
          ELSE all(s IN ready WHERE EXISTS {
            MATCH (s)-[o:SUCCESSOR_FOR {readiness: 'ready_now'}]->(other:Position)
            WHERE other <> pos AND other.critical AND NOT (s)-[:HOLDS]->(other) }) END AS shared_cover,
     // end rule
     // rule: is_cascade (netgraph/model/rules.py)
     CASE WHEN size(ready) = 0 THEN false
          ELSE any(s IN ready WHERE EXISTS {
            MATCH (s)-[:HOLDS]->(held:Position)
            WHERE held.critical AND NOT EXISTS {
              MATCH (y:Person)-[:SUCCESSOR_FOR]->(held)
              WHERE NOT y.id IN $given.leavers AND NOT (y)-[:HOLDS]->(held) } }) END AS cascade,
     // end rule
     [x IN nominations | {person: x.person, name: x.name, readiness: x.readiness, level: x.level,
                          holds: x.holds}] AS successors
RETURN collect({id: id, title: title, level: level, critical: critical, org_unit: org_unit, incumbents: incumbents,
                incumbent_names: incumbent_names,
                status: status, vacant: vacant, flight_risk: flight_risk, thin: thin, shared_cover: shared_cover,
                cascade: cascade, successors: successors}) AS positions
