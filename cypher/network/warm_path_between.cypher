// The strongest chain of KNOWS/MENTORS links from $from to $to, at most
// $max_hops (<= 4) long, found by meeting in the middle: the best half-chain
// from each end to every meeting person (at most $forward_hops and
// $backward_hops links), joined on that person. Strength multiplies along the
// chain; a MENTORS link counts as $mentor_strength, a KNOWS link without a
// strength as $missing_strength. Everyone between the two
// ends must be open to introductions. Ties: fewer links, then the smaller id
// sequence. Same algorithm as netgraph/store/embedded/paths.py: keep in step.
MATCH (a:Person {id: $from}), (b:Person {id: $to})
USING INDEX SEEK a:Person(id) USING INDEX SEEK b:Person(id)
CALL (a, b) {
  MATCH p = (a)-[:KNOWS|MENTORS*0..2]-(m:Person)
  WHERE length(p) <= $forward_hops AND none(x IN nodes(p) WHERE x:Left)
    AND all(x IN nodes(p)[1..] WHERE x = b OR coalesce(x.open_to_intros, true))
  WITH m, length(p) AS hops, [x IN nodes(p) | x.id] AS ids,
       reduce(s = 1.0, r IN relationships(p) |
              s *
              // rule: link_strength (netgraph/model/rules.py)
              CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END
              // end rule
              ) AS strength
  WHERE strength > 0
  ORDER BY round(strength, 12) DESC, ids
  WITH m, hops, head(collect({ids: ids, strength: strength})) AS half
  RETURN collect({meet: m.id, hops: hops, half: half}) AS heads
}
CALL (a, b, heads) {
  MATCH p = (b)-[:KNOWS|MENTORS*0..2]-(m:Person)
  WHERE length(p) <= $backward_hops AND none(x IN nodes(p) WHERE x:Left)
    AND all(x IN nodes(p)[1..] WHERE x = a OR coalesce(x.open_to_intros, true))
  WITH m, length(p) AS hops, reverse([x IN nodes(p) | x.id]) AS ids,
       reduce(s = 1.0, r IN relationships(p) |
              s *
              // rule: link_strength (netgraph/model/rules.py)
              CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END
              // end rule
              ) AS strength
  WHERE strength > 0
  ORDER BY round(strength, 12) DESC, ids
  WITH m, hops, head(collect({ids: ids, strength: strength})) AS tail
  UNWIND [h IN heads WHERE h.meet = m.id AND h.hops + hops <= $max_hops AND h.hops + hops > 0] AS head
  RETURN head.half.ids + tail.ids[1..] AS people, head.half.strength * tail.strength AS strength
}
WITH people, strength
ORDER BY round(strength, 12) DESC, size(people), people
LIMIT 1
RETURN people, strength
