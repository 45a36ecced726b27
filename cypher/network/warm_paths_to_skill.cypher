// The strongest chains of KNOWS/MENTORS links from $from to people who have
// the skill $skill: at most $max_hops (<= 4) links, the best chain per
// person, the best $limit people. The best half-chain to every person within
// $forward_hops links either ends at a holder or, when it is $forward_hops
// long, is extended by up to the remaining links to one. Strength multiplies
// along the chain; a MENTORS link counts as $mentor_strength, a KNOWS link
// without a strength as $missing_strength; everyone
// between the two ends must be open to introductions. Ties: fewer links, then
// the smaller id sequence, then the holder's id.
// People who have left are on no chain, not even at its ends.
// Same algorithm as netgraph/store/embedded/paths.py: keep in step.
MATCH (a:Person {id: $from}) USING INDEX SEEK a:Person(id)
CALL (a) {
  MATCH p = (a)-[:KNOWS|MENTORS*0..2]-(m:Person)
  WHERE length(p) <= $forward_hops AND none(x IN nodes(p) WHERE x:Left)
    AND all(x IN nodes(p)[1..-1] WHERE coalesce(x.open_to_intros, true))
  WITH m, length(p) AS hops, [x IN nodes(p) | x.id] AS ids,
       reduce(s = 1.0, r IN relationships(p) |
              s *
              // rule: link_strength (netgraph/model/rules.py)
              CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END
              // end rule
              ) AS strength
  WHERE strength > 0
  ORDER BY round(strength, 12) DESC, ids
  RETURN m, hops AS forward, head(collect({ids: ids, strength: strength})) AS head_half
}
CALL (a, m, forward) {
  WITH a, m WHERE m <> a AND EXISTS { (m)-[:HAS_SKILL]->(:Skill {name: $skill}) }
  RETURN m AS t, [] AS rest, 1.0 AS rest_strength
  UNION ALL
  WITH a, m, forward
  WHERE forward = $forward_hops AND (forward = 0 OR coalesce(m.open_to_intros, true))
  MATCH q = (m)-[:KNOWS|MENTORS*1..2]-(t:Person)
  WHERE t <> a AND forward + length(q) <= $max_hops AND none(x IN nodes(q) WHERE x:Left)
    AND all(x IN nodes(q)[1..-1] WHERE coalesce(x.open_to_intros, true))
    AND EXISTS { (t)-[:HAS_SKILL]->(:Skill {name: $skill}) }
  RETURN t, [x IN nodes(q) | x.id][1..] AS rest,
         reduce(s = 1.0, r IN relationships(q) |
                s *
                // rule: link_strength (netgraph/model/rules.py)
                CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END
                // end rule
                ) AS rest_strength
}
WITH t, head_half.ids + rest AS people, head_half.strength * rest_strength AS strength
WHERE strength > 0
ORDER BY round(strength, 12) DESC, size(people), people
WITH t, head(collect({people: people, strength: strength})) AS best
ORDER BY round(best.strength, 12) DESC, size(best.people), t.id
LIMIT $limit
RETURN t.id AS to, best.people AS people, best.strength AS strength
