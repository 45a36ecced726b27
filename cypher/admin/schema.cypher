// Uniqueness constraints (each also creates the index that every labelled
// MATCH/MERGE on an id uses) and lookup indexes. Applied idempotently by
// `netgraph db init` and before every import.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT org_unit_id IF NOT EXISTS FOR (n:OrgUnit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT position_id IF NOT EXISTS FOR (n:Position) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT skill_name IF NOT EXISTS FOR (n:Skill) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
// sign-in links an account to the person with its email, ignoring case (cypher/lookups/people_with_emails.cypher):
// the email analyzer keeps an address as one lower-cased term, where a range index cannot ignore case
CREATE FULLTEXT INDEX person_email IF NOT EXISTS FOR (n:Person) ON EACH [n.email]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'email'}};
CREATE INDEX introduction_status IF NOT EXISTS FOR (n:Introduction) ON (n.status);
CREATE INDEX position_critical IF NOT EXISTS FOR (n:Position) ON (n.critical);
// the audit trail and erasure tombstones (netgraph/model/audit.py)
CREATE CONSTRAINT audit_anchor_id IF NOT EXISTS FOR (n:AuditAnchor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.seq IS UNIQUE;
CREATE CONSTRAINT tombstone_hash IF NOT EXISTS FOR (n:Tombstone) REQUIRE n.hash IS UNIQUE;
CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at);
// tie evidence: per-pair, per-channel, per-day counts, the ingest ledger, links removed by hand (cypher/ties/)
// a person's packs (purge) are sought on (a, b) by `a` and on `b`: an index on `a` alone was a fifth index
// entry for every new pack, and a day of a million events makes hundreds of thousands
DROP INDEX tie_evidence_a IF EXISTS;
CREATE INDEX tie_evidence_b IF NOT EXISTS FOR (n:TieEvidence) ON (n.b);
CREATE INDEX tie_evidence_batch IF NOT EXISTS FOR (n:TieEvidence) ON (n.batch);
// one pair's pack in one seek (packs_of_pairs, figures_of_pairs, evidence_of_pairs): a seek on `a` alone
// reads every pack of person a, hundreds a person at 100k
CREATE INDEX tie_evidence_pair IF NOT EXISTS FOR (n:TieEvidence) ON (n.a, n.b);
// the packs an ingest added counts to, put back as they were if it never finishes (undo_appends)
CREATE INDEX tie_evidence_undo IF NOT EXISTS FOR (n:TieEvidence) ON (n.undo_batch);
CREATE CONSTRAINT tie_ingest_batch IF NOT EXISTS FOR (n:TieIngest) REQUIRE n.batch IS UNIQUE;
// counted event hashes are packed per day (`hashes`); the unique `hash` holds the one-hash nodes of older stores
CREATE CONSTRAINT counted_event_hash IF NOT EXISTS FOR (n:CountedEvent) REQUIRE n.hash IS UNIQUE;
CREATE INDEX counted_event_day IF NOT EXISTS FOR (n:CountedEvent) ON (n.day);
CREATE INDEX counted_event_batch IF NOT EXISTS FOR (n:CountedEvent) ON (n.batch);
CREATE CONSTRAINT tie_state_id IF NOT EXISTS FOR (n:TieState) REQUIRE n.id IS UNIQUE;
CREATE INDEX removed_tie_a IF NOT EXISTS FOR (n:RemovedTie) ON (n.a)
;
// stored network insights: one state node, one row per person, one part per unit,
// level or community (cypher/insights/)
CREATE CONSTRAINT insight_state_id IF NOT EXISTS FOR (n:InsightState) REQUIRE n.id IS UNIQUE;
CREATE INDEX insight_person IF NOT EXISTS FOR (n:InsightPerson) ON (n.person);
CREATE INDEX insight_person_rank IF NOT EXISTS FOR (n:InsightPerson) ON (n.rank);
CREATE INDEX insight_person_unit IF NOT EXISTS FOR (n:InsightPerson) ON (n.unit);
CREATE INDEX insight_person_cut IF NOT EXISTS FOR (n:InsightPerson) ON (n.cut_size);
CREATE INDEX insight_person_impact_order IF NOT EXISTS FOR (n:InsightPerson) ON (n.impact_order);
CREATE INDEX insight_person_exposed_order IF NOT EXISTS FOR (n:InsightPerson) ON (n.exposed_order);
CREATE INDEX insight_part_kind IF NOT EXISTS FOR (n:InsightPart) ON (n.kind);
CREATE INDEX insight_part_key IF NOT EXISTS FOR (n:InsightPart) ON (n.kind, n.key);
// stored mentoring rounds, one node per round (cypher/matching/)
CREATE CONSTRAINT match_round_id IF NOT EXISTS FOR (n:MatchRound) REQUIRE n.id IS UNIQUE;
// a round's proposals, one node per pair (cypher/matching/)
CREATE CONSTRAINT match_proposal_id IF NOT EXISTS FOR (n:MatchProposal) REQUIRE n.id IS UNIQUE;
CREATE INDEX match_proposal_round IF NOT EXISTS FOR (n:MatchProposal) ON (n.round);
CREATE INDEX match_proposal_mentor IF NOT EXISTS FOR (n:MatchProposal) ON (n.mentor);
CREATE INDEX match_proposal_mentee IF NOT EXISTS FOR (n:MatchProposal) ON (n.mentee);
// the outbox, one node per message (cypher/mail/)
CREATE CONSTRAINT outbox_message_id IF NOT EXISTS FOR (n:OutboxMessage) REQUIRE n.id IS UNIQUE;
CREATE INDEX outbox_message_to IF NOT EXISTS FOR (n:OutboxMessage) ON (n.to_person);
CREATE INDEX outbox_message_due IF NOT EXISTS FOR (n:OutboxMessage) ON (n.state, n.next_try)
