// The REPORTS_TO tree as (position, boss) pairs, for cycle checks before an import.
MATCH (pos:Position)-[:REPORTS_TO]->(boss:Position)
RETURN pos.id AS child, boss.id AS parent
