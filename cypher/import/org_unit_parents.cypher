// The PART_OF tree as (unit, parent) pairs, for cycle checks before an import.
MATCH (u:OrgUnit)-[:PART_OF]->(parent:OrgUnit)
RETURN u.id AS child, parent.id AS parent
