// The names of the people asked for (missing ids are simply absent), as one record holding a list:
// one driver Record per person cost more than the query when a report asked for 20,000 names
// (the coverage report now reads its names with its rows: succession/positions).
UNWIND $ids AS id
MATCH (p:Person {id: id}) USING INDEX SEEK p:Person(id)
RETURN collect({id: p.id, name: p.name}) AS people
