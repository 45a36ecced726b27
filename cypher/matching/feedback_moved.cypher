// Whether this database's round feedback is known to be on the MENTORS links: the audit anchor carries the mark
// (matching/mark_feedback_moved), set by the move's last batch or with the schema. One read of the anchor's
// unique index (no hint: it runs first in every process, on a database that may not have its schema yet).
RETURN EXISTS { MATCH (a:AuditAnchor {id: 'audit'}) WHERE a.feedback_on_links = true } AS moved
