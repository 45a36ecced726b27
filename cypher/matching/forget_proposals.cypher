// Erasure: delete every proposal naming $person, as mentor or as mentee.
CALL () {
  MATCH (p:MatchProposal {mentor: $person})
  RETURN p
  UNION
  MATCH (p:MatchProposal {mentee: $person})
  RETURN p
}
DETACH DELETE p
