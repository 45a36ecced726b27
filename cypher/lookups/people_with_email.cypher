// Everyone whose email is $email, ignoring case, with their status (a sign-in links the one active person).
// $phrase is $email as a quoted Lucene phrase: the full-text index finds the candidates, the exact
// comparison decides.
CALL db.index.fulltext.queryNodes('person_email', $phrase) YIELD node AS p
WITH p
WHERE p:Person AND toLower(p.email) = toLower($email)
RETURN p.id AS id, coalesce(p.status, 'active') AS status
