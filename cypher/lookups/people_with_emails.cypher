// Everyone whose email is one of the wanted addresses, ignoring case, with their status (a sign-in links
// the one active person; a round's pool may name people by email). Each wanted row is {email, phrase}:
// the address and the same as a quoted Lucene phrase. The full-text index finds the candidates, the
// exact comparison decides.
UNWIND $wanted AS wanted
CALL db.index.fulltext.queryNodes('person_email', wanted.phrase) YIELD node AS p
WITH wanted, p
WHERE p:Person AND toLower(p.email) = toLower(wanted.email)
RETURN wanted.email AS email, p.id AS id, coalesce(p.status, 'active') AS status
