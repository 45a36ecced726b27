// Introduction candidates for $person, reached through $introducers, with
// exclusions, components and score computed here and only the best $limit
// returned. The score is defined in netgraph/analysis/recommend.py (score());
// this statement computes the same numbers in the same order: keep in step.
//   $goals: skill names the person wants to grow (or [$skill]);
//   $w: normalized weights; $since: ISO date opening the fairness window.
// Every candidate knows an introducer, who is a contact of the person, so one
// walk person -> contact z -> candidate yields both the Adamic-Adar sum (over
// every common contact z) and the introducer links (where z is an introducer).
MATCH (p:Person {id: $person})
WITH p,
     COLLECT { MATCH (p)-[:KNOWS|MENTORS]-(:Person)-[:MEMBER_OF]->(u:OrgUnit) RETURN DISTINCT u.id }
     + COLLECT { MATCH (p)-[:MEMBER_OF]->(u:OrgUnit) RETURN u.id } AS reached_units
MATCH (p)-[:KNOWS|MENTORS]-(z:Person)
WITH DISTINCT p, reached_units, z
WITH p, reached_units, z,
     COUNT { (z)-[:KNOWS]-() }
     + COUNT { MATCH (z)-[:MENTORS]-(m:Person) WHERE NOT (z)-[:KNOWS]-(m) RETURN DISTINCT m } AS degree,
     CASE WHEN z.id IN $introducers
          THEN COLLECT { MATCH (z)-[:MADE]->(n:Introduction) WHERE n.outcome IS NOT NULL RETURN n.outcome }
     END AS outcomes
MATCH (z)-[r:KNOWS|MENTORS]-(c:Person)
WHERE c <> p
WITH p, reached_units, c, z, degree, outcomes, collect(r) AS links
WITH p, reached_units, c, sum(1.0 / log(degree)) AS aa, count(z) AS common_contacts,
     collect(CASE WHEN outcomes IS NOT NULL THEN {z: z, links: links, outcomes: outcomes} END) AS options
WHERE size(options) > 0
  AND coalesce(c.open_to_intros, true)
  AND NOT EXISTS { (p)-[:KNOWS|MENTORS]-(c) }
  AND NOT EXISTS { (p)<-[:INTRODUCES|TO]-(:Introduction)-[:INTRODUCES|TO]->(c) }
  AND ($skill IS NULL OR EXISTS { (c)-[:HAS_SKILL]->(:Skill {name: $skill}) })
// the best introducer (and link) for each candidate: only these two terms depend on it
CALL (c, options) {
  UNWIND options AS o
  UNWIND o.links AS r
  WITH o.z AS i, r, size(o.outcomes) AS rated,
       (reduce(t = 0.0, x IN o.outcomes | t + (x - 1) / 4.0) + $track_prior * 0.5)
         / (size(o.outcomes) + $track_prior) AS track,
       CASE type(r) WHEN 'KNOWS' THEN r.strength ELSE $mentor_strength END AS tie,
       CASE WHEN type(r) = 'KNOWS' THEN 'knows' WHEN startNode(r) = o.z THEN 'mentors' ELSE 'mentored_by' END
         AS tie_kind
  ORDER BY round($w.tie_strength * tie + $w.track_record * track, 12) DESC, i.id, tie_kind
  LIMIT 1
  RETURN {i: i, tie: tie, tie_kind: tie_kind, tie_since: r.since, rated: rated, track: track} AS best
}
OPTIONAL MATCH (c)-[:MEMBER_OF]->(u:OrgUnit)
WITH p, reached_units, c, best, u, aa, common_contacts,
     COLLECT { MATCH (c)-[h:HAS_SKILL]->(s:Skill) WHERE s.name IN $goals
               RETURN [s.name, h.level] AS pair ORDER BY pair[0] } AS goal_skills,
     COUNT { MATCH (c)<-[:INTRODUCES|TO]-(n:Introduction) WHERE n.created_on >= $since } AS recent
WITH c, best, u, goal_skills, recent, common_contacts, aa,
     CASE WHEN size($goals) = 0 THEN 0.0
          ELSE reduce(t = 0.0, g IN goal_skills | t + g[1]) / (5.0 * size($goals)) END AS goal_fit,
     CASE WHEN u IS NOT NULL AND NOT u.id IN reached_units THEN 1.0 ELSE 0.0 END AS new_reach,
     CASE WHEN c.level IS NULL OR p.level IS NULL THEN 0.0
          WHEN (c.level - p.level) IN [1, 2, 3] THEN 1.0
          WHEN (c.level - p.level) IN [0, 4] THEN 0.5
          ELSE 0.0 END AS seniority_fit,
     1.0 / (1.0 + recent / $fairness_scale) AS fairness
WITH c, best, u, goal_skills, recent, common_contacts, aa, new_reach,
     round(($w.goal_fit * goal_fit + $w.adamic_adar * (aa / (1.0 + aa)) + $w.tie_strength * best.tie
            + $w.new_reach * new_reach + $w.seniority_fit * seniority_fit + $w.track_record * best.track)
           * fairness, 12) AS score
ORDER BY score DESC, c.id
LIMIT $limit
RETURN c.id AS candidate, c.name AS name, c.level AS level, u.id AS org_unit, u.name AS org_unit_name,
       best.i.id AS introducer, best.i.name AS introducer_name, best.tie AS tie_strength,
       best.tie_kind AS tie_kind, best.tie_since AS tie_since, best.rated AS introducer_rated,
       best.track AS track_record, goal_skills, aa AS adamic_adar, common_contacts,
       new_reach = 1.0 AS new_reach, recent AS recent_introductions
