// Everyone, with what events name them by and whether they opted out of signal collection.
MATCH (p:Person)
RETURN p.id AS id, p.email AS email, coalesce(p.status, 'active') AS status,
       coalesce(p.signals_opt_out, false) AS signals_opt_out,
       head([(p)-[:MEMBER_OF]->(u:OrgUnit) | u.id]) AS org_unit
ORDER BY id
