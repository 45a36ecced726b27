// Store a round's proposals ($rows: every field, and id = the JSON of [round, mentor, mentee]),
// each in place of the stored one of the same pair, after dropping the round's proposals never sent.
CALL () {
  MATCH (old:MatchProposal {round: $round})
  WHERE old.mentor_state = 'proposed' AND old.mentee_state = 'proposed'
  DETACH DELETE old
}
WITH 1 AS once
UNWIND $rows AS row
MERGE (p:MatchProposal {id: row.id})
SET p = row
