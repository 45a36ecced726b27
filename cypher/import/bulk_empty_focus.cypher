// After `netgraph db local load`: the offline importer cannot store an empty
// list (neo4j/neo4j#13566), so a mentorship without focus areas came in
// without the property. The online import stores `focus: []`: do the same.
MATCH ()-[m:MENTORS]->()
WHERE m.focus IS NULL
SET m.focus = []
