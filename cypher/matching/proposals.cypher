// A round's stored proposals (every stored field; those left empty come back missing).
MATCH (p:MatchProposal {round: $round})
RETURN p {.*} AS proposal
ORDER BY p.mentor, p.mentee
