// Pipeline suggestions for each of $positions: people mentored (now or in the
// past) by an incumbent of the position or by someone holding a position in
// the same org unit, one or two levels below the position, not already
// nominated for it or holding it, and not themselves the incumbent of a
// critical gap. Scored with $w (skills, mentorship, level); the best $limit
// per position. Scores by the rules of netgraph/model/rules.py, marked below;
// the embedded store computes the same in netgraph/store/embedded/succession.py.
UNWIND $positions AS position_id
MATCH (pos:Position {id: position_id}) USING INDEX SEEK pos:Position(id)
WITH pos, head([(pos)-[:IN]->(u:OrgUnit) | u]) AS unit,
     [(pos)-[:REQUIRES]->(s:Skill) | s.name] AS required
CALL (pos, unit) {
  MATCH (mentor:Person)-[:HOLDS]->(held:Position)
  WHERE held = pos OR (unit IS NOT NULL AND (held)-[:IN]->(unit))
  MATCH (mentor)-[m:MENTORS]->(c:Person)
  RETURN DISTINCT c, mentor, m, held = pos AS by_incumbent
}
WITH pos, required, c, mentor, m, by_incumbent
WHERE c.level IS NOT NULL AND pos.level IS NOT NULL AND (pos.level - c.level) IN [1, 2]
  AND NOT (c)-[:SUCCESSOR_FOR]->(pos)
  AND NOT (c)-[:HOLDS]->(pos)
  AND NOT EXISTS {
    MATCH (c)-[:HOLDS]->(held:Position)
    WHERE held.critical AND NOT EXISTS { MATCH (y:Person)-[:SUCCESSOR_FOR]->(held) WHERE NOT (y)-[:HOLDS]->(held) } }
WITH pos, required, c, mentor, m, by_incumbent,
     // rule: mentorship_closeness (netgraph/model/rules.py)
     (CASE WHEN by_incumbent THEN 1.0 ELSE 0.5 END) * (CASE WHEN m.status = 'active' THEN 1.0 ELSE 0.8 END)
       AS closeness
     // end rule
ORDER BY closeness DESC, mentor.id
WITH pos, required, c, head(collect({mentor: mentor, m: m, by_incumbent: by_incumbent, closeness: closeness}))
     AS best
WITH pos, required, c, best,
     COLLECT { MATCH (c)-[h:HAS_SKILL]->(s:Skill) WHERE s.name IN required
               RETURN [s.name, h.level] AS pair ORDER BY pair[0] } AS skills
WITH pos, required, c, best, skills,
     // rule: skill_share (netgraph/model/rules.py)
     CASE WHEN size(required) = 0 THEN 0.0
          ELSE reduce(t = 0.0, x IN skills | t + x[1]) / (5.0 * size(required)) END AS skill_share,
     // end rule
     // rule: level_fit (netgraph/model/rules.py)
     CASE pos.level - c.level WHEN 1 THEN 1.0 ELSE 0.5 END AS level_fit
     // end rule
WITH pos, required, c, best, skills, skill_share, level_fit,
     // rule: pipeline_score (netgraph/model/rules.py)
     round($w.skills * skill_share + $w.mentorship * best.closeness + $w.level * level_fit, 12) AS score
     // end rule
ORDER BY score DESC, c.id
WITH pos, size(required) AS required_count,
     collect({candidate: c.id, name: c.name, level: c.level, score: score, skill_share: skill_share,
              skills: skills, mentor: best.mentor.id, mentor_name: best.mentor.name,
              mentor_is_incumbent: best.by_incumbent, mentorship_status: best.m.status,
              mentorship_since: best.m.since, closeness: best.closeness, level_fit: level_fit})[..$limit] AS suggestions
RETURN pos.id AS position, required_count, suggestions
ORDER BY position
