// Everything one recommendation request needs, in one round trip: the
// person's record (as people_by_id gives it), their contacts (as contacts_of
// gives them), whether $ask.skill exists, and the introduction candidates with
// exclusions and raw components. Scoring and ranking happen in Python
// (netgraph/analysis/recommend.py: rank) on both stores; this statement only
// leaves out the candidates below the plausibility floor of $limit, who
// cannot reach the first $limit places whatever their value. Each rule used
// here is a rule of netgraph/model/rules.py, marked below;
// tests/unit/test_rule_twins.py holds each twin to its rule.
//   $ask: {via: 'mentors' | 'all' | an introducer's id,
//          skill: a skill every candidate must have (and the only goal), or null};
//   $w: normalized weights (the introducer's two); $since: ISO date opening the
//   fairness window; $band: value_band; $new_unit_place: new_unit_place (0: off);
//   $met: {pending: the ingests still pending (ties/pending.cypher)}, given only with the part
//         pair_contacts below (a map, as $ask: a pending list of another size is not a new plan);
//   $learned: null (plausibility is the default formula) or a learned model
//   (netgraph/model/learned.py: LearnedPlausibility.as_parameter) with the floor's constants
//   (netgraph/model/rules.py: log_floor_shifts), whose odds become the plausibility, computed
//   from the features of netgraph/model/learned.py, each marked as a rule below; each row's
//   features are returned as a list in the model's order.
// The introducers follow netgraph/model/introducers.py (introducer_ids); the
// goals are [$ask.skill] or the skills the person wants to grow.
// People who have left (label Left) are not in the network: never contacts,
// introducers, candidates, or counted in a degree.
// Why so much in one statement: each round trip costs the database about as
// much CPU as a small query, and every request needs all of it. Why the
// request travels in the map $ask: Neo4j caches a plan per parameter type and
// list-size bucket, and planning this statement takes about a second.
MATCH (p:Person {id: $person}) USING INDEX SEEK p:Person(id)
WITH p,
     COLLECT {
       MATCH (p)-[r:KNOWS|MENTORS]-(c:Person)
       WHERE NOT c:Left
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
     [(p)-[:KNOWS|MENTORS]-(x:Person)-[:MEMBER_OF]->(u:OrgUnit) WHERE NOT x:Left | u.id]
     + [(p)-[:MEMBER_OF]->(u:OrgUnit) | u.id] AS reached_units,
     head([(p)-[:MEMBER_OF]->(u:OrgUnit) | u.id]) AS person_unit,
     // with a learned model, the people of the person's unit, collected once for its same_unit
     // feature: a walk to each candidate's unit cost more than the rest of the learned score
     CASE WHEN $learned IS NULL THEN [] ELSE [(p)-[:MEMBER_OF]->(:OrgUnit)<-[:MEMBER_OF]-(m:Person) | m] END
       AS unit_mates,
     // everyone the person was ever introduced to or from, collected once:
     // cheaper than walking each candidate's introductions
     COLLECT { MATCH (p)<-[:INTRODUCES|TO]-(:Introduction)-[:INTRODUCES|TO]->(o:Person) RETURN DISTINCT o }
       AS introduced
CALL (p, contacts, introducers, goals, reached_units, person_unit, unit_mates, introduced) {
  // Every candidate knows an introducer, who is a contact of the person, so one
  // walk person -> contact z -> candidate yields the Adamic-Adar and plausibility
  // sums (over every common contact z) and the introducer links (where z is an
  // introducer). Between two people the strongest link counts.
  MATCH (p)-[pr:KNOWS|MENTORS]-(z:Person)
  WHERE NOT z:Left
  WITH z,
       // rule: link_strength (netgraph/model/rules.py)
       max(CASE type(pr) WHEN 'KNOWS' THEN coalesce(pr.strength, $missing_strength) ELSE $mentor_strength END)
       // end rule
         AS person_tie
  WITH z, person_tie,
       COUNT { MATCH (z)-[:KNOWS|MENTORS]-(m:Person) WHERE NOT m:Left RETURN DISTINCT m } AS degree,
       CASE WHEN z.id IN introducers
            THEN COLLECT { MATCH (z)-[:MADE]->(n:Introduction) WHERE n.outcome IS NOT NULL RETURN n.outcome }
       END AS outcomes
  // an introducer's track record: mean outcome on 0-1, with $track_prior neutral ratings
  // rule: track_record (netgraph/model/rules.py)
  WITH z, person_tie, degree, size(outcomes) AS rated,
       (reduce(t = 0.0, x IN outcomes | t + (x - 1) / 4.0) + $track_prior * 0.5)
         / (size(outcomes) + $track_prior) AS track
  // end rule
  MATCH (z)-[r:KNOWS|MENTORS]-(c:Person)
  WHERE c <> p AND NOT c:Left
  // one row per (candidate, common contact); an introducer's links become options
  WITH c, z, person_tie, degree,
       // rule: link_strength (netgraph/model/rules.py)
       max(CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END)
       // end rule
         AS candidate_tie,
       collect(CASE WHEN track IS NOT NULL THEN {
         i: z, i_id: z.id, rated: rated, track: track, tie_since: r.since,
         tie:
           // rule: link_strength (netgraph/model/rules.py)
           CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END,
           // end rule
         tie_kind: CASE WHEN type(r) = 'KNOWS' THEN 'knows' WHEN startNode(r) = z THEN 'mentors'
                        ELSE 'mentored_by' END} END) AS links
  WITH c,
       // rule: adamic_adar_term (netgraph/model/learned.py)
       sum(1.0 / log(degree)) AS aa,
       // end rule
       // rule: plausibility_term (netgraph/model/rules.py)
       sum(person_tie * candidate_tie / log(degree)) AS plausibility,
       // end rule
       count(z) AS common_contacts,
       reduce(all = [], l IN collect(links) | all + l) AS options,
       // the learned model's sums (read only when $learned is given)
       // rule: resource_allocation_term (netgraph/model/learned.py)
       sum(1.0 / degree) AS ra,
       // end rule
       // rule: strongest_two_link_path (netgraph/model/learned.py)
       max(person_tie * candidate_tie) AS strongest,
       // end rule
       sum(person_tie) AS person_strength, sum(candidate_tie) AS candidate_strength
  WHERE size(options) > 0
    AND coalesce(c.open_to_intros, true)
    AND NOT EXISTS { (p)-[:KNOWS|MENTORS]-(c) }
    AND NOT c IN introduced
    AND ($ask.skill IS NULL OR EXISTS { (c)-[:HAS_SKILL]->(:Skill {name: $ask.skill}) })
  // the best introducer (and link) for each candidate; ties: lowest introducer id, then link kind
  WITH c, aa, plausibility, common_contacts, ra, strongest, person_strength, candidate_strength,
       // rule: introducer_term (netgraph/model/rules.py)
       [o IN options | o {.*, key: round($w.tie_strength * o.tie + $w.track_record * o.track, 12)}] AS options
       // end rule
  WITH c, aa, plausibility, common_contacts, ra, strongest, person_strength, candidate_strength,
       reduce(best = head(options), o IN tail(options) |
         CASE WHEN o.key > best.key
                OR (o.key = best.key AND (o.i_id < best.i_id OR (o.i_id = best.i_id AND o.tie_kind < best.tie_kind)))
              THEN o ELSE best END) AS best
  // with a model that uses pair_contacts (the part of that name, chosen by the caller: see
  // netgraph/store/neo4j_backend/cypher.py): the pair's own events, summed over the counts of
  // its evidence (a < b; one seek), as evidence_of_pairs.cypher reads them: the counts of an ingest still
  // pending ($met.pending) are left out (its own pack, and what it appended to another). The counts, not the
  // running figures: figures are kept only for pairs that qualified, and most pairs that met have not.
  // Without it, no look-up at all: calling it for every candidate, even to ask first whether the model
  // wanted it, cost about 5 % of the request at 10k people.
  // part pair_contacts
  CALL (p, c) {
    WITH CASE WHEN p.id < c.id THEN [p.id, c.id] ELSE [c.id, p.id] END AS pair
    OPTIONAL MATCH (e:TieEvidence)
      USING INDEX SEEK e:TieEvidence(a, b)
      WHERE e.a = pair[0] AND e.b = pair[1] AND NOT e.batch IN $met.pending
    WITH e, CASE WHEN e.undo_batch IN $met.pending THEN e.undo_counts ELSE size(e.days) END AS kept
    RETURN sum(CASE WHEN e.channels IS NULL THEN e.events ELSE reduce(n = 0, x IN e.events[..kept] | n + x) END)
             AS met
  }
  // otherwise
  WITH *, null AS met
  // end part
  // with a learned model: every feature recommend computes, in the order of
  // netgraph/model/learned.py (LEARNABLE), then the model's log-odds (its linear predictor) in place
  // of the plausibility until the floor: base, then the log1p terms, then the others, each term
  // [feature's place in that list, weight] (LearnedPlausibility.folded). A list, not a map, and the
  // terms as lists: looking each feature up by name and the model's numbers up by position, per
  // candidate, took 4-17 % more of the database's time (10k people). The folded weights, the two
  // lists (no test of the transform per term) and no exp per candidate (the floor is compared on
  // the log side, exp taken only above it) made the score about half as costly per candidate.
  WITH c, aa, plausibility, common_contacts, best,
       CASE WHEN $learned IS NULL THEN [] ELSE [
         aa, ra, toFloat(common_contacts), plausibility, strongest, person_strength, candidate_strength,
         toFloat(size(contacts)),
         // rule: same_unit (netgraph/model/learned.py)
         CASE WHEN person_unit IS NOT NULL AND c IN unit_mates THEN 1.0 ELSE 0.0 END,
         // end rule
         // rule: candidate_level_gap (netgraph/model/learned.py)
         CASE WHEN p.level IS NULL OR c.level IS NULL THEN 0.0 ELSE toFloat(c.level - p.level) END,
         // end rule
         // rule: pair_contacts (netgraph/model/learned.py)
         toFloat(coalesce(met, 0))
         // end rule
       ] END AS every
  WITH c, aa, common_contacts, best, every,
       CASE WHEN $learned IS NULL THEN plausibility ELSE
         // rule: learned_log_odds (netgraph/model/learned.py)
         reduce(total = reduce(total = $learned.base, t IN $learned.logs |
                                 total + t[1] * log(1.0 + CASE WHEN every[t[0]] > 0.0 THEN every[t[0]] ELSE 0.0 END)),
                t IN $learned.others | total + t[1] * every[t[0]])
         // end rule
       END AS plausibility
  ORDER BY plausibility DESC, c.id
  WITH collect({c: c, best: best, aa: aa, plausibility: plausibility, common_contacts: common_contacts,
                every: every}) AS found
  // only those who can still reach the first $limit places; with a learned model, on the log side
  // (the same candidates but for any within rounding of the floor, which lies below everyone who can
  // be shown: see log_odds_floor), and the odds (exp) only for those above it
  WITH found,
       CASE WHEN $learned IS NULL THEN
         // rule: plausibility_floor (netgraph/model/rules.py)
         CASE WHEN size(found) < $limit THEN 0.0
              WHEN $new_unit_place > 0.0 AND found[0].plausibility * $new_unit_place < found[$limit - 1].plausibility / $band
              THEN found[0].plausibility * $new_unit_place * (1.0 - $floor_margin)
              ELSE found[$limit - 1].plausibility / $band * (1.0 - $floor_margin) END
         // end rule
       ELSE
         // rule: log_odds_floor (netgraph/model/rules.py)
         CASE WHEN size(found) < $limit THEN -1.0 / 0.0
              WHEN $new_unit_place > 0.0
                   AND found[0].plausibility + $learned.log_place < found[$limit - 1].plausibility - $learned.log_band
              THEN found[0].plausibility + $learned.log_place + $learned.log_margin
              ELSE found[$limit - 1].plausibility - $learned.log_band + $learned.log_margin END
         // end rule
       END AS least
  UNWIND [f IN found WHERE f.plausibility >= least] AS f
  WITH f.c AS c, f.best AS best, f.aa AS aa, f.common_contacts AS common_contacts,
       CASE WHEN $learned IS NULL THEN f.plausibility ELSE exp(f.plausibility) END AS plausibility,
       // the features the model uses, in its order: picked only for the rows above the floor (the
       // others are never shown, and picking them cost about a third of the learned score's work)
       [k IN coalesce($learned.places, []) | f.every[k]] AS features
  OPTIONAL MATCH (c)-[:MEMBER_OF]->(u:OrgUnit)
  WITH c, best, u, aa, plausibility, common_contacts, features,
       COLLECT { MATCH (c)-[h:HAS_SKILL]->(s:Skill) WHERE s.name IN goals
                 RETURN [s.name, h.level] AS pair ORDER BY pair[0] } AS goal_skills,
       COUNT { MATCH (c)<-[:INTRODUCES|TO]-(n:Introduction) WHERE n.created_on >= $since } AS recent,
       // rule: new_reach (netgraph/model/rules.py)
       u IS NOT NULL AND NOT u.id IN reached_units AS new_reach
       // end rule
  RETURN collect({
    candidate: c.id, name: c.name, preferred_name: c.preferred_name, level: c.level, org_unit: u.id, org_unit_name: u.name,
    introducer: best.i_id, introducer_name: best.i.name, introducer_preferred_name: best.i.preferred_name, tie_strength: best.tie,
    tie_kind: best.tie_kind, tie_since: best.tie_since, introducer_rated: best.rated,
    track_record: best.track, goal_skills: goal_skills, plausibility: plausibility, adamic_adar: aa,
    common_contacts: common_contacts, new_reach: new_reach, recent_introductions: recent, features: features
  }) AS rows
}
RETURN p.id AS id, p.name AS name, p.preferred_name AS preferred_name, p.email AS email, p.title AS title,
       p.level AS level, p.location AS location, p.joined_on AS joined_on,
       // a person stored before status existed is active; before source, manual
       coalesce(p.status, 'active') AS status, p.left_on AS left_on, coalesce(p.source, 'manual') AS source,
       p.open_to_intros AS open_to_intros, coalesce(p.open_to_mentoring, true) AS open_to_mentoring,
       coalesce(p.signals_opt_out, false) AS signals_opt_out,
       p.flight_risk AS flight_risk,
       head([(p)-[:MEMBER_OF]->(u:OrgUnit) | u.id]) AS org_unit,
       [(p)-[h:HAS_SKILL]->(s:Skill) | [s.name, h.level]] AS skills,
       [(p)-[:WANTS_TO_GROW]->(s:Skill) | s.name] AS wants_to_grow,
       contacts, introducers, rows,
       $ask.skill IS NULL OR EXISTS { MATCH (s:Skill {name: $ask.skill}) } AS skill_known
