// Lists come back in storage order; the store sorts them (they are sets).
MATCH (p:Person)
RETURN p.id AS id, p.name AS name, p.preferred_name AS preferred_name, p.email AS email, p.title AS title,
       p.level AS level, p.location AS location, p.joined_on AS joined_on,
       // a person stored before status existed is active; before source, manual
       coalesce(p.status, 'active') AS status, p.left_on AS left_on, coalesce(p.source, 'manual') AS source,
       p.open_to_intros AS open_to_intros,
       // a person stored before open_to_mentoring existed has not stood aside
       coalesce(p.open_to_mentoring, true) AS open_to_mentoring,
       coalesce(p.signals_opt_out, false) AS signals_opt_out, p.flight_risk AS flight_risk,
       head([(p)-[:MEMBER_OF]->(u:OrgUnit) | u.id]) AS org_unit,
       [(p)-[h:HAS_SKILL]->(s:Skill) | [s.name, h.level]] AS skills,
       [(p)-[:WANTS_TO_GROW]->(s:Skill) | s.name] AS wants_to_grow
ORDER BY id
