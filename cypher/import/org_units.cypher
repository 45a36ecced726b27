// Merge org units by id; `SET u = r.props` replaces every property, so a
// re-import of the same rows changes nothing and removed fields disappear.
// `source` in r.kept was left out of the record: the unit keeps what is
// stored, and r.props holds the default (manual) for a new unit.
// The PART_OF links are set in a second pass (import_org_unit_parents),
// once every unit of the batch exists.
UNWIND $rows AS r
MERGE (u:OrgUnit {id: r.id})
WITH u, r, u.source AS old_source
SET u = r.props
SET u.source = CASE WHEN 'source' IN r.kept THEN coalesce(old_source, r.props.source) ELSE r.props.source END
