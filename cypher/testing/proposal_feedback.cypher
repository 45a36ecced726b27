// Tests only: the feedback fields a round proposal node still holds (none once it moved onto the MENTORS link).
MATCH (p:MatchProposal {id: $id})
RETURN [key IN keys(p) WHERE key IN ['mentor_rating', 'mentor_again', 'mentee_rating', 'mentee_again']
        | [key, p[key]]] AS held
