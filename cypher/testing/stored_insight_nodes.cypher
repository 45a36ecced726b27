// Tests: how many stored person rows and parts there are, of every run (a save's
// leftovers included), to check that no refresh leaves rows behind.
CALL () { MATCH (r:InsightPerson) RETURN count(r) AS people }
CALL () { MATCH (r:InsightPart) RETURN count(r) AS parts }
RETURN people, parts
