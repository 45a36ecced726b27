// How many nodes the database holds, of any label (from the count store: no scan).
// `netgraph db local load` fills only an empty database.
MATCH (n)
RETURN count(n) AS nodes
