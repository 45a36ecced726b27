// Erasure: the stored messages that name $person (the person it is for, or another it is about).
MATCH (m:OutboxMessage)
WHERE $person IN m.about
RETURN m {.*} AS message
