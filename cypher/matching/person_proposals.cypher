// Every stored proposal naming $person, as mentor or as mentee.
MATCH (p:MatchProposal {mentor: $person})
RETURN p {.*} AS proposal
UNION
MATCH (p:MatchProposal {mentee: $person})
RETURN p {.*} AS proposal
