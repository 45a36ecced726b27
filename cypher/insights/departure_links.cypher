// Links between someone who has not left and someone who left on or after $since
// (left_on, an ISO date), counted as contact_network.cypher counts them: KNOWS links
// not retired and MENTORS links of any status, the strongest of each pair; by the one
// who stays, then the leaver. Same definition as netgraph/store/embedded/insights.py.
MATCH (d:Person:Left)
WHERE d.left_on >= $since
MATCH (d)-[r:KNOWS|MENTORS]-(p:Person)
WHERE NOT p:Left
WITH p.id AS person, d.id AS departed, d.left_on AS left_on,
     max(
       // rule: link_strength (netgraph/model/rules.py)
       CASE type(r) WHEN 'KNOWS' THEN coalesce(r.strength, $missing_strength) ELSE $mentor_strength END
       // end rule
     ) AS strength
RETURN person, departed, strength, left_on
ORDER BY person, departed
