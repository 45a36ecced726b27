// The HR sync's row of every person (netgraph/model/sync_state.py PERSON_ROW, after the id): the fields it
// compares and nothing else. One list per person, streamed: no record of skills, goals or links.
MATCH (p:Person)
RETURN [p.id, p.name, p.preferred_name, p.email, p.title, p.level, p.location, p.joined_on, p.flight_risk,
        // a person stored before source existed is manual; before status, active; MEMBER_OF leads to a unit
        // only, so its end is not label-checked (100,000 db hits fewer at 100k people)
        coalesce(p.source, 'manual'), coalesce(p.status, 'active'),
        head([(p)-[:MEMBER_OF]->(u) | u.id])] AS row
