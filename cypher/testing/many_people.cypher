// Tests only: $count people with a name and an email each, in transactions of 20,000 (auto-commit), as a
// filled store an earlier build made; their ids begin with 'many-'.
UNWIND range(1, $count) AS k
CALL (k) {
  CREATE (:Person {id: 'many-' + k, name: 'Person ' + k, email: 'person' + k + '@example.com'})
} IN TRANSACTIONS OF 20000 ROWS
