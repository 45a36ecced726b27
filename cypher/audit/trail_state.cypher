// Whether the trail is kept (its anchor exists, made with the database or by a migration) and how much
// graph data the database holds, by label (from the count store: no scan).
RETURN EXISTS { MATCH (:AuditAnchor {id: 'audit'}) } AS kept,
       COUNT { (:Person) } AS Person,
       COUNT { (:OrgUnit) } AS OrgUnit,
       COUNT { (:Position) } AS Position,
       COUNT { (:Skill) } AS Skill,
       COUNT { (:Introduction) } AS Introduction
