// One batch of stored person rows: [person, rank, row (JSON)].
UNWIND $rows AS r
CREATE (:InsightPerson {person: r[0], rank: r[1], row: r[2]})
