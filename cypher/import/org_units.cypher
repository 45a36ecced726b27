// Merge org units by id; `SET u = r.props` replaces every property, so a
// re-import of the same rows changes nothing and removed fields disappear.
// The PART_OF links are set in a second pass (import_org_unit_parents),
// once every unit of the batch exists.
UNWIND $rows AS r
MERGE (u:OrgUnit {id: r.id})
SET u = r.props
