// How many nodes the database holds, of any label (from the count store: no scan), an audit anchor of no
// events aside (`netgraph db init` makes one in an empty database: its trail is kept from the start).
// `netgraph db local load` fills only an empty database.
RETURN COUNT { MATCH (n) } - COUNT { MATCH (a:AuditAnchor) WHERE a.count = 0 } AS nodes
