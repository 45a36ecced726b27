// Everything one recommendation request needs, in one round trip: the
// person's record (as people_by_id gives it), their contacts (as contacts_of
// gives them), whether $ask.skill exists, and the introduction candidates with
// exclusions, components and score computed here and only the best $limit
// returned. Every component and the score are rules of netgraph/model/rules.py,
// marked below; tests/unit/test_rule_twins.py holds each twin to its rule.
//   $ask: {via: 'mentors' | 'all' | an introducer's id,
//          skill: a skill every candidate must have (and the only goal), or null};
//   $w: normalized weights; $since: ISO date opening the fairness window.
// The introducers follow netgraph/model/introducers.py (introducer_ids); the
// goals are [$ask.skill] or the skills the person wants to grow.
// Why so much in one statement: each round trip costs the database about as
// much CPU as a small query, and every request needs all of it. Why the
// request travels in the map $ask: Neo4j caches a plan per parameter type and
// list-size bucket, and planning this statement takes about a second.
MATCH (p:Person {id: $person})
WITH p,
     COLLECT {
       MATCH (p)-[r:KNOWS|MENTORS]-(c:Person)
       WITH c,
            max(CASE WHEN type(r) = 'KNOWS' THEN r.strength END) AS knows,
            max(CASE WHEN type(r) = 'MENTORS' AND endNode(r) = p THEN r.status END) AS mentors_them,
            max(CASE WHEN type(r) = 'MENTORS' AND startNode(r) = p THEN r.status END) AS mentored_by_them
       RETURN {id: c.id, name: c.name, knows: knows, mentors_them: mentors_them,
               mentored_by_them: mentored_by_them} AS contact
       ORDER BY contact.id
     } AS contacts
WITH p, contacts,
     CASE $ask.via
       WHEN 'mentors' THEN [c IN contacts WHERE c.mentors_them = 'active' | c.id]
       WHEN 'all' THEN [c IN contacts | c.id]
       ELSE [c IN contacts WHERE c.id = $ask.via | c.id]
     END AS introducers,
     CASE WHEN $ask.skill IS NULL THEN [(p)-[:WANTS_TO_GROW]->(s:Skill) | s.name] ELSE [$ask.skill] END AS goals,
     [(p)-[:KNOWS|MENTORS]-(:Person)-[:MEMBER_OF]->(u:OrgUnit) | u.id]
     + [(p)-[:MEMBER_OF]->(u:OrgUnit) | u.id] AS reached_units,
     // everyone the person was ever introduced to or from, collected once:
     // cheaper than walking each candidate's introductions
     COLLECT { MATCH (p)<-[:INTRODUCES|TO]-(:Introduction)-[:INTRODUCES|TO]->(o:Person) RETURN DISTINCT o }
       AS introduced
CALL (p, introducers, goals, reached_units, introduced) {
  // Every candidate knows an introducer, who is a contact of the person, so one
  // walk person -> contact z -> candidate yields both the Adamic-Adar sum (over
  // every common contact z) and the introducer links (where z is an introducer).
  MATCH (p)-[:KNOWS|MENTORS]-(z:Person)
  WITH DISTINCT z
  WITH z,
       COUNT { MATCH (z)-[:KNOWS|MENTORS]-(m:Person) RETURN DISTINCT m } AS degree,
       CASE WHEN z.id IN introducers
            THEN COLLECT { MATCH (z)-[:MADE]->(n:Introduction) WHERE n.outcome IS NOT NULL RETURN n.outcome }
       END AS outcomes
  // an introducer's track record: mean outcome on 0-1, with $track_prior neutral ratings
  // rule: track_record (netgraph/model/rules.py)
  WITH z, degree, size(outcomes) AS rated,
       (reduce(t = 0.0, x IN outcomes | t + (x - 1) / 4.0) + $track_prior * 0.5)
         / (size(outcomes) + $track_prior) AS track
  // end rule
  MATCH (z)-[r:KNOWS|MENTORS]-(c:Person)
  WHERE c <> p
  // one row per (candidate, common contact); an introducer's links become options
  WITH c, z, degree,
       collect(CASE WHEN track IS NOT NULL THEN {
         i: z, i_id: z.id, rated: rated, track: track, tie_since: r.since,
         tie: CASE type(r) WHEN 'KNOWS' THEN r.strength ELSE $mentor_strength END,
         tie_kind: CASE WHEN type(r) = 'KNOWS' THEN 'knows' WHEN startNode(r) = z THEN 'mentors'
                        ELSE 'mentored_by' END} END) AS links
  WITH c, sum(1.0 / log(degree)) AS aa, count(z) AS common_contacts,
       reduce(all = [], l IN collect(links) | all + l) AS options
  WHERE size(options) > 0
    AND coalesce(c.open_to_intros, true)
    AND NOT EXISTS { (p)-[:KNOWS|MENTORS]-(c) }
    AND NOT c IN introduced
    AND ($ask.skill IS NULL OR EXISTS { (c)-[:HAS_SKILL]->(:Skill {name: $ask.skill}) })
  // the best introducer (and link) for each candidate, as the only two terms that
  // depend on it rank them; ties: lowest introducer id, then link kind
  WITH c, aa, common_contacts,
       // rule: introducer_term (netgraph/model/rules.py)
       [o IN options | o {.*, key: round($w.tie_strength * o.tie + $w.track_record * o.track, 12)}] AS options
       // end rule
  WITH c, aa, common_contacts,
       reduce(best = head(options), o IN tail(options) |
         CASE WHEN o.key > best.key
                OR (o.key = best.key AND (o.i_id < best.i_id OR (o.i_id = best.i_id AND o.tie_kind < best.tie_kind)))
              THEN o ELSE best END) AS best
  OPTIONAL MATCH (c)-[:MEMBER_OF]->(u:OrgUnit)
  WITH c, best, u, aa, common_contacts,
       COLLECT { MATCH (c)-[h:HAS_SKILL]->(s:Skill) WHERE s.name IN goals
                 RETURN [s.name, h.level] AS pair ORDER BY pair[0] } AS goal_skills,
       COUNT { MATCH (c)<-[:INTRODUCES|TO]-(n:Introduction) WHERE n.created_on >= $since } AS recent
  WITH c, best, u, goal_skills, recent, common_contacts, aa,
       // rule: goal_fit (netgraph/model/rules.py)
       CASE WHEN size(goals) = 0 THEN 0.0
            ELSE reduce(t = 0.0, g IN goal_skills | t + g[1]) / (5.0 * size(goals)) END AS goal_fit,
       // end rule
       // rule: new_reach (netgraph/model/rules.py)
       CASE WHEN u IS NOT NULL AND NOT u.id IN reached_units THEN 1.0 ELSE 0.0 END AS new_reach,
       // end rule
       // rule: seniority_fit (netgraph/model/rules.py)
       CASE WHEN c.level IS NULL OR p.level IS NULL THEN 0.0
            WHEN (c.level - p.level) IN [1, 2, 3] THEN 1.0
            WHEN (c.level - p.level) IN [0, 4] THEN 0.5
            ELSE 0.0 END AS seniority_fit,
       // end rule
       // rule: fairness (netgraph/model/rules.py)
       1.0 / (1.0 + recent / $fairness_scale) AS fairness
       // end rule
  WITH c, best, u, goal_skills, recent, common_contacts, aa, new_reach,
       // rule: recommendation_score (netgraph/model/rules.py)
       round(($w.goal_fit * goal_fit + $w.adamic_adar * (aa / (1.0 + aa)) + $w.tie_strength * best.tie
              + $w.new_reach * new_reach + $w.seniority_fit * seniority_fit + $w.track_record * best.track)
             * fairness, 12) AS score
       // end rule
  ORDER BY score DESC, c.id
  LIMIT $limit
  RETURN collect({
    candidate: c.id, name: c.name, level: c.level, org_unit: u.id, org_unit_name: u.name,
    introducer: best.i_id, introducer_name: best.i.name, tie_strength: best.tie,
    tie_kind: best.tie_kind, tie_since: best.tie_since, introducer_rated: best.rated,
    track_record: best.track, goal_skills: goal_skills, adamic_adar: aa, common_contacts: common_contacts,
    new_reach: new_reach = 1.0, recent_introductions: recent
  }) AS rows
}
RETURN p.id AS id, p.name AS name, p.email AS email, p.title AS title,
       p.level AS level, p.location AS location, p.joined_on AS joined_on,
       p.open_to_intros AS open_to_intros, p.flight_risk AS flight_risk,
       head([(p)-[:MEMBER_OF]->(u:OrgUnit) | u.id]) AS org_unit,
       [(p)-[h:HAS_SKILL]->(s:Skill) | [s.name, h.level]] AS skills,
       [(p)-[:WANTS_TO_GROW]->(s:Skill) | s.name] AS wants_to_grow,
       contacts, introducers, rows,
       $ask.skill IS NULL OR EXISTS { MATCH (s:Skill {name: $ask.skill}) } AS skill_known
