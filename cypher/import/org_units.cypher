// Merge org units by id; r.props holds the properties the record carries
// (its name, its source), so a re-import of the same rows changes nothing; a
// new unit first gets $defaults (source: manual).
// The PART_OF links are set in a second pass (import/set_org_unit_parents),
// once every unit of the batch exists, for the records that carry a parent.
UNWIND $rows AS r
MERGE (u:OrgUnit {id: r.id})
ON CREATE SET u += $defaults
SET u += r.props
