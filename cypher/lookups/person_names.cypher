// The names of the people asked for (missing ids are simply absent), as one record holding a list:
// a coverage report names about 20,000 people, and one driver Record per person cost more than the query.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN collect({id: p.id, name: p.name}) AS people
