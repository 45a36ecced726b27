// Everyone whose email is $email, ignoring case, with their status (a sign-in links the one active person).
MATCH (p:Person)
WHERE toLower(p.email) = toLower($email)
RETURN p.id AS id, coalesce(p.status, 'active') AS status
