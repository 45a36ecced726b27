// How many person rows and parts run $run has stored (checked before it becomes the
// current run: a save whose rows another one removed must not be flipped to).
CALL () { MATCH (r:InsightPerson) WHERE r.run = $run RETURN count(r) AS people }
CALL () { MATCH (r:InsightPart) WHERE r.run = $run RETURN count(r) AS parts }
RETURN people, parts
